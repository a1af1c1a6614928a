/**
 * The keyboard for the frequent actions, on every page, by what the page marks:
 * - Ctrl+F or / : focus the page's search box (`data-shortcut="search"`);
 * - Ctrl+S : the visible save button that is enabled (`data-shortcut="save"`), in the topmost
 *   dialog when one is open;
 * - ↓/↑ or j/k : move through the rows of the page's main table (`data-shortcut="rows"`), and
 *   Enter opens the row, as a click does.
 * Keys typed into a field stay the field's, except Ctrl+S.
 */

const ROW = "tbody tr.ant-table-row";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function visible(el: Element): boolean {
  if (typeof el.checkVisibility === "function") return el.checkVisibility();
  // Engines without checkVisibility: hidden tabs, closed dialogs and display:none ancestors.
  for (let at: Element | null = el; at; at = at.parentElement) {
    if (at.hasAttribute("hidden") || at.classList.contains("ant-tabs-tabpane-hidden") || getComputedStyle(at).display === "none") return false;
  }
  return true;
}

/** The topmost open dialog or drawer, else the page: where a shortcut acts. */
function scope(): ParentNode {
  const layers = [...document.querySelectorAll(".ant-modal-wrap, .ant-drawer-content-wrapper")].filter(visible);
  return layers.at(-1) ?? document;
}

function first<T extends Element>(root: ParentNode, css: string): T | null {
  return ([...root.querySelectorAll<T>(css)].find(visible) ?? null);
}

function searchBox(root: ParentNode): HTMLInputElement | null {
  const marked = first<HTMLElement>(root, "[data-shortcut=search]");
  if (!marked) return null;
  return marked instanceof HTMLInputElement ? marked : marked.querySelector("input");
}

function moveRow(root: ParentNode, step: number): boolean {
  const table = first<HTMLElement>(root, "[data-shortcut=rows]");
  if (!table) return false;
  const rows = [...table.querySelectorAll<HTMLTableRowElement>(ROW)];
  if (rows.length === 0) return false;
  const at = rows.findIndex((r) => r === document.activeElement);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  next.tabIndex = -1;
  next.focus();
  next.scrollIntoView({ block: "nearest" });
  return true;
}

export function onShortcut(e: KeyboardEvent): void {
  const root = scope();
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (ctrl && !e.shiftKey && !e.altKey && key === "s") {
    const save = first<HTMLButtonElement>(root, "[data-shortcut=save]:not([disabled])");
    e.preventDefault();
    save?.click();
    return;
  }
  if ((ctrl && key === "f") || (!ctrl && e.key === "/" && !typing(e.target))) {
    const box = searchBox(root);
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
    return;
  }
  if (ctrl || e.altKey || typing(e.target)) return;
  if (key === "arrowdown" || key === "j" || key === "arrowup" || key === "k") {
    if (moveRow(root, key === "arrowdown" || key === "j" ? 1 : -1)) e.preventDefault();
    return;
  }
  const row = document.activeElement;
  if (key === "enter" && row instanceof HTMLTableRowElement && row.matches(ROW)) {
    e.preventDefault();
    row.click();
  }
}

/** Listens for the shortcuts on the window; returns the way to stop. */
export function listenForShortcuts(): () => void {
  window.addEventListener("keydown", onShortcut);
  return () => window.removeEventListener("keydown", onShortcut);
}
