//! `rampart achievements list|correct|delete|log`: parse arguments, call core, print. Money in
//! JSON is yuan with `*_fen` beside it, as every other command gives it (README).

use clap::Args;
use rampart_core::domain::achievement::{Achievement, AchievementLogEntry, AchievementQuery, MAX_PAGE};
use rampart_core::domain::awards::AchievementInput;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::money::Money;
use rampart_core::{Error, FieldError, Problem, Store};
use serde_json::json;

use crate::org;

#[derive(Args)]
pub struct ListArgs {
    #[arg(long, value_name = "ID")]
    campaign: i64,
    /// Only this metric (its code).
    #[arg(long)]
    metric: Option<String>,
    #[arg(long, value_name = "NAME")]
    team: Option<String>,
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    /// First date, YYYY-MM-DD (included).
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Last date, YYYY-MM-DD (included).
    #[arg(long)]
    until: Option<chrono::NaiveDate>,
    /// How many to print, or `all` (fetched a page at a time).
    #[arg(long, value_name = "N|all", default_value = "50")]
    limit: String,
    /// Skip this many first (newest first), to page through the list.
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: i64,
}

/// A correction: what is given replaces the recorded value; an empty --team, --person,
/// --client or --industry clears it.
#[derive(Args)]
pub struct CorrectArgs {
    #[arg(long, value_name = "ID")]
    campaign: i64,
    /// The achievement's id (from `achievements list`).
    #[arg(long)]
    id: i64,
    #[arg(long)]
    date: Option<chrono::NaiveDate>,
    #[arg(long)]
    metric: Option<String>,
    #[arg(long, value_name = "NAME")]
    team: Option<String>,
    #[arg(long, value_name = "NAME")]
    person: Option<String>,
    #[arg(long)]
    quantity: Option<i64>,
    /// In yuan, e.g. 1234.50.
    #[arg(long)]
    amount: Option<String>,
    /// The client's code (客户编码).
    #[arg(long, value_name = "CODE")]
    client: Option<String>,
    /// 行业, for an achievement without a client.
    #[arg(long)]
    industry: Option<String>,
    #[arg(long)]
    note: Option<String>,
}

fn yuan(m: Money) -> serde_json::Value {
    m.plain().parse::<f64>().map(serde_json::Value::from).unwrap_or_default()
}

fn input_json(a: &AchievementInput) -> serde_json::Value {
    let mut value = serde_json::to_value(a).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("amount".into(), yuan(a.amount));
        map.insert("amount_fen".into(), a.amount.fen().into());
    }
    value
}

fn achievement_json(a: &Achievement) -> serde_json::Value {
    let mut value = serde_json::to_value(a).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("amount".into(), yuan(a.input.amount));
        map.insert("amount_fen".into(), a.input.amount.fen().into());
    }
    value
}

fn say(text: &str) {
    use std::io::Write as _;
    if writeln!(std::io::stdout().lock(), "{text}").is_err() {
        std::process::exit(0);
    }
}

fn line(a: &Achievement) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{} 元\t{}\t{}",
        a.id,
        a.input.date,
        a.input.metric,
        a.team.as_deref().unwrap_or("-"),
        a.person.as_deref().unwrap_or("-"),
        a.input.quantity,
        a.input.amount,
        a.client_code.as_deref().unwrap_or("-"),
        a.counted_industry.as_deref().unwrap_or("-"),
    )
}

pub fn list(store: &Store, args: ListArgs, json: bool) -> Result<(), Error> {
    let limit = match args.limit.trim() {
        "all" => None,
        n => match n.parse::<i64>() {
            Ok(n) if n >= 1 => Some(n),
            _ => return Err(Error::Validation(vec![FieldError::new("limit", Problem::OutOfRange { min: 1, max: i64::MAX })])),
        },
    };
    if args.offset < 0 {
        return Err(Error::Validation(vec![FieldError::new("offset", Problem::OutOfRange { min: 0, max: i64::MAX })]));
    }
    let mut query = AchievementQuery {
        metric: args.metric,
        team_id: args.team.map(|t| org::team(store, &t, json).map(|t| t.id)).transpose()?,
        person_id: args.person.map(|p| org::person(store, &p, json).map(|p| p.id)).transpose()?,
        from: args.from,
        until: args.until,
        ..Default::default()
    };
    let campaign = CampaignId(args.campaign);
    let mut rows = Vec::new();
    // A page at a time, so `all` has no hidden cap.
    let total = loop {
        let shown = rows.len() as i64;
        let want = limit.map_or(MAX_PAGE, |l| (l - shown).min(MAX_PAGE));
        query.offset = args.offset + shown;
        query.limit = want;
        let page = store.achievements().list(campaign, &query)?;
        let got = page.rows.len() as i64;
        rows.extend(page.rows);
        if got < want || limit.is_some_and(|l| rows.len() as i64 >= l) {
            break page.total;
        }
    };
    if json {
        let list: Vec<_> = rows.iter().map(achievement_json).collect();
        say(&serde_json::to_string_pretty(&json!({ "total": total, "offset": args.offset, "achievements": list })).unwrap_or_default());
        return Ok(());
    }
    for a in &rows {
        say(&line(a));
    }
    eprintln!("{} of {total}{}", rows.len(), if args.offset > 0 { format!(", from {}", args.offset + 1) } else { String::new() });
    Ok(())
}

fn by() -> By {
    By { author: rampart_core::store::os_author("rampart"), at: chrono::Local::now().naive_local() }
}

/// Empty text clears an optional value; absent keeps what was recorded.
fn cleared(value: &Option<String>) -> Option<Option<&str>> {
    value.as_deref().map(|v| Some(v.trim()).filter(|v| !v.is_empty()))
}

pub fn correct(store: &Store, args: CorrectArgs, json: bool) -> Result<(), Error> {
    let campaign = CampaignId(args.campaign);
    let mut input = store.achievements().get(campaign, args.id)?.input;
    if let Some(date) = args.date {
        input.date = date;
    }
    if let Some(metric) = args.metric {
        input.metric = metric;
    }
    if let Some(team) = cleared(&args.team) {
        input.team_id = team.map(|t| org::team(store, t, json).map(|t| t.id)).transpose()?;
    }
    if let Some(person) = cleared(&args.person) {
        input.person_id = person.map(|p| org::person(store, p, json).map(|p| p.id)).transpose()?;
    }
    if let Some(quantity) = args.quantity {
        input.quantity = quantity;
    }
    if let Some(amount) = &args.amount {
        input.amount = Money::parse(amount).ok_or_else(|| Error::Validation(vec![FieldError::new("amount", Problem::NotAnAmount)]))?;
    }
    if let Some(client) = cleared(&args.client) {
        input.client_id = match client {
            Some(code) => Some(
                store
                    .clients()
                    .id_by_code(code)?
                    .ok_or(Error::NotFound { entity: rampart_core::error::Entity::Client, key: code.to_string() })?,
            ),
            None => None,
        };
    }
    if let Some(industry) = cleared(&args.industry) {
        input.industry = industry.map(String::from);
    }
    if let Some(note) = args.note {
        input.note = note;
    }
    let row = store.achievements().correct(campaign, args.id, &input, &by())?;
    if json {
        say(&serde_json::to_string_pretty(&achievement_json(&row)).unwrap_or_default());
    } else {
        say(&line(&row));
    }
    Ok(())
}

pub fn delete(store: &Store, campaign: i64, id: i64, json: bool) -> Result<(), Error> {
    store.achievements().delete(CampaignId(campaign), id, &by())?;
    if json {
        say(&serde_json::to_string_pretty(&json!({ "deleted": id })).unwrap_or_default());
    } else {
        say(&format!("deleted achievement {id}"));
    }
    Ok(())
}

pub fn log(store: &Store, campaign: i64, limit: i64, offset: i64, json: bool) -> Result<(), Error> {
    if !(1..=MAX_PAGE).contains(&limit) || offset < 0 {
        let field = if offset < 0 { "offset" } else { "limit" };
        let (min, max) = if offset < 0 { (0, i64::MAX) } else { (1, MAX_PAGE) };
        return Err(Error::Validation(vec![FieldError::new(field, Problem::OutOfRange { min, max })]));
    }
    let page = store.achievements().log_entries(CampaignId(campaign), limit, offset)?;
    if json {
        let entry = |e: &AchievementLogEntry| {
            json!({
                "id": e.id,
                "achievement_id": e.achievement_id,
                "at": e.at,
                "author": e.author,
                "action": e.action,
                "before": input_json(&e.before),
                "after": e.after.as_ref().map(input_json),
            })
        };
        let rows: Vec<_> = page.rows.iter().map(entry).collect();
        say(&serde_json::to_string_pretty(&json!({ "total": page.total, "offset": offset, "entries": rows })).unwrap_or_default());
        return Ok(());
    }
    for e in &page.rows {
        let after = e.after.as_ref().map_or_else(|| "-".to_string(), |a| format!("{} × {} ({} 元)", a.metric, a.quantity, a.amount));
        say(&format!(
            "{}\t{}\t{}\t#{}\t{} × {} ({} 元) → {after}",
            e.at,
            e.author,
            e.action.code(),
            e.achievement_id,
            e.before.metric,
            e.before.quantity,
            e.before.amount
        ));
    }
    Ok(())
}
