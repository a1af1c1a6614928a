//! How results and errors are printed: aligned text for people, JSON for scripts.

use rampart_core::domain::{Campaign, ClientRow, Page};
use rampart_core::Error;
use serde_json::json;

fn chinese() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.starts_with("zh"))
}

fn print_json(value: &serde_json::Value) {
    println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}

pub fn error(err: &Error, json: bool) {
    if json {
        eprintln!("{}", serde_json::to_string_pretty(&err.to_report()).unwrap_or_default());
    } else if chinese() {
        eprintln!("错误：{}", err.message_zh());
    } else {
        eprintln!("error: {}", err.message_en());
    }
}

pub fn demo(campaign: &Campaign, json: bool) {
    if json {
        print_json(&json!({ "id": campaign.id, "name": campaign.name }));
    } else {
        println!("{}", campaign.id);
    }
}

pub fn campaigns(list: &[Campaign], json: bool) {
    if json {
        print_json(&serde_json::to_value(list).unwrap_or_default());
        return;
    }
    for c in list {
        println!("{}\t{}\t{} – {}\t{}", c.id, c.name, c.start_date, c.end_date, c.status.code());
    }
}

pub fn clients(page: &Page<ClientRow>, json: bool) {
    if json {
        print_json(&serde_json::to_value(&page.rows).unwrap_or_default());
        return;
    }
    for c in &page.rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            c.code,
            c.name,
            c.category.label_zh(),
            c.tier.code(),
            c.team.as_deref().unwrap_or("-"),
            c.account_manager.as_deref().unwrap_or("-")
        );
    }
    eprintln!("{} of {}", page.rows.len(), page.total);
}
