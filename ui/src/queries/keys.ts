import type { ClientQuery, PlanFilter, Scope, WarningFilter } from "../api";

// Every query's key, built here only. Keys under ["campaign", id, area, …] belong to one
// campaign, so a mutation can invalidate one area of one campaign (or of every campaign) and
// nothing else; an answer is cached under the arguments it was asked with, so a late answer to
// an earlier question can never show under a newer one.
export type Area =
  | "dashboard" | "summary" | "clients" | "client-risks" | "subsidy" | "scenarios" | "plans" | "awards" | "metrics" | "standings" | "warnings"
  | "key-persons" | "skeleton" | "service" | "points";

const campaign = (id: number, area: Area) => ["campaign", id, area] as const;

export const keys = {
  appInfo: () => ["app-info"] as const,
  campaigns: () => ["campaigns"] as const,
  area: campaign,
  summary: (campaignId: number) => campaign(campaignId, "summary"),
  /** Every figure of the campaign feeds it: `invalidateAreas` refreshes it with any other area. */
  dashboard: (campaignId: number, asOf: string | null, teamId: number | null) => [...campaign(campaignId, "dashboard"), asOf ?? "today", teamId] as const,
  teams: () => ["teams"] as const,
  people: () => ["people"] as const,
  /** The organisation page's lists, duplicates and log: all under ["org"]. */
  orgTeams: () => ["org", "teams"] as const,
  orgPeople: () => ["org", "people"] as const,
  duplicates: () => ["org", "duplicates"] as const,
  orgLog: () => ["org", "log"] as const,
  reassignPreview: (query: ClientQuery, to: number) => ["org", "reassign", query, to] as const,

  clients: (query: ClientQuery) => [...campaign(query.campaign_id ?? 0, "clients"), query] as const,
  /** A client belongs to no one campaign: its detail is keyed by its id alone. */
  client: (id: number) => ["client", id] as const,
  /** A client's contacts and their history, under its detail so a change there refreshes both. */
  contacts: (clientId: number) => ["client", clientId, "contacts"] as const,
  contactHistory: (clientId: number) => ["client", clientId, "contact-history"] as const,
  clientRisks: (campaignId: number, clientId: number) => [...campaign(campaignId, "client-risks"), clientId] as const,
  importBatches: () => ["import-batches"] as const,

  subsidyRules: (campaignId: number) => [...campaign(campaignId, "subsidy"), "rules"] as const,
  subsidyHistory: (campaignId: number) => [...campaign(campaignId, "subsidy"), "history"] as const,
  subsidyTotals: (campaignId: number) => [...campaign(campaignId, "subsidy"), "totals"] as const,
  subsidyClients: (query: ClientQuery, flaggedOnly: boolean, riskFirst: boolean) =>
    [...campaign(query.campaign_id ?? 0, "subsidy"), "clients", query, flaggedOnly, riskFirst] as const,
  subsidyClient: (campaignId: number, clientId: number) => [...campaign(campaignId, "subsidy"), "client", clientId] as const,
  scenarios: (campaignId: number) => [...campaign(campaignId, "scenarios"), "list"] as const,
  comparison: (campaignId: number, scenarioId: number) => [...campaign(campaignId, "scenarios"), "compare", scenarioId] as const,

  plans: (campaignId: number, filter: PlanFilter) => [...campaign(campaignId, "plans"), "list", filter] as const,
  workload: (campaignId: number) => [...campaign(campaignId, "plans"), "workload"] as const,
  timeline: (campaignId: number) => [...campaign(campaignId, "plans"), "timeline"] as const,
  template: (campaignId: number) => [...campaign(campaignId, "plans"), "template"] as const,
  /** One plan and its log (["plan", id, "log"]): invalidating ["plan", id] refreshes both. */
  plan: (id: number) => ["plan", id] as const,
  planLog: (id: number) => ["plan", id, "log"] as const,

  awards: (campaignId: number) => campaign(campaignId, "awards"),
  metrics: (campaignId: number) => campaign(campaignId, "metrics"),
  standings: (campaignId: number, asOf: string | null) => [...campaign(campaignId, "standings"), "as-of", asOf] as const,
  /** Under the standings: whatever moves the standings moves their history. */
  rankHistory: (campaignId: number, awardId: number, scope: Scope, asOf: string | null) =>
    [...campaign(campaignId, "standings"), "history", awardId, scope, asOf ?? "today"] as const,
  /** Under the standings too: prize costs follow the standings they are paid on. */
  incentiveBudget: (campaignId: number, asOf: string | null) => [...campaign(campaignId, "standings"), "budget", asOf ?? "today"] as const,

  warnings: (campaignId: number, filter: WarningFilter) => [...campaign(campaignId, "warnings"), "list", filter] as const,
  warningSummary: (campaignId: number) => [...campaign(campaignId, "warnings"), "summary"] as const,
  warningThreshold: (campaignId: number) => [...campaign(campaignId, "warnings"), "threshold"] as const,
  warningErosion: (campaignId: number) => [...campaign(campaignId, "warnings"), "erosion"] as const,
  keyPersonChanges: (campaignId: number, since: string) => [...campaign(campaignId, "key-persons"), since] as const,

  /** Goals, battles and workstreams, their KPIs and figures: all under the campaign's "skeleton". */
  goals: (campaignId: number) => [...campaign(campaignId, "skeleton"), "goals"] as const,
  parts: (campaignId: number) => [...campaign(campaignId, "skeleton"), "parts"] as const,
  kpis: (campaignId: number) => [...campaign(campaignId, "skeleton"), "kpis"] as const,
  kpiReadings: (campaignId: number, asOf: string | null) => [...campaign(campaignId, "skeleton"), "readings", asOf ?? "today"] as const,
  kpiValues: (campaignId: number, kpiId: number) => [...campaign(campaignId, "skeleton"), "values", kpiId] as const,
  scopeChoices: (campaignId: number) => [...campaign(campaignId, "skeleton"), "scope-choices"] as const,
  /** The metric catalogue is the program's, the same for every campaign. */
  kpiMetrics: () => ["kpi-metrics"] as const,
};
