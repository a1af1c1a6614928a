// A minimal W3C WebDriver client over fetch: enough to drive the real app through
// tauri-driver without pulling a browser-automation framework into the build.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args) {
    const body = { capabilities: { alwaysMatch: { "tauri:options": { application, args } } } };
    const value = await request(base, "POST", "/session", body);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    if (!value[ELEMENT]) throw new Error(`no element reference in ${JSON.stringify(value)}`);
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** Polls until `css` matches an element (and `predicate` holds for its text), or fails with `why`. */
  async waitFor(css, why, predicate = () => true, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    let lastText = null;
    let lastError = null;
    while (Date.now() < deadline) {
      try {
        const el = await this.find(css);
        lastText = await this.text(el);
        if (predicate(lastText)) return el;
      } catch (e) {
        lastError = e; // not there yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${css}: ${why} (last text: ${JSON.stringify(lastText)}, last error: ${lastError})`);
  }

  text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }

  /** Waits until no antd open/close animation is running, so clicks land where they aim. */
  async settle(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    const busy = `return !!document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]')`;
    while (Date.now() < deadline && (await this.execute(busy))) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Clicks once animations have settled; retries while an element is still not interactable. */
  async click(el, timeoutMs = 5000) {
    await this.settle();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.cmd("POST", `/element/${el}/click`, {});
      } catch (e) {
        if (Date.now() < deadline && String(e.message).includes("not interactable")) {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        throw await this.#describe(e, el);
      }
    }
  }

  async #describe(e, el) {
    const html = await this.execute("return arguments[0].outerHTML.slice(0, 160)", [{ [ELEMENT]: el }]).catch(() => "?");
    return new Error(`${e.message} on ${html}`);
  }

  type(el, text) {
    return this.cmd("POST", `/element/${el}/value`, { text });
  }

  /**
   * Replaces an input's text the way a user does (select all, type over it): WebDriver's own
   * clear sets the value behind React's back, so a controlled input would keep its old state.
   */
  async replaceText(el, text) {
    await this.settle();
    await this.execute("arguments[0].focus(); arguments[0].select();", [{ [ELEMENT]: el }]);
    return this.type(el, text);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  screenshot() {
    return this.cmd("GET", "/screenshot");
  }

  end() {
    return request(this.base, "DELETE", `/session/${this.id}`);
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}
