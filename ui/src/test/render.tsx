import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { makeQueryClient } from "../queries/client";

/** Renders with a fresh query cache of the app's settings, as main.tsx provides; rerender keeps the cache. */
export function renderWithClient(ui: ReactElement) {
  const client = makeQueryClient();
  const wrap = (node: ReactElement) => <QueryClientProvider client={client}>{node}</QueryClientProvider>;
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
}
