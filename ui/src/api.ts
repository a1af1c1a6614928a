// Calls into the Rust shell. The types and the command functions are generated from the Rust
// side into ./bindings.ts (`make bindings`); this file keeps what cannot be generated: the
// ApiError a failed command becomes, Channel progress, runtime lists, and the names pages use.
import { Channel } from "@tauri-apps/api/core";
import { commands, type ErrorCode, type ErrorReport, type Field } from "./bindings";
import type * as wire from "./bindings";

export type {
  AchievementInput, AchievementReport, ApplyReport, AwardTier, Campaign, CampaignInput, CampaignRemoval, CampaignStatus, CopyInput, CopyReport,
  CampaignSummary, Category, ClientDetail, ClientInput, ClientQuery, ClientRow, ClientSort, ClientSubsidy, Comparison, Contract,
  AppInfo, ContractSubsidy, DbInfo, DueDay, ErrorCode, ErrorReport, FieldReport, IgnoredEdit, ImportBatch, ImportCounts, ImportProblem,
  ImportReport, Inspection, ItemEdit, ItemKind, ItemStatus, KeyPersonChange, LogEntry, NewAchievement, Page, Person, Picked, Plan,
  PlanFilter, PlanItem, PlanSummary, ProductType, Ranking, RateRule, Reading, RecentFile, RiskFlag, RiskReason, RiskSettings, RuleSet, RuleTable,
  Scope, SnapshotReport, Standing, StandingEntry, SubsidyLine, SubsidyTotals, Team, TeamChoice, Tier, TotalRow, TrackerChange, TrackerProblem,
  TrackerSummary, UpliftRule, Warning, WarningFilter, WarningReason, WarningStatus, WarningStep, WarningSummary, Workload,
} from "./bindings";
export type {
  HandOver, LikelyDuplicate, OrgChange, OrgEntry, PersonInput, PersonMerge, PersonSummary, ReassignGroup, Reassignment, Role, TeamMerge,
  TeamSummary,
} from "./bindings";
export type {
  LedgerEntry, MemberImportReport, MemberLevel, MemberRow, PeriodSummary, PointScheme, Pool, PoolKind, RewardField, RewardRule, Statement,
  TenureBand,
} from "./bindings";
export type { ErosionBasis, ErosionSettings, FibreChange, TrackerVisit, WarningChange, WarningComparison } from "./bindings";
export type { IncentiveBudget, PrizeCost, TieBreak, TieFigure, TieFigures, TieReason } from "./bindings";
export type { Achievement, AchievementAction, AchievementLogEntry, AchievementQuery, AchievementRules } from "./bindings";
export type {
  Goal, GoalInput, Kpi, KpiInput, KpiOwner, KpiReading, KpiStatus, Lacking, Metric, MetricInfo, MetricParameter, Part, PartInput, PartKind,
  PartScope, RiskFilter, ScopeChoices,
} from "./bindings";
export type { ReportFormat, ReportSummary, RulesPreview, StartFailure } from "./bindings";
export type { Contact, ContactAction, ContactChange, ContactInput } from "./bindings";
export type {
  CareSettings, DueVisit, FibreRow, FibreStatus, FibreTeamCount, FibreUpdate, GreenRequest, Greeting, OnTimeRate, RequestFilter, RequestStatus,
  RequestStep, SendListSummary, ServiceStandard, SwitchboardLine, TextEncoding, VisitInput, VisitLoad,
} from "./bindings";
export type {
  AwardLeaders, Calendar, Dashboard, GoalProgress, HighRiskGaps, KpiProgress, PartProgress, SubsidyUse, TeamPlans, WarningAge, WarningAges,
} from "./bindings";
export type ImportField = Field;
/** An award always arrives whole; the generated type marks targets and weights optional only
 *  because the core accepts an input without them (`#[serde(default)]`). */
export type AwardInput = Required<wire.AwardInput>;
export type Award = wire.Award & AwardInput;

/** A failed command, carrying the core's report. Pages branch on `report.code`, never on the text. */
export class ApiError extends Error {
  constructor(public report: ErrorReport) {
    super(report.message_en);
  }
  get code(): ErrorCode {
    return this.report.code;
  }
  message_for(language: string): string {
    return language.startsWith("zh") ? this.report.message_zh : this.report.message_en;
  }
}

function apiError(e: unknown): ApiError {
  if (e && typeof e === "object" && "code" in e) return new ApiError(e as ErrorReport);
  // Not a report from a command: the shell itself refused (bad arguments, a denied permission).
  const text = String(e);
  return new ApiError({ code: "internal", message_zh: text, message_en: text, fields: [] });
}

type Commands = typeof commands;
/** Each generated command, rejecting with an ApiError instead of the bare report. */
const cmd = Object.fromEntries(
  Object.entries(commands).map(([name, run]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await (run as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (e) {
        throw apiError(e);
      }
    },
  ]),
) as Commands;

/** A progress channel that hands each count to `onProgress`. */
function progress(onProgress: (count: number) => void): Channel<number> {
  const channel = new Channel<number>();
  channel.onmessage = onProgress;
  return channel;
}

export const api = {
  appInfo: cmd.appInfo,
  setLanguage: cmd.setLanguage,
  quit: cmd.appQuit,
  campaigns: cmd.campaignsList,
  createCampaign: cmd.campaignCreate,
  campaign: cmd.campaignGet,
  updateCampaign: cmd.campaignUpdate,
  campaignSummary: cmd.campaignSummary,
  clients: cmd.clientsPage,
  client: cmd.clientGet,
  createClient: cmd.clientCreate,
  updateClient: cmd.clientUpdate,
  deleteClient: cmd.clientDelete,
  teams: cmd.teamsList,
  people: cmd.peopleList,
};

// Database files: each command shows its own dialog and answers null when the planner cancels.
export const fileApi = {
  create: cmd.dbNew,
  open: cmd.dbOpen,
  openRecent: cmd.dbOpenRecent,
  saveAs: cmd.dbSaveAs,
  openSample: cmd.dbOpenSample,
  recent: cmd.dbRecent,
};

// Running campaigns: a new period copied from one (here or in another database file), close and
// reopen, archive, delete after the name is typed, participating teams.
export const campaignAdminApi = {
  /** Another database file to copy from; a token for the commands below. */
  pickDatabase: cmd.campaignPickDatabase,
  campaignsInFile: cmd.campaignsInFile,
  copy: cmd.campaignCopy,
  removal: cmd.campaignRemoval,
  remove: cmd.campaignDelete,
  setStatus: cmd.campaignSetStatus,
  archive: cmd.campaignArchive,
  setTeams: cmd.campaignTeamsSet,
};

// Cross-subsidy (rates in basis points: 4000 = 40 %).
export const subsidyApi = {
  rules: cmd.subsidyRules,
  saveRules: cmd.subsidyRulesSave,
  previewRules: cmd.subsidyRulesPreview,
  history: cmd.subsidyHistory,
  totals: cmd.subsidyTotals,
  clients: cmd.subsidyClients,
  client: cmd.subsidyClient,
  setOverride: cmd.subsidyOverrideSet,
  clearOverride: cmd.subsidyOverrideClear,
  scenarios: cmd.scenariosList,
  createScenario: cmd.scenarioCreate,
  updateScenario: cmd.scenarioUpdate,
  compare: cmd.scenarioCompare,
  adopt: cmd.scenarioAdopt,
  discard: cmd.scenarioDiscard,
};

/** Every import field in the order the mapping step lists them; the Record keeps it complete. */
const importFields: Record<Field, true> = {
  client_code: true, client_name: true, category: true, tier: true, industry: true, district: true, team: true,
  account_manager: true, key_person: true, key_person_phone: true, contract_no: true, product_type: true, monthly_fee: true,
  dec_fee: true, term_months: true, end_date: true, fiber: true,
};
export const IMPORT_FIELDS = Object.keys(importFields) as Field[];

export const importApi = {
  /** Any file to read: a client list, a billing snapshot, an achievements sheet. */
  pickFile: cmd.importPickFile,
  inspect: cmd.importInspect,
  mapHeader: cmd.importMapHeader,
  run: (file: string, campaignId: number | null, dryRun: boolean, onProgress: (rows: number) => void) =>
    cmd.importRun(file, campaignId, dryRun, progress(onProgress)),
  cancel: cmd.importCancel,
  /** The client list template, to a workbook picked with trackerApi.pickTarget. */
  writeTemplate: cmd.importTemplateExport,
  undo: cmd.importUndo,
  batches: cmd.importBatches,
  risks: cmd.clientRisks,
  saveRisk: cmd.campaignRiskSave,
};

// 一户一案 plans.
export const planApi = {
  list: cmd.plansList,
  get: cmd.planGet,
  create: cmd.planCreate,
  createMany: cmd.plansCreateMany,
  saveGoal: cmd.planGoalSave,
  setStatus: cmd.planItemStatus,
  updateItem: cmd.planItemUpdate,
  addItem: cmd.planItemAdd,
  deleteItem: cmd.planItemDelete,
  restoreItem: cmd.planItemRestore,
  remove: cmd.planDelete,
  restore: cmd.planRestore,
  log: cmd.planLog,
  workload: cmd.planWorkload,
  timeline: cmd.planTimeline,
  template: cmd.planTemplateGet,
  saveTemplate: cmd.planTemplateSave,
};

// Incentives: awards, achievements, standings.
export const awardApi = {
  list: (campaignId: number) => cmd.awardsList(campaignId) as Promise<Award[]>,
  metrics: cmd.metricsList,
  addAchievement: cmd.achievementAdd,
  standings: cmd.standingsGet,
  lock: cmd.awardLock,
  history: cmd.rankHistory,
  save: cmd.awardSave,
  addMetric: cmd.metricAdd,
  importAchievements: cmd.achievementsImport,
  budget: cmd.incentiveBudgetGet,
  setBudget: cmd.incentiveBudgetSet,
};

// Recorded achievements: the list, corrections and deletions (logged), and what the form needs.
export const achievementApi = {
  list: cmd.achievementsList,
  correct: cmd.achievementCorrect,
  remove: cmd.achievementDelete,
  log: cmd.achievementLog,
  rules: cmd.achievementRules,
};

// Excel trackers out and back.
export const trackerApi = {
  pickTarget: cmd.trackerPickTarget,
  pickReturned: cmd.trackerPickReturned,
  /** `target` is a token from `pickTarget`, picked with `folder` equal to `eachTeam`. */
  export: (campaignId: number, target: string, team: string | null, eachTeam: boolean, onProgress: (targets: number) => void) =>
    cmd.trackerExport(campaignId, target, team, eachTeam, progress(onProgress)),
  apply: cmd.trackerApply,
};

// 导出清单: the filtered client list, every matching row, to a workbook picked with trackerApi.pickTarget.
export const clientListApi = {
  export: (query: wire.ClientQuery, target: string, onProgress: (rows: number) => void) => cmd.clientsExport(query, target, progress(onProgress)),
};

// The weekly report (周报): pick where to save it (a token), then write it there.
export const reportApi = {
  pickTarget: cmd.reportPickTarget,
  export: cmd.reportExport,
};

// 宽带预警 broadband early warning.
export const warningApi = {
  list: cmd.warningsList,
  summary: cmd.warningSummary,
  setStatus: cmd.warningStatus,
  log: cmd.warningLog,
  threshold: cmd.warningThresholdGet,
  saveThreshold: cmd.warningThresholdSave,
  erosion: cmd.warningErosionGet,
  saveErosion: cmd.warningErosionSave,
  importSnapshots: cmd.snapshotsImport,
  recordKeyPerson: cmd.keyPersonRecord,
  keyPersonChanges: cmd.keyPersonChanges,
};

// A client's contacts and key persons (完善客户基础管理), and its VIP account manager.
export const contactApi = {
  list: cmd.contactsList,
  add: cmd.contactAdd,
  update: cmd.contactUpdate,
  remove: cmd.contactRemove,
  confirm: cmd.contactConfirm,
  history: cmd.contactHistory,
  setVipManager: cmd.clientVipManagerSet,
};

// The service workstreams (服务): visits, the green channel, the care calendar, fibre, standards.
export const serviceApi = {
  visitsDue: cmd.visitsDue,
  visitsLoad: cmd.visitsLoad,
  recordVisit: cmd.visitRecord,
  standards: cmd.serviceStandardsList,
  saveStandard: cmd.serviceStandardSave,
  fibre: cmd.fibreList,
  fibreCounts: cmd.fibreCounts,
  setFibre: cmd.fibreSet,
  requests: cmd.greenRequestsList,
  stepRequest: cmd.greenRequestStep,
  rates: cmd.greenRates,
  careSettings: cmd.careSettingsGet,
  careLines: cmd.careLines,
  carePreview: cmd.careSendPreview,
  careSent: cmd.careSent,
  carePickTarget: cmd.carePickTarget,
  careExport: cmd.careSendExport,
};

// Loyalty points (积分): the scheme, members' data, periods, statements and redemptions.
export const pointsApi = {
  scheme: cmd.pointsSchemeGet,
  saveScheme: cmd.pointsSchemeSave,
  importMembers: cmd.pointsImport,
  periods: cmd.pointsPeriods,
  compute: cmd.pointsCompute,
  lock: cmd.pointsLock,
  members: cmd.pointsMembers,
  statement: cmd.pointsStatement,
  redeem: cmd.pointsRedeem,
};

// Teams and people kept by hand, and reassigning clients.
export const orgApi = {
  teams: cmd.teamsOverview,
  people: cmd.peopleOverview,
  createTeam: cmd.teamCreate,
  renameTeam: cmd.teamRename,
  setTeamActive: cmd.teamSetActive,
  mergeTeams: cmd.teamMerge,
  createPerson: cmd.personCreate,
  updatePerson: cmd.personUpdate,
  mergePeople: cmd.personMerge,
  duplicates: cmd.peopleDuplicates,
  reassignPreview: cmd.reassignPreview,
  reassign: cmd.reassignApply,
  log: cmd.orgLog,
};

// Goals, the strategy skeleton (battles and workstreams) and their KPIs.
export const goalApi = {
  goals: cmd.goalsList,
  addGoal: cmd.goalAdd,
  updateGoal: cmd.goalUpdate,
  removeGoal: cmd.goalRemove,
  parts: cmd.partsList,
  addPart: cmd.partAdd,
  updatePart: cmd.partUpdate,
  removePart: cmd.partRemove,
  scopeChoices: cmd.scopeChoices,
  restoreDefaults: cmd.skeletonRestore,
  kpis: cmd.kpisList,
  addKpi: cmd.kpiAdd,
  updateKpi: cmd.kpiUpdate,
  removeKpi: cmd.kpiRemove,
  metrics: cmd.kpiMetrics,
  values: cmd.kpiValues,
  setValue: cmd.kpiValueSet,
  clearValue: cmd.kpiValueClear,
  readings: cmd.kpiReadings,
};

// The dashboard (概览): the campaign's progress on a day, whole or for one team.
export const dashboardApi = {
  read: cmd.dashboard,
};

// Team mode: the window works through a team server (see the README's "Team mode").
export type {
  Account, AccountRole, AuditEntry, DistrictStanding, RememberedServer, TeamCampaign, TeamClient, TeamClientDetail, TeamKeyPerson, TeamPlanItem,
  TeamSession, TeamWarning,
} from "./bindings";
export type TeamSaved<T> = wire.Saved<T>;
export const teamApi = {
  remembered: cmd.teamRemembered,
  login: cmd.teamLogin,
  logout: cmd.teamLogout,
  changePassword: cmd.teamChangePassword,
  campaigns: cmd.teamCampaigns,
  clients: cmd.teamClients,
  client: cmd.teamClient,
  planItems: cmd.teamPlanItems,
  setItemStatus: cmd.teamSetItemStatus,
  warnings: cmd.teamWarnings,
  setWarningStatus: cmd.teamSetWarningStatus,
  standings: cmd.teamStandings,
  audit: cmd.teamAudit,
  /** `target` is a token from trackerApi.pickTarget (not a folder). */
  exportTracker: cmd.teamTrackerExport,
  /** `files` is a token from trackerApi.pickReturned. */
  applyTrackers: cmd.teamTrackerApply,
};
export type { TeamTrackerReport } from "./bindings";
