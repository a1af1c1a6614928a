import { describe, expect, it } from "vitest";
import { trendPath } from "../components/dashboard/Sparkline";

describe("trendPath", () => {
  it("draws nothing when no week has a figure", () => {
    expect(trendPath([null, null]), "an empty trend must not draw a line at zero").toBe("");
  });

  it("breaks the line at a week without a figure", () => {
    const path = trendPath([1, 2, null, 3, 4]);
    expect(path.match(/M/g)?.length, "a missing week starts a new stretch, it is not bridged").toBe(2);
    expect(path.match(/L/g)?.length, "each stretch joins its own weeks").toBe(2);
  });

  it("puts the highest figure at the top and the lowest at the bottom", () => {
    const ys = trendPath([10, 30, 20], 96, 28).split(/[ML]/).filter(Boolean).map((p) => Number(p.split(" ")[1]));
    expect(Math.min(...ys), "the highest week is drawn highest (smallest y)").toBe(ys[1]);
    expect(Math.max(...ys), "the lowest week is drawn lowest").toBe(ys[0]);
  });

  it("draws a flat trend across the middle", () => {
    const ys = trendPath([5, 5, 5], 96, 28).split(/[ML]/).filter(Boolean).map((p) => Number(p.split(" ")[1]));
    expect(new Set(ys), "unchanged figures are one level line, not pinned to an edge").toEqual(new Set([14]));
  });
});
