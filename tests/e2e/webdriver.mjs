// A minimal W3C WebDriver client over fetch: enough to drive the real app through
// tauri-driver without pulling a browser-automation framework into the build.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const ARTIFACTS = resolve("tests/e2e/artifacts");

// Generous, because a cold debug build under Xvfb on a busy machine can take seconds to answer;
// a wait returns as soon as its state holds, so a passing run never pays this.
export const PATIENCE_MS = 20000;
const POLL_MS = 200;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// Whether an element can take a click now: its box (to tell when it has stopped moving), whether it
// is enabled, and whether the element at its centre is it or inside it. Scrolls it into view first,
// as the click itself would.
const CLICKABLE = `
  const el = arguments[0];
  let r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    r = el.getBoundingClientRect();
  }
  const top = r.width > 0 && r.height > 0 ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
  return {
    box: [r.left, r.top, r.width, r.height].map(Math.round).join(","),
    enabled: !el.closest("button:disabled, [aria-disabled=true], .ant-select-disabled"),
    hit: !!top && (top === el || el.contains(top)),
    on_top: top ? top.outerHTML.slice(0, 120) : null,
  };`;

/**
 * Polls `read` until `holds` accepts what it returned, and returns that value. A read that throws
 * (no such element yet, a stale reference) counts as "not yet". Every assertion about the app after
 * an action goes through here: the app answers asynchronously, so a value read right after a click
 * may be the state before the click. On timeout the error says what was expected and what was last
 * seen, so a failure names the state that never came.
 */
export async function waitFor(read, holds, expected, timeoutMs = PATIENCE_MS) {
  const deadline = Date.now() + timeoutMs;
  let seen = "(nothing read yet)";
  let lastError = null;
  for (;;) {
    try {
      const value = await read();
      if (holds(value)) return value;
      seen = JSON.stringify(value);
      lastError = null;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await pause(POLL_MS);
  }
  const error = lastError ? `; the last read failed: ${lastError.message}` : "";
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${expected}; last seen: ${seen}${error}`);
}

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

  /**
   * Waits until `css` matches an element whose text satisfies `holds`, and returns that element.
   * `expected` says, in words, the state the test is waiting for; it is in the failure message.
   */
  async waitFor(css, expected, holds = () => true, timeoutMs = PATIENCE_MS) {
    let el = null;
    await waitFor(async () => {
      el = await this.find(css);
      return this.text(el);
    }, holds, `${css}: ${expected}`, timeoutMs);
    return el;
  }

  /** Like `waitFor`, but returns the text that satisfied `holds`. */
  waitForText(css, expected, holds = () => true, timeoutMs = PATIENCE_MS) {
    return waitFor(async () => this.text(await this.find(css)), holds, `${css}: ${expected}`, timeoutMs);
  }

  /** Waits until the number of elements matching `css` satisfies `holds`; returns them. */
  async waitForAll(css, expected, holds, timeoutMs = PATIENCE_MS) {
    let all = [];
    await waitFor(async () => {
      all = await this.findAll(css);
      return all.length;
    }, holds, `${css}: ${expected} (a count of matches)`, timeoutMs);
    return all;
  }

  /** Waits until what `script` returns in the page satisfies `holds`; returns that value. */
  waitForScript(script, expected, holds, timeoutMs = PATIENCE_MS) {
    return waitFor(() => this.execute(script), holds, expected, timeoutMs);
  }

  text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }

  /** Waits until no antd open/close animation is running (rc-motion's prepare, start and active steps). */
  async settle(timeoutMs = PATIENCE_MS) {
    const steps = ["appear", "enter", "leave"].flatMap((s) => ["prepare", "start", "active"].map((p) => `[class*="-${s}-${p}"]`));
    await waitFor(() => this.execute(`return !!document.querySelector('${steps.join(", ")}')`), (busy) => !busy, "open and close animations to finish", timeoutMs);
  }

  /**
   * Clicks `el` once it can take the click: enabled, at rest (the same box twice running) and the
   * topmost element at its centre. WebKitWebDriver does not report a click that lands on whatever
   * is under a popover still fading in: it clicks that instead (seen as a popconfirm's OK button
   * opening the select behind it), so the test checks the hit itself before clicking.
   */
  async click(el, timeoutMs = PATIENCE_MS) {
    await this.settle();
    let lastBox = null;
    await waitFor(async () => {
      const state = await this.execute(CLICKABLE, [{ [ELEMENT]: el }]);
      const still = lastBox !== null && lastBox === state.box;
      lastBox = state.box;
      return { ...state, still };
    }, (v) => v.enabled && v.hit && v.still, `${await this.#html(el)} to be enabled, at rest and on top`, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.cmd("POST", `/element/${el}/click`, {});
      } catch (e) {
        if (Date.now() < deadline && String(e.message).includes("not interactable")) {
          await pause(POLL_MS);
          continue;
        }
        throw new Error(`${e.message} on ${await this.#html(el)}`);
      }
    }
  }

  #html(el) {
    return this.execute("return arguments[0].outerHTML.slice(0, 160)", [{ [ELEMENT]: el }]).catch(() => "(an element no longer in the page)");
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

  /**
   * For a failed test: the window as a picture and the page as HTML, in tests/e2e/artifacts, so
   * the failure can be read after the app is gone. Never throws: it must not hide the failure.
   */
  async keepEvidence(name) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.screenshot()
      .then((png) => writeFileSync(join(ARTIFACTS, `${name}.png`), Buffer.from(png, "base64")))
      .catch(() => {});
    await this.execute("return document.documentElement.outerHTML")
      .then((html) => writeFileSync(join(ARTIFACTS, `${name}.html`), html))
      .catch(() => {});
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
