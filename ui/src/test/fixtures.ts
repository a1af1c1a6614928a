// Answers the real commands gave on the demo campaign (seeded on 2026-11-22), recorded by
// src-tauri/src/recorded_answers.rs into ./fixtures/*.json: `make bindings` rewrites them, and
// `cargo test -p rampart-desktop` fails while they are stale. Tests mock the shell with these
// instead of objects typed by hand, so a change on the Rust side reaches them.
import type {
  Campaign, CampaignSummary, ClientDetail, ClientRow, Contact, ContractSubsidy, ErrorCode, ErrorReport, FieldReport, Page, Person, Plan,
  ClientSubsidy, RuleSet, Standing, SubsidyTotals, Team, Warning, WarningSummary,
} from "../api";
import campaignsList from "./fixtures/campaigns_list.json";
import campaignSummary from "./fixtures/campaign_summary.json";
import teamsList from "./fixtures/teams_list.json";
import peopleList from "./fixtures/people_list.json";
import clientsPage from "./fixtures/clients_page.json";
import clientsSearch from "./fixtures/clients_page.search.json";
import clientGet from "./fixtures/client_get.json";
import contactsList from "./fixtures/contacts_list.json";
import subsidyRules from "./fixtures/subsidy_rules.json";
import subsidyTotals from "./fixtures/subsidy_totals.json";
import subsidyClients from "./fixtures/subsidy_clients.json";
import subsidyClient from "./fixtures/subsidy_client.json";
import standingsGet from "./fixtures/standings_get.json";
import planGet from "./fixtures/plan_get.json";
import warningsList from "./fixtures/warnings_list.json";
import warningSummary from "./fixtures/warning_summary.json";

// JSON imports widen string unions to `string`; the files are what the Rust types serialise to.
const answer = <T>(json: unknown): T => json as T;

export const campaign = answer<Campaign[]>(campaignsList)[0];
export const summary = answer<CampaignSummary>(campaignSummary);
export const teams = answer<Team[]>(teamsList);
export const people = answer<Person[]>(peopleList);
/** The demo's first page of five clients (of 320), and the five that match "网咖". */
export const clients = answer<Page<ClientRow>>(clientsPage);
export const clientsMatchingNetCafe = answer<Page<ClientRow>>(clientsSearch);
/** The first client of `clients`, in full. */
export const client = answer<ClientDetail>(clientGet);
/** The first client's contacts: the key person on its record. */
export const contacts = answer<Contact[]>(contactsList);
export const rules = answer<RuleSet>(subsidyRules);
export const totals = answer<SubsidyTotals>(subsidyTotals);
/** The first two clients of the subsidy page (by code). */
export const subsidyClientsPage = answer<Page<ClientSubsidy>>(subsidyClients);
/** The contracts of the first client on the subsidy page, each with its subsidy explained. */
export const clientSubsidy = answer<ContractSubsidy[]>(subsidyClient);
export const standings = answer<Standing[]>(standingsGet);
/** The first plan of the demo. */
export const plan = answer<Plan>(planGet);
export const warnings = answer<Warning[]>(warningsList);
export const warningTotals = answer<WarningSummary>(warningSummary);

/** A page of the given rows. */
export function page<T>(rows: T[], total = rows.length): Page<T> {
  return { total, rows };
}

/** A command's refusal, shaped as the core reports it. */
export function refusal(code: ErrorCode, message_zh: string, message_en = message_zh, fields: FieldReport[] = []): ErrorReport {
  return { code, message_zh, message_en, fields };
}

// The organisation page: the demo's teams and people with their counts, and what handing 王建国's
// clients to 李晓明 would move.
import teamsOverview from "./fixtures/teams_overview.json";
import peopleOverview from "./fixtures/people_overview.json";
import reassignPreview from "./fixtures/reassign_preview.json";
import type { PersonSummary, Reassignment, TeamSummary } from "../api";
export const teamSummaries = answer<TeamSummary[]>(teamsOverview);
export const personSummaries = answer<PersonSummary[]>(peopleOverview);
export const reassignment = answer<Reassignment>(reassignPreview);

// Goals and strategy: the demo's seed skeleton (three goals, three battles, three workstreams),
// its KPIs with their readings on the recording day, the metric catalogue and the scope choices.
import goalsList from "./fixtures/goals_list.json";
import partsList from "./fixtures/parts_list.json";
import kpisList from "./fixtures/kpis_list.json";
import kpiReadings from "./fixtures/kpi_readings.json";
import kpiMetrics from "./fixtures/kpi_metrics.json";
import scopeChoicesAnswer from "./fixtures/scope_choices.json";
import type { Goal, Kpi, KpiReading, MetricInfo, Part, ScopeChoices } from "../api";
export const goals = answer<Goal[]>(goalsList);
export const parts = answer<Part[]>(partsList);
export const kpis = answer<Kpi[]>(kpisList);
export const readings = answer<KpiReading[]>(kpiReadings);
export const metricCatalogue = answer<MetricInfo[]>(kpiMetrics);
export const scopeChoices = answer<ScopeChoices>(scopeChoicesAnswer);
// The dashboard of the demo campaign on the fixed day, for the whole campaign.
import dashboardRead from "./fixtures/dashboard.json";
import type { Dashboard } from "../api";
export const dashboard = answer<Dashboard>(dashboardRead);
