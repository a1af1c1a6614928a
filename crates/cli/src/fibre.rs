//! `rampart fibre`: strategy 4's work list, the high-risk targets without fibre to the premises
//! and where each one's preparation stands; and moving one client along it.

use clap::{Args, Subcommand};
use rampart_core::domain::fibre::{FibreRow, FibreStatus, FibreUpdate};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::Page;
use rampart_core::error::Entity;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text};

/// `rampart fibre --campaign ID` lists the work list; `list` says the same, `set` moves a client.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FibreArgs {
    #[command(subcommand)]
    command: Option<FibreCommand>,
    #[command(flatten)]
    list: ListArgs,
}

/// The work list, by team and client code (paged: --limit, --offset).
#[derive(Args)]
pub struct ListArgs {
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Only this team's clients (its name).
    #[arg(long, value_name = "NAME")]
    team: Option<String>,
    /// Only this status: to_survey|surveyed|scheduled|done|not_coverable, or its label (待勘察…).
    #[arg(long)]
    status: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: i64,
    #[arg(long, default_value_t = 0)]
    offset: i64,
}

#[derive(Subcommand)]
pub enum FibreCommand {
    /// The work list, by team and client code (paged: --limit, --offset).
    List(ListArgs),
    /// Moves one client's preparation to a status, with the days that back it.
    Set(SetArgs),
}

#[derive(Args)]
pub struct SetArgs {
    #[arg(long, value_name = "ID")]
    campaign: i64,
    /// The client's code (客户编码).
    #[arg(long, value_name = "CODE")]
    client: String,
    #[arg(long)]
    status: String,
    /// Why fibre cannot reach the client (required for not_coverable).
    #[arg(long, default_value = "")]
    reason: String,
    #[arg(long, value_name = "DATE")]
    surveyed_on: Option<chrono::NaiveDate>,
    #[arg(long, value_name = "DATE")]
    scheduled_on: Option<chrono::NaiveDate>,
    #[arg(long, value_name = "DATE")]
    done_on: Option<chrono::NaiveDate>,
    /// Judge the days against this date (YYYY-MM-DD); defaults to today.
    #[arg(long, value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
}

fn status(text: &str) -> Result<FibreStatus, Error> {
    FibreStatus::parse(text)
        .ok_or_else(|| Error::Validation(vec![FieldError::new("status", Problem::NotOneOf { allowed: FibreStatus::codes() })]))
}

pub fn run(store: &Store, args: FibreArgs, json: bool) -> Result<(), Error> {
    match args.command.unwrap_or(FibreCommand::List(args.list)) {
        FibreCommand::List(ListArgs { campaign, team, status: wanted, limit, offset }) => {
            let campaign = campaign.ok_or_else(|| Error::Validation(vec![FieldError::new("campaign", Problem::Required)]))?;
            let team = team.map(|name| crate::org::team(store, &name, json)).transpose()?.map(|t| t.id);
            let wanted = wanted.as_deref().map(status).transpose()?;
            print(&store.fibre().list(CampaignId(campaign), team, wanted, limit, offset)?, json);
        }
        FibreCommand::Set(a) => {
            let client = store
                .clients()
                .id_by_code(a.client.trim())?
                .ok_or_else(|| Error::NotFound { entity: Entity::Client, key: a.client.trim().to_string() })?;
            let update = FibreUpdate {
                status: status(&a.status)?,
                reason: a.reason,
                surveyed_on: a.surveyed_on,
                scheduled_on: a.scheduled_on,
                done_on: a.done_on,
            };
            let now = chrono::Local::now().naive_local();
            let by = By { author: rampart_core::store::os_author("rampart"), at: now };
            let row = store.fibre().set(CampaignId(a.campaign), client, &update, a.today.unwrap_or(now.date()), &by)?;
            print(&Page { total: 1, rows: vec![row] }, json);
        }
    }
    Ok(())
}

fn print(page: &Page<FibreRow>, json: bool) {
    if json {
        print_json(&serde_json::json!({ "total": page.total, "rows": page.rows }));
        return;
    }
    let zh = chinese();
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    let mut lines = vec![if zh {
        format!("共 {} 户高风险目标客户尚无光纤到户", page.total)
    } else {
        format!("{} high-risk targets without fibre to the premises", page.total)
    }];
    for r in &page.rows {
        let status = if zh { r.status.label_zh() } else { r.status.label_en() };
        let reason = if r.reason.is_empty() { String::new() } else { format!(" ({})", r.reason) };
        lines.push(format!(
            "{} {} · {} · {} · {status}{reason} · {} {} {}",
            r.code,
            r.name,
            r.team_name,
            r.account_manager,
            day(r.surveyed_on),
            day(r.scheduled_on),
            day(r.done_on)
        ));
    }
    print_text(&lines.join("\n"));
}
