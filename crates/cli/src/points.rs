//! `rampart points`: loyalty points (积分) — members' data imported per billing period, a
//! period computed (or locked), the period's members with their points and balances, a member's
//! statement, redemptions, and the scheme.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::points::PointScheme;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::warning::BillingPeriod;
use rampart_core::export::points_statement::write_statement;
use rampart_core::import::members::import_members;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text, yuan_everywhere};

/// `rampart points --campaign ID --period YYYY-MM` lists the period's members; the subcommands
/// import, compute, lock, redeem, show a statement and edit the scheme.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PointsArgs {
    #[command(subcommand)]
    command: Option<PointsCommand>,
    #[command(flatten)]
    list: ListArgs,
}

/// A computed period's members by number, with their points and balance (paged).
#[derive(Args)]
pub struct ListArgs {
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    /// Only members whose number or name holds this.
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long, default_value_t = 50)]
    limit: i64,
    #[arg(long, default_value_t = 0)]
    offset: i64,
}

#[derive(Subcommand)]
pub enum PointsCommand {
    /// Imports members' data (号码, 客户编码, 姓名, 入网日期, 会员级别, 账期, 消费金额): all or nothing.
    Import {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        dry_run: bool,
    },
    /// Computes a period's points (again, replacing the last computation) unless it is locked.
    Compute {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        /// Tenure is counted to the period's end, or to this day while it runs; defaults to today.
        #[arg(long, value_name = "DATE")]
        today: Option<NaiveDate>,
    },
    /// The periods with data or points, latest first, with their totals and pools.
    Periods {
        #[arg(long, value_name = "ID")]
        campaign: i64,
    },
    /// Locks a computed period (--unlock to open it again).
    Lock {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long)]
        unlock: bool,
    },
    /// A member's statement: every entry with the running balance; --out writes it as xlsx.
    Statement {
        /// The member's number (号码) or id.
        #[arg(long, value_name = "ID")]
        member: String,
        /// Defaults to the campaign of the member's latest data.
        #[arg(long, value_name = "ID")]
        campaign: Option<i64>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// zh-CN or en, for the workbook.
        #[arg(long, default_value = "zh-CN")]
        lang: String,
    },
    /// Redeems points against a member's balance.
    Redeem {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "ID")]
        member: String,
        #[arg(long)]
        points: i64,
        #[arg(long, value_name = "YYYY-MM")]
        period: String,
        #[arg(long)]
        reason: String,
    },
    /// The scheme as JSON; --set FILE replaces it with the JSON in FILE (checked first).
    Scheme {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, value_name = "FILE")]
        set: Option<PathBuf>,
    },
}

const MONEY: [&str; 3] = ["spend", "spend_total", "average_spend"];

fn by() -> By {
    By { author: rampart_core::store::os_author("rampart"), at: chrono::Local::now().naive_local() }
}

fn period(text: &str) -> Result<BillingPeriod, Error> {
    BillingPeriod::parse(text).ok_or_else(|| Error::Validation(vec![FieldError::new("period", Problem::NotADate)]))
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, Error> {
    value.ok_or_else(|| Error::Validation(vec![FieldError::new(field, Problem::Required)]))
}

fn show<T: serde::Serialize>(value: &T, text: String, json: bool) {
    if json {
        let mut v = serde_json::to_value(value).unwrap_or_default();
        yuan_everywhere(&mut v, &MONEY);
        print_json(&v);
    } else {
        print_text(&text);
    }
}

fn summary_text(s: &rampart_core::store::points::PeriodSummary, zh: bool) -> String {
    let mut lines = vec![if zh {
        format!(
            "{}：{} 名会员，消费 {} 元；消费积分 {}，在网赠送 {}，级别赠送 {}，奖励 {}，过期 {}{}",
            s.period,
            s.members,
            s.spend,
            s.spend_points,
            s.tenure_bonus,
            s.level_bonus,
            s.reward_points,
            s.expired,
            if s.locked { "（已锁定）" } else { "" }
        )
    } else {
        format!(
            "{}: {} members, spend ¥{}; spend points {}, tenure bonus {}, level bonus {}, rewards {}, expired {}{}",
            s.period,
            s.members,
            s.spend,
            s.spend_points,
            s.tenure_bonus,
            s.level_bonus,
            s.reward_points,
            s.expired,
            if s.locked { " (locked)" } else { "" }
        )
    }];
    for p in &s.pools {
        lines.push(if zh {
            format!("  {}：{} 人符合，平均消费 {} 元，每人 {} 分，共 {} 分", p.key, p.qualifying, p.average_spend, p.bonus_points, p.cost())
        } else {
            format!(
                "  {}: {} qualify, average spend ¥{}, {} points each, {} in all",
                p.key,
                p.qualifying,
                p.average_spend,
                p.bonus_points,
                p.cost()
            )
        });
    }
    lines.join("\n")
}

pub fn run(store: &Store, args: PointsArgs, json: bool) -> Result<(), Error> {
    let zh = chinese();
    let command = match args.command {
        Some(c) => c,
        None => {
            let l = args.list;
            let campaign = CampaignId(required(l.campaign, "campaign")?);
            let p = period(&required(l.period, "period")?)?;
            let page = store.points().page(campaign, &p, &l.search, l.limit, l.offset)?;
            let text = page
                .rows
                .iter()
                .map(|r| {
                    format!(
                        "{} {} [{}] {}m spend {} +{} +{} +{} +{} -{} = {}",
                        r.member,
                        r.name,
                        r.level,
                        r.tenure_months,
                        r.spend,
                        r.spend_points,
                        r.tenure_bonus,
                        r.level_bonus,
                        r.reward_points,
                        r.expired,
                        r.balance
                    )
                })
                .chain(std::iter::once(format!("{} / {}", page.rows.len(), page.total)))
                .collect::<Vec<_>>()
                .join("\n");
            show(&page, text, json);
            return Ok(());
        }
    };
    match command {
        PointsCommand::Import { file, campaign, dry_run } => {
            let report = import_members(store, &file, CampaignId(campaign), dry_run)?;
            let mut lines = vec![format!(
                "{}: {} rows, {} written{} ({})",
                report.file,
                report.rows,
                report.written_rows,
                if report.written { "" } else { " — nothing kept" },
                report.periods.join(", ")
            )];
            for p in &report.problems {
                lines.push(format!("  {} {} {:?}: {}", p.line, p.column, p.value, if zh { &p.message_zh } else { &p.message_en }));
            }
            show(&report, lines.join("\n"), json);
            if !report.problems.is_empty() || report.more_problems > 0 {
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(2);
            }
        }
        PointsCommand::Compute { campaign, period: p, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let s = store.points().compute(CampaignId(campaign), &period(&p)?, today, &by())?;
            show(&s, summary_text(&s, zh), json);
        }
        PointsCommand::Periods { campaign } => {
            let list = store.points().periods(CampaignId(campaign))?;
            show(&list, list.iter().map(|s| summary_text(s, zh)).collect::<Vec<_>>().join("\n"), json);
        }
        PointsCommand::Lock { campaign, period: p, unlock } => {
            let s = store.points().set_locked(CampaignId(campaign), &period(&p)?, !unlock)?;
            show(&s, summary_text(&s, zh), json);
        }
        PointsCommand::Statement { member, campaign, out, lang } => {
            let (id, latest) = store.points().find_member(&member)?;
            let campaign = CampaignId(required(campaign.or(latest.map(|c| c.0)), "campaign")?);
            let statement = match &out {
                Some(path) => write_statement(store, campaign, id, path, Lang::from_code(&lang))?,
                None => store.points().statement(campaign, id)?,
            };
            let text = statement
                .entries
                .iter()
                .map(|e| format!("{} {} {:+} {} = {}", e.period, e.kind, e.points, if zh { &e.reason_zh } else { &e.reason_en }, e.balance))
                .chain(std::iter::once(format!("{} {}: {}", statement.member, statement.name, statement.balance)))
                .collect::<Vec<_>>()
                .join("\n");
            show(&statement, text, json);
        }
        PointsCommand::Redeem { campaign, member, points, period: p, reason } => {
            let (id, _) = store.points().find_member(&member)?;
            let s = store.points().redeem(CampaignId(campaign), id, &period(&p)?, points, &reason, &by())?;
            show(&s, format!("{} {}: {}", s.member, s.name, s.balance), json);
        }
        PointsCommand::Scheme { campaign, set } => {
            let scheme = match set {
                Some(file) => {
                    let text = std::fs::read_to_string(&file)?;
                    let scheme: PointScheme = serde_json::from_str(&text).map_err(|e| Error::Unreadable {
                        file: file.display().to_string(),
                        zh: format!("不是有效的积分方案 JSON：{e}"),
                        en: format!("not a points scheme in JSON: {e}"),
                    })?;
                    store.points().set_scheme(CampaignId(campaign), &scheme, &by())?
                }
                None => store.points().scheme(CampaignId(campaign))?,
            };
            print_json(&serde_json::to_value(&scheme).unwrap_or_default());
        }
    }
    Ok(())
}
