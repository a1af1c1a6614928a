//! `rampart requests`: the green channel (绿色通道) — key clients' requests imported or added,
//! listed by time left as of a moment, moved to 处理中 or 已解决, on-time rates per team and tier;
//! and the service calendar their deadlines are counted on.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use rampart_core::domain::green_channel::{CalendarDay, DayHours, GreenRequest, RequestInput, RequestKind, RequestStatus, RequestStep};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::{Page, Tier};
use rampart_core::error::Entity;
use rampart_core::import::green_requests::import_requests;
use rampart_core::store::green_channel::RequestFilter;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text};

#[derive(Subcommand)]
pub enum RequestsCommand {
    /// Imports requests from a file (客户编码, 类型, 受理时间, 描述): all or nothing.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Check the file and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Adds one request by hand.
    Add {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "CODE")]
        client: String,
        /// fault|installation|change|complaint, or 故障/装机/变更/投诉.
        #[arg(long)]
        kind: String,
        /// When it was received (YYYY-MM-DD HH:MM).
        #[arg(long, value_name = "TIME", value_parser = moment)]
        received: NaiveDateTime,
        #[arg(long)]
        description: String,
        /// Judge against this moment (YYYY-MM-DD HH:MM); defaults to now.
        #[arg(long, value_name = "TIME", value_parser = moment)]
        now: Option<NaiveDateTime>,
    },
    /// Requests by time left to their deadline (paged), as of a moment.
    List {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "TIME", value_parser = moment)]
        now: Option<NaiveDateTime>,
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
        /// A, B or C.
        #[arg(long)]
        tier: Option<String>,
        /// Only requests not yet resolved.
        #[arg(long)]
        open: bool,
        /// Only requests that missed a deadline.
        #[arg(long)]
        breached: bool,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Moves a request to in_progress (处理中) or resolved (已解决) at a moment.
    SetStatus {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "N")]
        id: i64,
        #[arg(long)]
        status: String,
        /// When (YYYY-MM-DD HH:MM); defaults to now.
        #[arg(long, value_name = "TIME", value_parser = moment)]
        at: Option<NaiveDateTime>,
        #[arg(long, default_value = "")]
        resolution: String,
        #[arg(long, value_name = "TIME", value_parser = moment)]
        now: Option<NaiveDateTime>,
    },
    /// On-time rates per tier, or per team with --by-team, as of a moment.
    Rates {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "TIME", value_parser = moment)]
        now: Option<NaiveDateTime>,
        #[arg(long)]
        by_team: bool,
    },
    /// The service calendar: show it, or change a weekday's hours or a dated day.
    Calendar {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// Set a weekday's hours: 1 (Monday) … 7 (Sunday), with --from and --to; --closed clears it.
        #[arg(long)]
        weekday: Option<u32>,
        #[arg(long, value_name = "HH:MM")]
        from: Option<String>,
        #[arg(long, value_name = "HH:MM")]
        to: Option<String>,
        #[arg(long)]
        closed: bool,
        /// Mark a date a holiday (--off) or a make-up working day (--working), or --remove it.
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(long)]
        off: bool,
        #[arg(long)]
        working: bool,
        #[arg(long)]
        remove: bool,
        #[arg(long, default_value = "")]
        name: String,
    },
}

fn moment(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| format!("{text:?} is not a time like 2026-11-20 14:30"))
}

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn by(at: NaiveDateTime) -> By {
    By { author: rampart_core::store::os_author("rampart"), at }
}

fn invalid(field: &str, allowed: String) -> Error {
    Error::Validation(vec![FieldError::new(field, Problem::NotOneOf { allowed })])
}

fn minutes(text: &str) -> Result<u32, Error> {
    let bad = || Error::Validation(vec![FieldError::new("hours", Problem::OutOfRange { min: 0, max: 24 * 60 })]);
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h * 60 + m > 24 * 60 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

pub fn run(store: &Store, command: RequestsCommand, json: bool) -> Result<(), Error> {
    let zh = chinese();
    match command {
        RequestsCommand::Import { file, campaign, dry_run } => {
            let report = import_requests(store, &file, CampaignId(campaign), dry_run, &by(now()))?;
            if json {
                print_json(&serde_json::to_value(&report).unwrap_or_default());
            } else {
                let mut lines = vec![if zh {
                    format!(
                        "{}：读取 {} 行，{} 条请求{}",
                        report.file,
                        report.rows,
                        report.added,
                        if report.written { "已写入" } else { "未写入" }
                    )
                } else {
                    format!(
                        "{}: {} rows read, {} requests {}",
                        report.file,
                        report.rows,
                        report.added,
                        if report.written { "written" } else { "not written" }
                    )
                }];
                for p in &report.problems {
                    let message = if zh { &p.message_zh } else { &p.message_en };
                    lines.push(format!("  {} {} {:?}: {message}", p.line, p.column, p.value));
                }
                print_text(&lines.join("\n"));
            }
            if !report.problems.is_empty() {
                // Bad input, as every refused command: exit 2 once the report is out.
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(2);
            }
        }
        RequestsCommand::Add { campaign, client, kind, received, description, now: at } => {
            let id = store
                .clients()
                .id_by_code(client.trim())?
                .ok_or_else(|| Error::NotFound { entity: Entity::Client, key: client.trim().to_string() })?;
            let kind = RequestKind::parse(&kind).ok_or_else(|| invalid("kind", RequestKind::codes()))?;
            let moment = at.unwrap_or_else(now);
            let added = store.green_channel().add(
                CampaignId(campaign),
                id,
                &RequestInput { kind, received_at: received, description },
                moment,
                &by(moment),
            )?;
            print(&Page { total: 1, rows: vec![added] }, json);
        }
        RequestsCommand::List { campaign, now: at, team, tier, open, breached, limit, offset } => {
            let team_id = team.map(|name| crate::org::team(store, &name, json)).transpose()?.map(|t| t.id);
            let tier = tier.map(|t| Tier::from_code(t.trim()).ok_or_else(|| invalid("tier", Tier::codes()))).transpose()?;
            let filter = RequestFilter { team_id, tier, kind: None, open_only: open, breached_only: breached };
            print(&store.green_channel().list(CampaignId(campaign), filter, at.unwrap_or_else(now), limit, offset)?, json);
        }
        RequestsCommand::SetStatus { campaign, id, status, at, resolution, now: moment } => {
            let status = RequestStatus::parse(&status).ok_or_else(|| invalid("status", RequestStatus::codes()))?;
            let moment = moment.unwrap_or_else(now);
            let step = RequestStep { status, at: at.unwrap_or(moment), resolution };
            let moved = store.green_channel().step(CampaignId(campaign), id, &step, moment, &by(moment))?;
            print(&Page { total: 1, rows: vec![moved] }, json);
        }
        RequestsCommand::Rates { campaign, now: at, by_team } => {
            let rates = store.green_channel().rates(CampaignId(campaign), at.unwrap_or_else(now), by_team)?;
            if json {
                print_json(&serde_json::to_value(&rates).unwrap_or_default());
            } else {
                let lines: Vec<String> = rates
                    .iter()
                    .map(|r| {
                        let rate = r.rate.map_or_else(|| "—".to_string(), |v| format!("{v:.1}%"));
                        if zh {
                            format!("{}：已解决 {}，按时 {}（{rate}），超时未解决 {}", r.name, r.resolved, r.on_time, r.open_overdue)
                        } else {
                            format!(
                                "{}: {} resolved, {} on time ({rate}), {} open past deadline",
                                r.name, r.resolved, r.on_time, r.open_overdue
                            )
                        }
                    })
                    .collect();
                print_text(&lines.join("\n"));
            }
        }
        RequestsCommand::Calendar { campaign, weekday, from, to, closed, date, off, working, remove, name } => {
            let id = CampaignId(campaign);
            let mut calendar = store.green_channel().calendar(id)?;
            let changing = weekday.is_some() || date.is_some();
            if let Some(weekday) = weekday {
                calendar.hours.retain(|h| h.weekday != weekday);
                if !closed {
                    let (Some(from), Some(to)) = (from, to) else {
                        return Err(Error::Validation(vec![FieldError::new("hours", Problem::Required)]));
                    };
                    calendar.hours.push(DayHours { weekday, start_minute: minutes(&from)?, end_minute: minutes(&to)? });
                    calendar.hours.sort_by_key(|h| h.weekday);
                }
            }
            if let Some(day) = date {
                calendar.days.retain(|d| d.day != day);
                if !remove {
                    if off == working {
                        return Err(invalid("working", "--off, --working".into()));
                    }
                    calendar.days.push(CalendarDay { day, working, name });
                    calendar.days.sort_by_key(|d| d.day);
                }
            }
            if changing {
                calendar = store.green_channel().set_calendar(id, &calendar, &by(now()))?;
            }
            if json {
                print_json(&serde_json::to_value(&calendar).unwrap_or_default());
            } else {
                let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
                let mut lines: Vec<String> =
                    calendar.hours.iter().map(|h| format!("{}: {}–{}", h.weekday, clock(h.start_minute), clock(h.end_minute))).collect();
                for d in &calendar.days {
                    let kind = match (d.working, zh) {
                        (true, true) => "调休上班",
                        (true, false) => "working",
                        (false, true) => "放假",
                        (false, false) => "off",
                    };
                    lines.push(format!("{} {kind} {}", d.day, d.name));
                }
                print_text(&lines.join("\n"));
            }
        }
    }
    Ok(())
}

fn print(page: &Page<GreenRequest>, json: bool) {
    if json {
        print_json(&serde_json::json!({ "total": page.total, "rows": page.rows }));
        return;
    }
    let zh = chinese();
    let mut lines =
        vec![if zh { format!("共 {} 条绿色通道请求", page.total) } else { format!("{} green-channel requests", page.total) }];
    for r in &page.rows {
        let status = if zh { r.status.label_zh() } else { r.status.label_en() };
        let kind = if zh { r.kind.label_zh() } else { r.kind.label_en() };
        let left = match r.minutes_left {
            Some(m) if m < 0 => {
                if zh {
                    format!("超时 {} 小时", -m / 60)
                } else {
                    format!("{} h overdue", -m / 60)
                }
            }
            Some(m) => {
                if zh {
                    format!("剩余 {} 小时", m / 60)
                } else {
                    format!("{} h left", m / 60)
                }
            }
            None => String::new(),
        };
        let flag = if r.breached {
            if zh {
                " ⚠超时"
            } else {
                " ⚠breached"
            }
        } else {
            ""
        };
        lines.push(format!(
            "#{} {} {} · {kind} · {} · {status} {left}{flag}",
            r.id,
            r.client_code,
            r.client,
            r.received_at.format("%Y-%m-%d %H:%M")
        ));
    }
    print_text(&lines.join("\n"));
}
