//! `rampart`: the headless front end over rampart-core, for batch work and scripts.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rampart_core::campaign_copy::{self, CopyInput};
use rampart_core::domain::campaign::TeamChoice;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::warning::{WarningFilter, WarningStatus};
use rampart_core::domain::{CampaignInput, CampaignStatus, ClientQuery};
use rampart_core::export::{export_team_trackers, export_tracker, TrackerOptions};
use rampart_core::import::snapshots::import_snapshots;
use rampart_core::import::tracker::{apply_trackers, ApplyOptions};
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::store::default_db_path;
use rampart_core::{Error, Store};

mod achievements;
mod care;
mod dashboard;
mod fibre;
mod org;
mod output;
mod points;
mod requests;
mod service;
mod team;
mod visits;

#[derive(Parser)]
#[command(name = "rampart", version, about = "Rampart: plan and track a client-retention campaign (长城计划)")]
struct Cli {
    /// SQLite database; defaults to $RAMPART_DB, then the user's data directory.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// A team server (http://host:port) instead of a local file: log in first with `login`.
    #[arg(long, global = true, env = "RAMPART_SERVER", value_name = "URL", conflicts_with = "db")]
    server: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Log in to the team server given by --server (password from $RAMPART_PASSWORD or asked).
    Login {
        #[arg(long)]
        user: String,
    },
    /// End the session on the team server given by --server.
    Logout,
    /// Move a plan item's status on the team server: not_started, in_progress, done, blocked.
    /// Refused with the current value if someone changed it since --version (default: as read now).
    ItemStatus {
        id: i64,
        status: String,
        /// The day it was done (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        done_on: Option<chrono::NaiveDate>,
        /// Why it is blocked (needed for blocked).
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        version: Option<i64>,
    },
    /// The team server's audit trail: who changed what, when, before and after.
    Audit {
        #[arg(long)]
        entity: Option<String>,
        #[arg(long)]
        entity_id: Option<i64>,
        #[arg(long, default_value_t = 0)]
        offset: i64,
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Team server accounts: the province admin lists, adds, ends and gives back accounts and
    /// sets a forgotten password; anyone changes their own (`accounts password`). New passwords
    /// come from $RAMPART_NEW_PASSWORD or are asked; the current one from $RAMPART_PASSWORD.
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// Seed the demo campaign 长城计划 (once) into a sample database and print its id: --db FILE,
    /// or without it the app's own sample file beside the default database. The file becomes
    /// the sample the app labels 示例; one with campaigns of its own is refused.
    Demo,
    /// Campaigns in the database.
    Campaigns {
        #[command(subcommand)]
        command: CampaignsCommand,
    },
    /// Teams: list, create, rename, merge.
    Teams {
        #[command(subcommand)]
        command: org::TeamsCommand,
    },
    /// People: list (with likely duplicates), create, merge.
    People {
        #[command(subcommand)]
        command: org::PeopleCommand,
    },
    /// Clients and their contracts.
    Clients {
        #[command(subcommand)]
        command: ClientsCommand,
    },
    /// 一户一案 service plans with their items and progress.
    Plans {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Judge lateness as of this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
    /// Achievements toward awards.
    Achievements {
        #[command(subcommand)]
        command: AchievementsCommand,
    },
    /// Award standings: each award's ranked lists of teams and people.
    Standings {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Standings as of this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// The campaign's progress on a day (概览): days left, KPIs against targets, budgets, plan
    /// work by team, open warnings by age, award leaders, high-risk targets without help.
    Dashboard {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// As of this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// Only this team's clients and work (its name).
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
    },
    /// Star service standards (星级服务标准) per service tier: visits, green-channel times,
    /// managers, key-person confirmation and entitlements.
    ServiceStandards {
        #[command(subcommand)]
        command: service::ServiceStandardsCommand,
    },
    /// Fibre preparation for high-risk targets (strategy 4): the work list and its statuses.
    Fibre(fibre::FibreArgs),
    /// Visits due and overdue as of a day (tier schedules and visits asked for); record or ask
    /// for a visit; key persons not confirmed in time.
    Visits(visits::VisitsArgs),
    /// The green channel (绿色通道): requests, their deadlines and on-time rates, the calendar.
    Requests {
        #[command(subcommand)]
        command: requests::RequestsCommand,
    },
    /// 移动维挽's care calendar: switchboard lines, holiday send lists, holidays and templates.
    Care {
        #[command(subcommand)]
        command: care::CareCommand,
    },
    /// Loyalty points (积分): members' data per period, computing and locking a period, the
    /// period's members, statements, redemptions and the scheme.
    Points(points::PointsArgs),
    /// Incentive budget (激励预算): every award's prize cost as of a date against it.
    Budget {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Set the budget first, in 元 (150000 or 150,000.00).
        #[arg(long, value_name = "YUAN", conflicts_with = "clear")]
        set: Option<String>,
        /// Clear the budget first.
        #[arg(long)]
        clear: bool,
        /// Prize costs as of this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Write Excel workbooks: the tracker district teams fill in and send back.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// The weekly report (周报) as a PDF or an Excel workbook, by the extension of --out: KPIs
    /// against targets, battles and workstreams, budget, standings, plan work, warnings, and the
    /// late plan items and open warnings by team.
    Report {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// The report's day (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// Only this team's figures and lists, by name.
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
        /// Language of the report's labels.
        #[arg(long, value_name = "zh|en", default_value = "zh", value_parser = ["zh", "en"])]
        lang: String,
        /// The file to write: FILE.pdf or FILE.xlsx.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Returned trackers: show and apply what district teams changed.
    Tracker {
        #[command(subcommand)]
        command: TrackerCommand,
    },
    /// Broadband early warnings (宽带预警): list them, import billing snapshots, move one along.
    Warnings {
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        /// Only this status: to_contact, contacted, retained, lost (or 待联系…), or "open".
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Ages are counted to this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
        #[command(subcommand)]
        command: Option<WarningsCommand>,
    },
    /// Cross-subsidy per client and for the campaign, under the current rules or a scenario.
    Subsidies {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Compute under this what-if scenario's rules instead of the current ones.
        #[arg(long, value_name = "NAME")]
        scenario: Option<String>,
    },
}

#[derive(Subcommand)]
enum AccountsCommand {
    List,
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// province_admin, planner, district_planner, approver, account_manager or viewer.
        #[arg(long)]
        role: String,
        /// The district, by name (district planners and account managers).
        #[arg(long)]
        district: Option<String>,
    },
    /// End an account's access (someone who left): its sessions end at once.
    Deactivate {
        login: String,
    },
    /// Give an ended account its access back.
    Reactivate {
        login: String,
    },
    /// Give an account a new password (one forgotten); its sessions end.
    ResetPassword {
        login: String,
    },
    /// Change your own password; your other sessions end.
    Password,
}

#[derive(Subcommand)]
enum AchievementsCommand {
    /// Import achievements (日期, 指标, 团队, 人员, 数量, 金额, 客户编码, 行业, 说明): all or nothing.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        dry_run: bool,
    },
    /// Recorded achievements, newest first, with filters and paging.
    List(achievements::ListArgs),
    /// Correct one achievement (same checks as adding; logged; refused once a counting award is locked).
    Correct(achievements::CorrectArgs),
    /// Delete one achievement (logged; refused once a counting award is locked).
    Delete {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        id: i64,
    },
    /// Corrections and deletions, newest first.
    Log {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The campaign tracker (or one team's, or one per team): targets, subsidies as formulas,
    /// plan items with a status dropdown, standings, a sheet for new achievements.
    Tracker {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// The workbook to write (.xlsx), or with --each-team the folder for them.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Only this team's targets and plan items.
        #[arg(long, value_name = "NAME", conflicts_with = "each_team")]
        team: Option<String>,
        /// One workbook per team, written into the folder given by --out.
        #[arg(long)]
        each_team: bool,
        /// Sheet names and headers in English instead of Chinese.
        #[arg(long)]
        english: bool,
        /// Standings and lateness as of this date (YYYY-MM-DD); defaults to today.
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
}

#[derive(Subcommand)]
enum TrackerCommand {
    /// Apply returned trackers all or nothing: statuses, dates, notes and new achievements.
    Apply {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// List what would change and every problem, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum WarningsCommand {
    /// Import a billing snapshot (账期, 合同号, 在网, 当前资费) and raise warnings: all or nothing.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        dry_run: bool,
    },
    /// Key-person changes (关键人异动) of the campaign's targets since a day, latest first, each
    /// with where it came from (form, import, tracker).
    KeyPersons {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// The first day listed (YYYY-MM-DD); defaults to 30 days before today.
        #[arg(long, value_name = "DATE")]
        since: Option<chrono::NaiveDate>,
    },
    /// Move a warning along: contacted, retained or lost (lost needs --note).
    SetStatus {
        id: i64,
        status: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// `--limit N` (at least 1) or `all` (None), and an `--offset` that is not negative; both
/// problems at once.
fn list_limit(limit: &str, offset: i64) -> Result<Option<i64>, Error> {
    let mut problems = Vec::new();
    let limit = match limit.trim() {
        "all" => None,
        n => match n.parse::<i64>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                problems.push(rampart_core::FieldError::new("limit", rampart_core::Problem::OutOfRange { min: 1, max: i64::MAX }));
                None
            }
        },
    };
    if offset < 0 {
        problems.push(rampart_core::FieldError::new("offset", rampart_core::Problem::OutOfRange { min: 0, max: i64::MAX }));
    }
    if problems.is_empty() {
        Ok(limit)
    } else {
        Err(Error::Validation(problems))
    }
}

/// Prints `limit` clients (all with None) from `offset`, fetched a page at a time so the whole
/// list never sits in memory, with the total the filter matches.
fn list_clients(store: &Store, mut query: ClientQuery, offset: i64, limit: Option<i64>, json: bool) -> Result<(), Error> {
    const PAGE: i64 = 1000;
    let mut printer = output::ClientList::new(json);
    let mut shown = 0;
    loop {
        let want = limit.map_or(PAGE, |l| (l - shown).min(PAGE));
        query.offset = offset + shown;
        query.limit = want;
        let page = store.clients().page(&query)?;
        if shown == 0 {
            printer.start(page.total, offset);
        }
        let got = page.rows.len() as i64;
        printer.rows(&page.rows);
        shown += got;
        if got < want || limit.is_some_and(|l| shown >= l) {
            printer.end(shown, page.total, offset);
            return Ok(());
        }
    }
}

/// A campaign's name, dates and budget, as `campaigns create` and `campaigns copy` take them.
#[derive(clap::Args)]
struct Period {
    #[arg(long)]
    name: String,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    start: chrono::NaiveDate,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    end: chrono::NaiveDate,
    /// Subsidy budget in 元 (e.g. 600000 or 600,000.00); none means 0.
    #[arg(long)]
    budget: Option<String>,
}

impl Period {
    /// The campaign these make, as a draft, with every problem reported at once: a bad budget
    /// and a bad date range together.
    fn checked(self, theme: String, goals: String) -> Result<CampaignInput, Error> {
        let mut problems = Vec::new();
        let subsidy_budget = budget_in_yuan(self.budget.as_deref(), &mut problems);
        let input = CampaignInput {
            name: self.name,
            theme,
            start_date: self.start,
            end_date: self.end,
            status: CampaignStatus::Draft,
            subsidy_budget,
            goals,
        };
        if let Err(Error::Validation(more)) = input.validated() {
            problems.extend(more);
        }
        if !problems.is_empty() {
            return Err(Error::Validation(problems));
        }
        Ok(input)
    }

    fn copy(self, with_targets: bool) -> Result<CopyInput, Error> {
        let input = self.checked(String::new(), String::new())?;
        Ok(CopyInput {
            name: input.name,
            start_date: input.start_date,
            end_date: input.end_date,
            subsidy_budget: input.subsidy_budget,
            with_targets,
        })
    }
}

#[derive(Subcommand)]
enum CampaignsCommand {
    /// List every campaign.
    List,
    /// Create a campaign, as a draft until its status is changed.
    Create {
        #[command(flatten)]
        period: Period,
        #[arg(long, default_value = "")]
        theme: String,
        #[arg(long, default_value = "")]
        goals: String,
        /// A participating team, by name (made if new); repeat for each team.
        #[arg(long = "team", conflicts_with = "copy_of")]
        teams: Vec<String>,
        /// Start from the built-in rules: rate table and uplift, metrics, the four awards.
        #[arg(long, conflicts_with = "copy_of")]
        from_defaults: bool,
        /// Copy this campaign's rules, awards, template and teams instead (like `campaigns copy`).
        #[arg(long)]
        copy_of: Option<i64>,
        /// With --copy-of: also copy its target list.
        #[arg(long, requires = "copy_of")]
        with_targets: bool,
        /// With --copy-of: the campaign is in this other database file (last year's).
        #[arg(long, requires = "copy_of")]
        from_db: Option<PathBuf>,
    },
    /// A new period of a campaign (复制为新一期): its rules, awards, plan template and teams,
    /// never its achievements, plans, warnings, snapshots, overrides or locks.
    Copy {
        /// The campaign to copy.
        id: i64,
        #[command(flatten)]
        period: Period,
        /// Also copy the target list.
        #[arg(long)]
        with_targets: bool,
        /// The campaign is in this other database file (last year's).
        #[arg(long)]
        from_db: Option<PathBuf>,
    },
    /// Delete a campaign and its own records; clients, contracts, teams and people stay.
    Delete {
        id: i64,
        /// Only count what would be removed.
        #[arg(long)]
        dry_run: bool,
    },
    /// Close a campaign (结束).
    Close { id: i64 },
    /// Reopen a closed campaign.
    Reopen { id: i64 },
    /// Archive a closed campaign (kept, out of the way).
    Archive { id: i64 },
    /// Take a campaign out of the archive.
    Unarchive { id: i64 },
}

#[derive(Subcommand)]
enum ClientsCommand {
    /// List clients, optionally only one campaign's targets.
    List {
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        /// Only clients whose code or name contains this text.
        #[arg(long)]
        search: Option<String>,
        /// How many clients to print, or `all` (streamed, page by page).
        #[arg(long, value_name = "N|all", default_value = "100")]
        limit: String,
        /// Skip this many clients first (with --limit, to page through the list).
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: i64,
    },
    /// Import clients and contracts from .xlsx, .xls or .csv (UTF-8 or GBK): all or nothing.
    Import {
        file: PathBuf,
        /// Also make the imported clients targets of this campaign.
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        /// Check the file and report what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Undo the most recent import that has not been undone.
    UndoImport,
    /// Give clients (by filter, or all of one manager's) a new account manager; their open plan
    /// items and open warnings go along, closed ones stay.
    Reassign(org::ReassignArgs),
}

fn parse_status(text: &str) -> Result<WarningStatus, Error> {
    WarningStatus::ALL.into_iter().find(|s| s.code() == text || s.label_zh() == text).ok_or_else(|| {
        let allowed = WarningStatus::ALL.map(|s| s.code()).join(", ");
        Error::Validation(vec![rampart_core::FieldError::new("status", rampart_core::Problem::NotOneOf { allowed })])
    })
}

type WarningsArgs = (Option<i64>, Option<String>, chrono::NaiveDate, Option<WarningsCommand>);

fn warnings(store: &Store, (campaign, status, today, command): WarningsArgs, json: bool) -> Result<ExitCode, Error> {
    match command {
        Some(WarningsCommand::Import { file, campaign, dry_run }) => {
            let report = import_snapshots(store, &file, CampaignId(campaign), dry_run, today)?;
            output::snapshot_report(&report, json);
            if !report.problems.is_empty() {
                return Ok(ExitCode::from(2));
            }
        }
        Some(WarningsCommand::KeyPersons { campaign, since }) => {
            let since = since.unwrap_or(today - chrono::Days::new(30));
            output::key_person_changes(&store.key_people().changes(CampaignId(campaign), since)?, json);
        }
        Some(WarningsCommand::SetStatus { id, status, note }) => {
            let by = By { author: rampart_core::store::os_author("rampart"), at: chrono::Local::now().naive_local() };
            let warning =
                store.warnings().set_status(rampart_core::domain::ids::WarningId(id), parse_status(&status)?, &note, today, &by)?;
            output::warnings(std::slice::from_ref(&warning), json);
        }
        None => {
            let campaign = campaign
                .ok_or_else(|| Error::Validation(vec![rampart_core::FieldError::new("campaign", rampart_core::Problem::Required)]))?;
            let mut filter = WarningFilter::default();
            match status.as_deref() {
                Some("open") => filter.open_only = true,
                Some(s) => filter.status = Some(parse_status(s)?),
                None => {}
            }
            output::warnings(&store.warnings().list(CampaignId(campaign), &filter, today)?, json);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn campaigns(store: &Store, command: CampaignsCommand, json: bool) -> Result<(), Error> {
    let author = rampart_core::store::os_author("rampart");
    let now = chrono::Local::now().naive_local();
    match command {
        CampaignsCommand::List => output::campaigns(&store.campaigns().list()?, json),
        CampaignsCommand::Create { period, theme, goals, teams, from_defaults, copy_of, with_targets, from_db } => {
            if let Some(source) = copy_of {
                return copy(store, CampaignId(source), &period.copy(with_targets)?, from_db.as_deref(), json);
            }
            let input = period.checked(theme, goals)?;
            let teams = TeamChoice { ids: Vec::new(), new_names: teams };
            let id = rampart_core::campaign_defaults::create(store, &input, &teams, from_defaults, &author, now)?;
            output::campaign(&store.campaigns().get(id)?, json);
        }
        CampaignsCommand::Copy { id, period, with_targets, from_db } => {
            copy(store, CampaignId(id), &period.copy(with_targets)?, from_db.as_deref(), json)?;
        }
        CampaignsCommand::Delete { id, dry_run } => {
            let id = CampaignId(id);
            let removal = if dry_run {
                store.campaigns().removal(id)?
            } else {
                // Naming the campaign's id on the command line is the confirmation a script gives;
                // the desktop asks for the name to be typed.
                let name = store.campaigns().get(id)?.name;
                store.campaigns().delete(id, &name)?
            };
            output::removal(&removal, json);
        }
        CampaignsCommand::Close { id } => output::campaign(&store.campaigns().set_status(CampaignId(id), CampaignStatus::Closed)?, json),
        CampaignsCommand::Reopen { id } => output::campaign(&store.campaigns().set_status(CampaignId(id), CampaignStatus::Active)?, json),
        CampaignsCommand::Archive { id } => output::campaign(&store.campaigns().set_archived(CampaignId(id), true)?, json),
        CampaignsCommand::Unarchive { id } => output::campaign(&store.campaigns().set_archived(CampaignId(id), false)?, json),
    }
    Ok(())
}

/// A budget in 元 as typed (600000 or 600,000.00); none is 0. A bad one joins `problems`.
fn budget_in_yuan(budget: Option<&str>, problems: &mut Vec<rampart_core::FieldError>) -> rampart_core::Money {
    match budget.map(rampart_core::Money::parse) {
        Some(Some(money)) => money,
        Some(None) => {
            problems.push(rampart_core::FieldError::new("subsidy_budget", rampart_core::Problem::NotAnAmount));
            rampart_core::Money::ZERO
        }
        None => rampart_core::Money::ZERO,
    }
}

fn copy(store: &Store, source: CampaignId, input: &CopyInput, from_db: Option<&std::path::Path>, json: bool) -> Result<(), Error> {
    let author = rampart_core::store::os_author("rampart");
    let now = chrono::Local::now().naive_local();
    let report = match from_db {
        Some(file) => campaign_copy::copy_from_file(store, file, source, input, &author, now)?,
        None => campaign_copy::copy(store, source, input, &author, now)?,
    };
    output::copied(&store.campaigns().get(report.campaign_id)?, &report, json);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    if let Some(server) = cli.server.clone() {
        return team::run(&server, cli.command, json);
    }
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            output::error(&err, json);
            ExitCode::from(if err.is_user_error() { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let path = match (&cli.db, &cli.command) {
        (Some(path), _) => path.clone(),
        // Without --db the demo goes to the sample file the app opens (打开示例活动), never into
        // the planner's own database.
        (None, Command::Demo) => rampart_core::sample::default_path(),
        (None, _) => default_db_path(),
    };
    let mut store = Store::open(&path)?;
    if !cli.json {
        // Scripts reading --json get only the result or the error report; people get told why
        // a command seems to hang.
        store.on_write_wait(output::waiting);
    }
    // Every error names the database file from here on.
    command(&store, cli).map_err(|e| store.explain(e))
}

fn command(store: &Store, cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Login { .. } | Command::Logout | Command::ItemStatus { .. } | Command::Audit { .. } | Command::Accounts { .. } => {
            return Err(Error::Validation(vec![rampart_core::FieldError::new("server", rampart_core::Problem::Required)]));
        }
        Command::Demo => {
            let today = chrono::Local::now().date_naive();
            // Marked as the sample, so the app shows 示例 while it is open; refused in a database
            // with campaigns of its own.
            let id = rampart_core::sample::make(store, today)?;
            let campaign = store.campaigns().get(id)?;
            output::demo(&campaign, cli.json);
        }
        Command::Campaigns { command } => campaigns(store, command, cli.json)?,
        Command::Clients { command } => return clients(store, command, cli.json),
        Command::Teams { command } => org::teams(store, command, cli.json)?,
        Command::People { command } => org::people(store, command, cli.json)?,
        Command::Plans { campaign, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let plans = store
                .plans()
                .list(CampaignId(campaign), &Default::default(), today)?
                .into_iter()
                .map(|p| store.plans().get(p.id, today))
                .collect::<Result<Vec<_>, _>>()?;
            output::plans(&plans, cli.json);
        }
        Command::Achievements { command: AchievementsCommand::Import { file, campaign, dry_run } } => {
            let report = rampart_core::import::achievements::import_achievements(store, &file, CampaignId(campaign), dry_run)?;
            output::achievement_report(&report, cli.json);
            if !report.problems.is_empty() {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Achievements { command: AchievementsCommand::List(args) } => achievements::list(store, args, cli.json)?,
        Command::Achievements { command: AchievementsCommand::Correct(args) } => achievements::correct(store, args, cli.json)?,
        Command::Achievements { command: AchievementsCommand::Delete { campaign, id } } => {
            achievements::delete(store, campaign, id, cli.json)?
        }
        Command::Achievements { command: AchievementsCommand::Log { campaign, limit, offset } } => {
            achievements::log(store, campaign, limit, offset, cli.json)?
        }
        Command::Standings { campaign, as_of } => {
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            output::standings(&store.awards().standings(CampaignId(campaign), as_of)?, cli.json);
        }
        Command::Dashboard { campaign, as_of, team } => {
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            let team = team.map(|name| org::team(store, &name, cli.json)).transpose()?.map(|t| t.id);
            dashboard::print(&store.dashboards().read(CampaignId(campaign), as_of, team)?, cli.json);
        }
        Command::ServiceStandards { command } => service::run(store, command, cli.json)?,
        Command::Fibre(args) => fibre::run(store, args, cli.json)?,
        Command::Points(args) => points::run(store, args, cli.json)?,
        Command::Visits(args) => visits::run(store, args, cli.json)?,
        Command::Requests { command } => requests::run(store, command, cli.json)?,
        Command::Care { command } => care::run(store, command, cli.json)?,
        Command::Budget { campaign, set, clear, as_of } => {
            let campaign = CampaignId(campaign);
            if let Some(text) = set {
                let budget = rampart_core::Money::parse(&text).ok_or_else(|| {
                    Error::Validation(vec![rampart_core::FieldError::new("incentive_budget", rampart_core::Problem::NotAnAmount)])
                })?;
                store.campaigns().set_incentive_budget(campaign, Some(budget))?;
            } else if clear {
                store.campaigns().set_incentive_budget(campaign, None)?;
            }
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            output::incentive_budget(&store.awards().incentive_budget(campaign, as_of)?, cli.json);
        }
        Command::Export { command: ExportCommand::Tracker { campaign, out, team, each_team, english, today } } => {
            let lang = if english { Lang::En } else { Lang::Zh };
            export(store, (campaign, out, team, each_team, lang, today), cli.json)?;
        }
        Command::Report { campaign, as_of, team, lang, out } => {
            use rampart_core::export::weekly_report::{team_named, write_report, ReportFormat, ReportOptions};
            // A wrong extension is told before any figure is read.
            ReportFormat::of(&out)?;
            let team = team.as_deref().map(|name| team_named(store, name)).transpose()?;
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            let opts = ReportOptions { campaign_id: CampaignId(campaign), as_of, team, lang: Lang::from_code(&lang) };
            output::weekly_report(&write_report(store, &out, &opts)?, cli.json);
        }
        Command::Tracker { command: TrackerCommand::Apply { files, dry_run } } => return apply(store, &files, dry_run, cli.json),
        Command::Warnings { campaign, status, today, command } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            return warnings(store, (campaign, status, today, command), cli.json);
        }
        Command::Subsidies { campaign, scenario } => {
            let (clients, totals) = store.subsidies().report(CampaignId(campaign), scenario.as_deref())?;
            output::subsidies(campaign, scenario.as_deref(), &clients, &totals, cli.json);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn clients(store: &Store, command: ClientsCommand, json: bool) -> Result<ExitCode, Error> {
    match command {
        ClientsCommand::List { campaign, search, limit, offset } => {
            let campaign = campaign.map(CampaignId);
            if let Some(id) = campaign {
                store.campaigns().get(id)?;
            }
            let limit = list_limit(&limit, offset)?;
            list_clients(store, ClientQuery { campaign_id: campaign, search, ..Default::default() }, offset, limit, json)?;
        }
        ClientsCommand::Import { file, campaign, dry_run } => {
            let options = ImportOptions {
                campaign_id: campaign.map(CampaignId),
                dry_run,
                mapping: Default::default(),
                author: rampart_core::store::os_author("rampart"),
                now: chrono::Local::now().naive_local(),
            };
            let report = import_clients(store, &file, &options, &mut |_| true)?;
            output::import_report(&report, json);
            // The next program to open the file finds it caught up: an import of a text file
            // leaves its indexes, its clients' search entries and stale figures for after it commits.
            store.catch_up()?;
            if !report.problems.is_empty() {
                // The report is the message: bad input, nothing written.
                return Ok(ExitCode::from(2));
            }
        }
        ClientsCommand::Reassign(args) => org::reassign(store, args, json)?,
        ClientsCommand::UndoImport => {
            let batch = store.imports().undo_last(chrono::Local::now().naive_local())?;
            output::undone(&batch, json);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn export(
    store: &Store,
    (campaign, out, team, each_team, lang, today): (i64, PathBuf, Option<String>, bool, Lang, Option<chrono::NaiveDate>),
    json: bool,
) -> Result<(), Error> {
    let opts = TrackerOptions {
        campaign_id: CampaignId(campaign),
        team,
        lang,
        today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
        now: chrono::Local::now().naive_local(),
    };
    let written = if each_team {
        export_team_trackers(store, &out, &opts, &mut |_| true)?
    } else {
        vec![export_tracker(store, &out, &opts, &mut |_| true)?]
    };
    output::trackers(&written, json);
    Ok(())
}

fn apply(store: &Store, files: &[PathBuf], dry_run: bool, json: bool) -> Result<ExitCode, Error> {
    let opts = ApplyOptions {
        dry_run,
        author: rampart_core::store::os_author("rampart"),
        now: chrono::Local::now().naive_local(),
        today: chrono::Local::now().date_naive(),
    };
    let report = apply_trackers(store, files, &opts)?;
    output::tracker_report(&report, json);
    Ok(if report.problem_count() > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
