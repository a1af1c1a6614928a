import "@testing-library/jest-dom/vitest";
import { afterEach, vi } from "vitest";
import { cleanup, configure } from "@testing-library/react";

// CI shares two cores with a Rust build; give renders time instead of failing on a slow tick.
configure({ asyncUtilTimeout: 30_000 });
import { clearMocks } from "@tauri-apps/api/mocks";

// jsdom lacks the layout APIs antd's responsive components query.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
});
// antd measures scrollbars through pseudo-elements, which jsdom does not implement.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (elt: Element) => computedStyle(elt);
// Nor does it scroll: the keyboard's row cursor brings its row into view.
Element.prototype.scrollIntoView = function scrollIntoView() {};
globalThis.ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(() => {
  cleanup();
  clearMocks();
  // The page and its filters live in the URL (navigation.ts): each test starts on the overview.
  window.history.replaceState(null, "", "/");
  // Tables remember their sort, filters and widths (components/table/memory.ts): not across tests.
  window.localStorage.clear();
});
