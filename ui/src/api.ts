// Typed calls into the Rust shell. Every command returns data or an ErrorReport from
// rampart-core, with a stable code and messages in both languages.
import { Channel, invoke } from "@tauri-apps/api/core";

export type Category = "strategic" | "local_key" | "campus" | "sme";
export type Tier = "A" | "B" | "C";
export type ProductType = "fiber_only" | "bundle" | "broadband" | "mobile";
export type CampaignStatus = "draft" | "active" | "closed";

export interface Campaign {
  id: number;
  name: string;
  theme: string;
  start_date: string;
  end_date: string;
  status: CampaignStatus;
  /** Fen (分): money is exact integers end to end. */
  subsidy_budget: number;
  goals: string;
  risk: { expiry_window_days: number; high_spend: number; high_price: number };
}
export type CampaignInput = Omit<Campaign, "id" | "risk">;

export interface CampaignSummary {
  targets: number;
  contracts: number;
  by_category: [Category, number][];
  by_tier: [Tier, number][];
  by_team: [string, number][];
  high_risk: number;
  high_risk_by_category: [Category, number][];
  high_risk_by_team: [string, number][];
}

export interface ClientRow {
  id: number;
  code: string;
  name: string;
  category: Category;
  tier: Tier;
  industry: string;
  district: string;
  team_id: number | null;
  team: string | null;
  account_manager_id: number | null;
  account_manager: string | null;
  contract_count: number;
  monthly_fee: number;
  risks: ("expiring" | "high_spend" | "high_price")[];
}

export interface Contract {
  id: number;
  number: string;
  product_type: ProductType;
  monthly_fee: number;
  dec_fee: number;
  term_months: number;
  end_date: string | null;
  fiber_to_premises: boolean;
}

export interface ClientDetail extends ClientRow {
  key_person: string;
  key_person_phone: string;
  notes: string;
  contracts: Contract[];
  campaign_ids: number[];
}

export interface ClientInput {
  code: string;
  name: string;
  category: Category;
  tier: Tier;
  industry: string;
  district: string;
  team_id: number | null;
  account_manager_id: number | null;
  key_person: string;
  key_person_phone: string;
  notes: string;
}

export type ClientSort = "code" | "name" | "category" | "tier" | "industry" | "district" | "team" | "account_manager";

export interface ClientQuery {
  campaign_id?: number | null;
  search?: string | null;
  category?: Category | null;
  tier?: Tier | null;
  team_id?: number | null;
  account_manager_id?: number | null;
  risk?: "any" | "expiring" | "high_spend" | "high_price" | null;
  sort?: ClientSort;
  descending?: boolean;
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  total: number;
  rows: T[];
}
export interface Team {
  id: number;
  name: string;
}
export interface Person {
  id: number;
  name: string;
  team_id: number | null;
  team: string | null;
  is_account_manager: boolean;
}

export interface FieldReport {
  field: string;
  message_zh: string;
  message_en: string;
}
export interface ErrorReport {
  code: string;
  message_zh: string;
  message_en: string;
  fields: FieldReport[];
}

/** A failed command, carrying the core's report. */
export class ApiError extends Error {
  constructor(public report: ErrorReport) {
    super(report.message_en);
  }
  message_for(language: string): string {
    return language.startsWith("zh") ? this.report.message_zh : this.report.message_en;
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) throw new ApiError(e as ErrorReport);
    const text = String(e);
    throw new ApiError({ code: "internal", message_zh: text, message_en: text, fields: [] });
  }
}

export const api = {
  appInfo: () => call<{ db_path: string; language: string }>("app_info"),
  setLanguage: (language: string) => call<void>("set_language", { language }),
  campaigns: () => call<Campaign[]>("campaigns_list"),
  campaign: (id: number) => call<Campaign>("campaign_get", { id }),
  updateCampaign: (id: number, input: CampaignInput) => call<Campaign>("campaign_update", { id, input }),
  campaignSummary: (id: number) => call<CampaignSummary>("campaign_summary", { id }),
  clients: (query: ClientQuery) => call<Page<ClientRow>>("clients_page", { query }),
  client: (id: number) => call<ClientDetail>("client_get", { id }),
  createClient: (input: ClientInput, campaignId: number | null) =>
    call<ClientDetail>("client_create", { input, campaignId }),
  updateClient: (id: number, input: ClientInput) => call<ClientDetail>("client_update", { id, input }),
  deleteClient: (id: number) => call<void>("client_delete", { id }),
  teams: () => call<Team[]>("teams_list"),
  people: () => call<Person[]>("people_list"),
};

// ---- Cross-subsidy (rates in basis points: 4000 = 40 %) ----
export interface RateRule {
  product_type: ProductType;
  term_from: number;
  term_to: number | null;
  min_bp: number;
  default_bp: number;
  max_bp: number;
}
export interface UpliftRule {
  term_over: number;
  min_bp: number;
  default_bp: number;
  max_bp: number;
}
export interface RuleTable {
  rates: RateRule[];
  uplifts: UpliftRule[];
}
export interface RuleSet {
  id: number;
  campaign_id: number;
  kind: "current" | "superseded" | "scenario" | "discarded";
  name: string;
  author: string;
  created_at: string;
  note: string;
  table: RuleTable;
}
export interface TotalRow {
  key: string;
  amount: number;
  clients: number;
  contracts: number;
}
export interface SubsidyTotals {
  total: number;
  budget: number;
  clients: number;
  contracts: number;
  flagged: number;
  by_category: TotalRow[];
  by_team: TotalRow[];
}
export interface ClientSubsidy {
  client_id: number;
  code: string;
  name: string;
  category: Category;
  team: string | null;
  subsidy: number;
  contracts: number;
  flagged: boolean;
}
export interface SubsidyLine {
  base: number;
  rule: RateRule | null;
  rate_bp: number;
  source: { kind: "default" } | { kind: "override"; reason: string };
  uplift: UpliftRule | null;
  uplift_bp: number;
  amount: number;
  flag: "no_rule" | "override_out_of_range" | null;
}
export interface ContractSubsidy {
  contract: Contract;
  line: SubsidyLine;
}
export interface Comparison {
  scenario: RuleSet;
  current: SubsidyTotals;
  proposed: SubsidyTotals;
}

export const subsidyApi = {
  rules: (campaignId: number) => call<RuleSet>("subsidy_rules", { campaignId }),
  saveRules: (campaignId: number, table: RuleTable) => call<RuleSet>("subsidy_rules_save", { campaignId, table }),
  history: (campaignId: number) => call<RuleSet[]>("subsidy_history", { campaignId }),
  totals: (campaignId: number) => call<SubsidyTotals>("subsidy_totals", { campaignId }),
  clients: (query: ClientQuery, flaggedOnly: boolean, riskFirst: boolean) =>
    call<Page<ClientSubsidy>>("subsidy_clients", { query, flaggedOnly, riskFirst }),
  client: (campaignId: number, clientId: number) => call<ContractSubsidy[]>("subsidy_client", { campaignId, clientId }),
  setOverride: (campaignId: number, contractId: number, rateBp: number, reason: string) =>
    call<ContractSubsidy>("subsidy_override_set", { campaignId, contractId, rateBp, reason }),
  clearOverride: (campaignId: number, contractId: number) => call<void>("subsidy_override_clear", { campaignId, contractId }),
  scenarios: (campaignId: number) => call<RuleSet[]>("scenarios_list", { campaignId }),
  createScenario: (campaignId: number, name: string) => call<RuleSet>("scenario_create", { campaignId, name }),
  updateScenario: (id: number, table: RuleTable) => call<RuleSet>("scenario_update", { id, table }),
  compare: (id: number) => call<Comparison>("scenario_compare", { id }),
  adopt: (id: number) => call<RuleSet>("scenario_adopt", { id }),
  discard: (id: number) => call<void>("scenario_discard", { id }),
};

// ---- Import and high-risk flags ----
export type ImportField =
  | "client_code" | "client_name" | "category" | "tier" | "industry" | "district" | "team" | "account_manager"
  | "key_person" | "key_person_phone" | "contract_no" | "product_type" | "monthly_fee" | "dec_fee" | "term_months"
  | "end_date" | "fiber";
export const IMPORT_FIELDS: ImportField[] = [
  "client_code", "client_name", "category", "tier", "industry", "district", "team", "account_manager", "key_person",
  "key_person_phone", "contract_no", "product_type", "monthly_fee", "dec_fee", "term_months", "end_date", "fiber",
];
export interface Inspection {
  file: string;
  sheet: string | null;
  header_line: number;
  columns: { header: string; field: ImportField | null }[];
  missing: ImportField[];
}
export interface ImportCounts {
  clients_created: number;
  clients_updated: number;
  contracts_created: number;
  contracts_updated: number;
  teams_created: number;
  managers_created: number;
  targets_added: number;
}
export interface ImportProblem {
  line: number;
  column: string;
  value: string;
  message_zh: string;
  message_en: string;
}
export interface ImportReport {
  file: string;
  sheet: string | null;
  header_line: number;
  rows: number;
  ignored_columns: string[];
  problems: ImportProblem[];
  more_problems: number;
  counts: ImportCounts;
  dry_run: boolean;
  written: boolean;
}
export interface ImportBatch {
  id: number;
  file: string;
  campaign_id: number | null;
  author: string;
  created_at: string;
  undone_at: string | null;
}
export type RiskFlag = "expiring" | "high_spend" | "high_price";
export interface RiskReason {
  flag: RiskFlag;
  zh: string;
  en: string;
}
export interface RiskSettings {
  expiry_window_days: number;
  high_spend: number;
  high_price: number;
}

/**
 * A file (or files) the user chose in the shell's native dialog. The page never sees or sends a
 * path: commands that read or write a file take this token back.
 */
export interface Picked {
  token: string;
  /** File names without their folders, to show. */
  names: string[];
}

export const importApi = {
  /** Any file to read: a client list, a billing snapshot, an achievements sheet. */
  pickFile: () => call<Picked | null>("import_pick_file"),
  inspect: (file: string) => call<Inspection>("import_inspect", { file }),
  mapHeader: (header: string, field: ImportField | null) => call<void>("import_map_header", { header, field }),
  run: (file: string, campaignId: number | null, dryRun: boolean, onProgress: (rows: number) => void) => {
    const progress = new Channel<number>();
    progress.onmessage = onProgress;
    return call<ImportReport>("import_run", { file, campaignId, dryRun, progress });
  },
  cancel: () => call<void>("import_cancel"),
  undo: () => call<ImportBatch>("import_undo"),
  batches: () => call<ImportBatch[]>("import_batches"),
  risks: (campaignId: number, clientId: number) => call<RiskReason[]>("client_risks", { campaignId, clientId }),
  saveRisk: (campaignId: number, settings: RiskSettings) => call<Campaign>("campaign_risk_save", { campaignId, settings }),
};

// ---- 一户一案 plans ----
export type ItemKind = "follow_up" | "expert" | "give_back" | "fast_response" | "high_quality" | "custom";
export type ItemStatus = "not_started" | "in_progress" | "done" | "blocked";
export interface PlanSummary {
  id: number;
  client_id: number;
  code: string;
  client: string;
  category: Category;
  team: string | null;
  account_manager: string | null;
  goal: string;
  item_count: number;
  done: number;
  late: number;
  blocked: number;
  progress: number;
}
export interface PlanItem {
  id: number;
  kind: ItemKind;
  title: string;
  owner_id: number | null;
  owner: string | null;
  due: string;
  status: ItemStatus;
  done_on: string | null;
  blocked_reason: string;
  note: string;
  late: boolean;
  done_late: boolean;
}
export interface Plan extends PlanSummary {
  members: Person[];
  items: PlanItem[];
}
export interface LogEntry {
  at: string;
  author: string;
  item: string | null;
  field: string;
  from: string;
  to: string;
  /** Values the codes need: an item's `title`, a status's `done_on` or `reason`. */
  detail?: Record<string, string>;
}
export interface Workload {
  owner_id: number | null;
  owner: string | null;
  items: number;
  done: number;
  late: number;
}
export interface DueDay {
  due: string;
  items: number;
  done: number;
  late: number;
}
export interface PlanFilter {
  team_id?: number | null;
  owner_id?: number | null;
  category?: Category | null;
}

export const planApi = {
  list: (campaignId: number, filter: PlanFilter) => call<PlanSummary[]>("plans_list", { campaignId, filter }),
  get: (id: number) => call<Plan>("plan_get", { id }),
  create: (campaignId: number, clientId: number, goal: string) => call<Plan>("plan_create", { campaignId, clientId, goal }),
  saveGoal: (id: number, goal: string, members: number[]) => call<Plan>("plan_goal_save", { id, goal, members }),
  setStatus: (itemId: number, status: ItemStatus, reason: string) => call<PlanItem>("plan_item_status", { itemId, status, reason }),
  updateItem: (itemId: number, edit: { title: string; owner_id: number | null; due: string; note: string }) =>
    call<PlanItem>("plan_item_update", { itemId, edit }),
  addItem: (planId: number, title: string, ownerId: number | null, due: string) => call<number>("plan_item_add", { planId, title, ownerId, due }),
  deleteItem: (itemId: number) => call<void>("plan_item_delete", { itemId }),
  restoreItem: (itemId: number) => call<void>("plan_item_restore", { itemId }),
  remove: (id: number) => call<void>("plan_delete", { id }),
  restore: (id: number) => call<void>("plan_restore", { id }),
  log: (id: number) => call<LogEntry[]>("plan_log", { id }),
  workload: (campaignId: number) => call<Workload[]>("plan_workload", { campaignId }),
  timeline: (campaignId: number) => call<DueDay[]>("plan_timeline", { campaignId }),
  template: (campaignId: number) => call<[ItemKind, string][]>("plan_template_get", { campaignId }),
  saveTemplate: (campaignId: number, items: [ItemKind, string][]) => call<void>("plan_template_save", { campaignId, items }),
};

// ---- Incentives: awards, achievements, standings ----
export type Scope = "team" | "person";
export interface AwardTier {
  name: string;
  places: number;
  honour: string;
  amount: number | null;
}
export interface Award {
  id: number;
  name: string;
  kind: "overall" | "single";
  for_teams: boolean;
  for_people: boolean;
  metric: string | null;
  by_industry: boolean;
  use_targets: boolean;
  tie_break: string;
  tiers: AwardTier[];
  targets: [Scope, number, number][];
  weights: [string, number][];
  locked: { at: string; by: string } | null;
}
export type AwardInput = Omit<Award, "id" | "locked">;
export interface AchievementReport {
  file: string;
  header_line: number;
  rows: number;
  added: number;
  problems: ImportProblem[];
  dry_run: boolean;
  written: boolean;
}
export interface StandingEntry {
  entrant_id: number;
  name: string;
  score: number;
  rank: number;
  gap: number;
  tier: string | null;
}
export interface Ranking {
  scope: Scope;
  industry: string | null;
  unit: "quantity" | "attainment_bp" | "weighted_bp";
  entries: StandingEntry[];
}
export interface Standing {
  award_id: number;
  name: string;
  kind: "overall" | "single";
  tie_break: string;
  as_of: string;
  rankings: Ranking[];
  locked: { at: string; by: string } | null;
}
export interface AchievementInput {
  date: string;
  metric: string;
  team_id: number | null;
  person_id: number | null;
  quantity: number;
  amount: number;
  client_id: number | null;
  note: string;
}

export const awardApi = {
  list: (campaignId: number) => call<Award[]>("awards_list", { campaignId }),
  metrics: (campaignId: number) => call<[string, string][]>("metrics_list", { campaignId }),
  addAchievement: (campaignId: number, input: AchievementInput) => call<number>("achievement_add", { campaignId, input }),
  standings: (campaignId: number, asOf: string | null) => call<Standing[]>("standings_get", { campaignId, asOf }),
  lock: (awardId: number) => call<Standing>("award_lock", { awardId }),
  history: (awardId: number, scope: Scope) => call<[string, StandingEntry[]][]>("rank_history", { awardId, scope }),
  save: (campaignId: number, id: number | null, input: AwardInput) => call<number>("award_save", { campaignId, id, input }),
  addMetric: (campaignId: number, code: string, name: string) => call<void>("metric_add", { campaignId, code, name }),
  importAchievements: (file: string, campaignId: number, dryRun: boolean) =>
    call<AchievementReport>("achievements_import", { file, campaignId, dryRun }),
};

// ---- Excel trackers out and back ----
export interface TrackerSummary {
  file: string;
  team: string | null;
  targets: number;
  high_risk: number;
  contracts: number;
  plan_items: number;
  subsidy_total: number;
}
export interface TrackerProblem extends ImportProblem {
  file: string;
  sheet: string;
}
export interface TrackerChange {
  file: string;
  sheet: string;
  line: number;
  item_id: number;
  client_code: string;
  item: string;
  field: "due" | "status" | "done_on" | "blocked_reason" | "note";
  from: string;
  to: string;
}
export interface NewAchievement extends AchievementInput {
  file: string;
  line: number;
  already_applied: boolean;
  /** What an earlier application of this row added, which this row replaces. */
  corrects: AchievementInput | null;
}
/** An edit to a locked cell: reported, never applied. */
export interface IgnoredEdit {
  file: string;
  sheet: string;
  line: number;
  column: string;
  value: string;
  kept: string;
}
export interface ApplyReport {
  files: string[];
  changes: TrackerChange[];
  achievements: NewAchievement[];
  problems: TrackerProblem[];
  more_problems: number;
  ignored: IgnoredEdit[];
  more_ignored: number;
  dry_run: boolean;
  applied: boolean;
}

export const trackerApi = {
  pickTarget: (defaultName: string, folder: boolean) => call<Picked | null>("tracker_pick_target", { defaultName, folder }),
  pickReturned: () => call<Picked | null>("tracker_pick_returned"),
  /** `target` is a token from `pickTarget`, picked with `folder` equal to `eachTeam`. */
  export: (campaignId: number, target: string, team: string | null, eachTeam: boolean, onProgress: (targets: number) => void) => {
    const progress = new Channel<number>();
    progress.onmessage = onProgress;
    return call<TrackerSummary[]>("tracker_export", { campaignId, target, team, eachTeam, progress });
  },
  apply: (files: string, dryRun: boolean) => call<ApplyReport>("tracker_apply", { files, dryRun }),
};

// ---- 宽带预警 broadband early warning ----
export type WarningReason = "left" | "downgrade";
export type WarningStatus = "to_contact" | "contacted" | "retained" | "lost";
export interface Reading {
  in_network: boolean;
  tariff: number;
}
export interface Warning {
  id: number;
  contract: string;
  client_id: number;
  client_code: string;
  client: string;
  team: string | null;
  owner_id: number | null;
  owner: string | null;
  reason: WarningReason;
  previous_period: string;
  before: Reading;
  period: string;
  after: Reading;
  raised_on: string;
  status: WarningStatus;
  contacted_on: string | null;
  closed_on: string | null;
  note: string;
  age_days: number;
}
export interface WarningSummary {
  to_contact: number;
  contacted: number;
  retained: number;
  lost: number;
  retention_bp: number | null;
  open_by_owner: [string, number][];
  open_by_team: [string, number][];
}
export interface WarningFilter {
  status?: WarningStatus | null;
  open_only?: boolean;
  owner_id?: number | null;
  team_id?: number | null;
}
export interface WarningStep {
  at: string;
  author: string;
  from: WarningStatus;
  to: WarningStatus;
  note: string;
}
export interface SnapshotReport {
  file: string;
  header_line: number;
  counts: { rows: number; baselines: number; left: number; downgrade: number };
  problems: ImportProblem[];
  dry_run: boolean;
  written: boolean;
}
export interface KeyPersonChange {
  id: number;
  client_id: number;
  client_code: string;
  client: string;
  owner: string | null;
  changed_on: string;
  old_name: string;
  old_phone: string;
  new_name: string;
  new_phone: string;
  note: string;
}

/** Where a warning can go from each status (mirrors the core's workflow). */
export const warningNext: Record<WarningStatus, WarningStatus[]> = {
  to_contact: ["contacted", "retained", "lost"],
  contacted: ["retained", "lost"],
  retained: ["contacted"],
  lost: ["contacted"],
};

export const warningApi = {
  list: (campaignId: number, filter: WarningFilter) => call<Warning[]>("warnings_list", { campaignId, filter }),
  summary: (campaignId: number) => call<WarningSummary>("warning_summary", { campaignId }),
  setStatus: (id: number, status: WarningStatus, note: string) => call<Warning>("warning_status", { id, status, note }),
  log: (id: number) => call<WarningStep[]>("warning_log", { id }),
  threshold: (campaignId: number) => call<number>("warning_threshold_get", { campaignId }),
  saveThreshold: (campaignId: number, dropBp: number) => call<void>("warning_threshold_save", { campaignId, dropBp }),
  importSnapshots: (file: string, campaignId: number, dryRun: boolean) => call<SnapshotReport>("snapshots_import", { file, campaignId, dryRun }),
  recordKeyPerson: (clientId: number, name: string, phone: string, changedOn: string, note: string) =>
    call<void>("key_person_record", { clientId, name, phone, changedOn, note }),
  keyPersonChanges: (campaignId: number, since: string) => call<KeyPersonChange[]>("key_person_changes", { campaignId, since }),
};
