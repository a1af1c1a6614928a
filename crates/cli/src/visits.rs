//! `rampart visits`: the visits due and overdue as of a day (each tier's schedule and visits asked
//! for), per manager or team; recording a visit, asking for one; a client's contacts and the key
//! persons not confirmed within their tier's standard.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rampart_core::domain::ids::{CampaignId, ClientId};
use rampart_core::domain::plan::By;
use rampart_core::domain::visit::{DueVisit, VisitInput, VisitRequest};
use rampart_core::domain::warning::KeyPersonSource;
use rampart_core::domain::Page;
use rampart_core::error::Entity;
use rampart_core::store::DueFilter;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct VisitsArgs {
    #[command(subcommand)]
    command: Option<VisitsCommand>,
    #[command(flatten)]
    due: DueArgs,
}

/// The visits due on a day (the default action of `rampart visits`).
#[derive(Args)]
pub struct DueArgs {
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Judge due and overdue against this date (YYYY-MM-DD); defaults to today.
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
    /// Only this team's clients (its name).
    #[arg(long, value_name = "NAME")]
    team: Option<String>,
    /// Only the visits this person owns or, as VIP account manager, is told of.
    #[arg(long, value_name = "NAME")]
    manager: Option<String>,
    /// Only overdue visits.
    #[arg(long)]
    overdue: bool,
    #[arg(long, default_value_t = 50)]
    limit: i64,
    #[arg(long, default_value_t = 0)]
    offset: i64,
}

#[derive(Subcommand)]
pub enum VisitsCommand {
    /// Records a visit that happened.
    Record {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// The client's code (客户编码).
        #[arg(long, value_name = "CODE")]
        client: String,
        /// The day of the visit (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        /// Who met whom.
        #[arg(long)]
        met: String,
        #[arg(long, default_value = "")]
        needs: String,
        #[arg(long, default_value = "")]
        competitors: String,
        #[arg(long, default_value = "")]
        next_steps: String,
        /// The visit asked for that this answers (its id).
        #[arg(long, value_name = "ID")]
        request: Option<i64>,
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
    },
    /// Asks for a visit outside the schedule, due on a day.
    Ask {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "CODE")]
        client: String,
        #[arg(long, value_name = "DATE")]
        due: NaiveDate,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
    },
    /// Due and overdue visits per account manager, or per team with --by-team.
    Load {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
        #[arg(long)]
        by_team: bool,
    },
    /// Recorded visits, latest first (paged).
    History {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "CODE")]
        client: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Key persons not confirmed within their tier's standard (paged).
    Unconfirmed {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
}

fn client(store: &Store, code: &str) -> Result<ClientId, Error> {
    store.clients().id_by_code(code.trim())?.ok_or_else(|| Error::NotFound { entity: Entity::Client, key: code.trim().to_string() })
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn by() -> By {
    By { author: rampart_core::store::os_author("rampart"), at: now() }
}

pub fn run(store: &Store, args: VisitsArgs, json: bool) -> Result<(), Error> {
    match args.command {
        None => {
            let a = args.due;
            let campaign = a.campaign.ok_or_else(|| Error::Validation(vec![FieldError::new("campaign", Problem::Required)]))?;
            let team = a.team.map(|name| crate::org::team(store, &name, json)).transpose()?.map(|t| t.id);
            let person = a.manager.map(|name| crate::org::person(store, &name, json)).transpose()?.map(|p| p.id);
            let today = a.today.unwrap_or(now().date());
            let filter = DueFilter { team, person, overdue_only: a.overdue };
            print_due(&store.visits().due(CampaignId(campaign), today, filter, a.limit, a.offset)?, today, json);
        }
        Some(VisitsCommand::Record { campaign, client: code, date, met, needs, competitors, next_steps, request, today }) => {
            let input = VisitInput { visited_on: date, met, needs, competitors, next_steps, request };
            let id = client(store, &code)?;
            let visit =
                store.visits().record(CampaignId(campaign), id, &input, today.unwrap_or(now().date()), KeyPersonSource::Form, &by())?;
            if json {
                print_json(&serde_json::to_value(&visit).unwrap_or_default());
            } else if chinese() {
                print_text(&format!("已登记走访：{} {} · {}", visit.client_code, visit.client, visit.visited_on));
            } else {
                print_text(&format!("Visit recorded: {} {} · {}", visit.client_code, visit.client, visit.visited_on));
            }
        }
        Some(VisitsCommand::Ask { campaign, client: code, due, reason, today }) => {
            let id = client(store, &code)?;
            let request = VisitRequest { due, reason };
            let asked = store.visits().ask(CampaignId(campaign), id, &request, today.unwrap_or(now().date()), &by())?;
            if json {
                print_json(&serde_json::json!({ "id": asked, "client": code.trim(), "due": due }));
            } else if chinese() {
                print_text(&format!("已安排走访 #{asked}：{}，{due} 前", code.trim()));
            } else {
                print_text(&format!("Visit #{asked} asked for: {} by {due}", code.trim()));
            }
        }
        Some(VisitsCommand::Load { campaign, today, by_team }) => {
            let load = store.visits().load(CampaignId(campaign), today.unwrap_or(now().date()), by_team)?;
            if json {
                print_json(&serde_json::to_value(&load).unwrap_or_default());
            } else {
                let zh = chinese();
                let lines: Vec<String> = load
                    .iter()
                    .map(|l| {
                        let name = if l.name.is_empty() {
                            if zh {
                                "（未分配）"
                            } else {
                                "(unassigned)"
                            }
                        } else {
                            l.name.as_str()
                        };
                        if zh {
                            format!("{name}：待走访 {}，逾期 {}", l.due, l.overdue)
                        } else {
                            format!("{name}: {} due, {} overdue", l.due, l.overdue)
                        }
                    })
                    .collect();
                print_text(&lines.join("\n"));
            }
        }
        Some(VisitsCommand::History { campaign, client: code, limit, offset }) => {
            let id = code.as_deref().map(|c| client(store, c)).transpose()?;
            let page = store.visits().list(CampaignId(campaign), id, limit, offset)?;
            if json {
                print_json(&serde_json::json!({ "total": page.total, "rows": page.rows }));
            } else {
                let mut lines = vec![if chinese() { format!("共 {} 次走访", page.total) } else { format!("{} visits", page.total) }];
                lines
                    .extend(page.rows.iter().map(|v| format!("{} {} {} · {} · {}", v.visited_on, v.client_code, v.client, v.owner, v.met)));
                print_text(&lines.join("\n"));
            }
        }
        Some(VisitsCommand::Unconfirmed { campaign, today, team, limit, offset }) => {
            let team = team.map(|name| crate::org::team(store, &name, json)).transpose()?.map(|t| t.id);
            let page = store.contacts().unconfirmed(CampaignId(campaign), today.unwrap_or(now().date()), team, limit, offset)?;
            if json {
                print_json(&serde_json::json!({ "total": page.total, "rows": page.rows }));
            } else {
                let zh = chinese();
                let mut lines = vec![if zh {
                    format!("共 {} 位关键人超期未确认", page.total)
                } else {
                    format!("{} key persons not confirmed in time", page.total)
                }];
                for r in &page.rows {
                    let when =
                        r.confirmed_on.map_or_else(|| if zh { "从未确认".to_string() } else { "never".to_string() }, |d| d.to_string());
                    let who = if r.key_person.is_empty() {
                        if zh {
                            "（无关键人）"
                        } else {
                            "(no key person)"
                        }
                    } else {
                        r.key_person.as_str()
                    };
                    lines.push(format!("{} {} · {} · {who} · {when}", r.client_code, r.client, r.owner));
                }
                print_text(&lines.join("\n"));
            }
        }
    }
    Ok(())
}

fn print_due(page: &Page<DueVisit>, today: NaiveDate, json: bool) {
    if json {
        let rows: Vec<_> = page
            .rows
            .iter()
            .map(|v| {
                serde_json::json!({
                    "client": v.client_code, "client_name": v.client, "tier": v.tier, "team": v.team_name,
                    "owner": v.owner, "vip_manager": v.vip_manager, "from": v.from, "due": v.due,
                    "overdue": v.overdue, "days_overdue": v.days_overdue, "request_id": v.request_id,
                    "reason": v.reason, "last_visit": v.last_visit,
                })
            })
            .collect();
        print_json(&serde_json::json!({ "today": today, "total": page.total, "rows": rows }));
        return;
    }
    let zh = chinese();
    let mut lines = vec![if zh {
        format!("截至 {today} 共 {} 次走访待完成", page.total)
    } else {
        format!("{} visits due as of {today}", page.total)
    }];
    for v in &page.rows {
        let state = match (v.overdue, zh) {
            (true, true) => format!("逾期 {} 天", v.days_overdue),
            (true, false) => format!("{} days overdue", v.days_overdue),
            (false, true) => format!("{} 前", v.due),
            (false, false) => format!("by {}", v.due),
        };
        let vip = if v.vip_manager.is_empty() { String::new() } else { format!(" + {}", v.vip_manager) };
        lines.push(format!("{} {} · {}{vip} · {} · {state}", v.client_code, v.client, v.owner, v.tier));
    }
    print_text(&lines.join("\n"));
}
