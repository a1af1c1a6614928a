import type { Campaign, CampaignSummary, ClientDetail, ClientRow, Person, Team } from "../api";

export const campaign: Campaign = {
  id: 1,
  name: "长城计划",
  theme: "领跑3G信息化，助您事业新境界",
  start_date: "2026-10-01",
  end_date: "2026-12-31",
  status: "active",
  subsidy_budget: 60_000_000,
  goals: "目的一 存量保持",
  risk: { expiry_window_days: 90, high_spend: 500_000, high_price: 50_000 },
};

export const summary: CampaignSummary = {
  targets: 3,
  contracts: 5,
  by_category: [["strategic", 1], ["sme", 2]],
  by_tier: [["A", 1], ["C", 2]],
  by_team: [["市政企客户部", 1], ["网吧宽频部", 2]],
  high_risk: 1,
  high_risk_by_category: [["strategic", 1]],
  high_risk_by_team: [["市政企客户部", 1]],
};

export const teams: Team[] = [{ id: 1, name: "市政企客户部" }, { id: 2, name: "网吧宽频部" }];
export const people: Person[] = [
  { id: 1, name: "王建国", team_id: 1, team: "市政企客户部", is_account_manager: true },
  { id: 2, name: "杨帆", team_id: 2, team: "网吧宽频部", is_account_manager: true },
];

export function row(i: number, name: string): ClientRow {
  return {
    id: i,
    code: `KH${String(i).padStart(5, "0")}`,
    name,
    category: i === 1 ? "strategic" : "sme",
    tier: i === 1 ? "A" : "C",
    industry: "网吧",
    district: "鼓楼区",
    team_id: 2,
    team: "网吧宽频部",
    account_manager_id: 2,
    account_manager: "杨帆",
    contract_count: 1,
    monthly_fee: 123_450,
    risks: i === 1 ? ["expiring"] : [],
  };
}

export function detail(r: ClientRow): ClientDetail {
  return { ...r, key_person: "王主任", key_person_phone: "13800000000", notes: "", contracts: [], campaign_ids: [1] };
}
