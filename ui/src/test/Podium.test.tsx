import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { renderWithClient } from "./render";
import "../i18n";
import StandingsView from "../components/awards/StandingsView";
import type { Ranking } from "../api";

const entry = (id: number, name: string, score: number, rank: number) => ({ entrant_id: id, name, score, rank, gap: 0, tier: null, shared: rank === 2 });

describe("the podium", () => {
  it("gives a medal by rank, so two teams tied for 2nd are both silver and nobody is bronze", () => {
    const ranking: Ranking = { scope: "team", industry: null, unit: "quantity", entries: [entry(1, "东区", 30, 1), entry(2, "西区", 20, 2), entry(3, "南区", 20, 2), entry(4, "北区", 10, 4)] };
    renderWithClient(<StandingsView ranking={ranking} history={[]} criteria={false} />);
    const medals = [...screen.getByTestId("podium").querySelectorAll("[data-medal]")].map((c) => c.getAttribute("data-medal"));
    expect(medals, "1st gold, the two 2nds silver").toEqual(["1", "2", "2"]);
  });
});
