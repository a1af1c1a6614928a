//! `make bench` (points part): 1,000,000 loyalty members (POINTS_BENCH_SIZE for another size)
//! imported from a csv for two billing periods, each period computed, the first recomputed after
//! the second (every one-off bonus checked against the other period), and a page of the period
//! with balances read. Figures, not pass/fail: the issue asks for a period in under 5 s.

// The allocator the app, the CLI and the server use, so the figures are theirs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/peak.rs"]
mod peak;

use std::fmt::Write as _;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use peak::peak_mib;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::warning::BillingPeriod;
use rampart_core::import::members::import_members;
use rampart_core::{demo, Store};

const LEVELS: [&str; 5] = ["贵宾卡", "银卡", "金卡", "钻石卡", ""];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let size: usize = std::env::var("POINTS_BENCH_SIZE").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("points.db"))?;
    let today = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap_or_default();
    let campaign: CampaignId = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default())?;
    let by = By { author: "bench".into(), at: NaiveDateTime::default() };
    println!("points bench: {size} members");
    for (month, period) in [(11u32, "2026-11"), (12, "2026-12")] {
        let file = dir.path().join(format!("{period}.csv"));
        let mut text = String::with_capacity(size * 60);
        text.push_str("号码,姓名,入网日期,会员级别,账期,消费金额\n");
        for i in 0..size {
            // Joined over ten years, so every band has members; a fifth without a level.
            let joined = NaiveDate::from_ymd_opt(2016 + (i % 10) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32).unwrap_or_default();
            let spend = (i * 37 + month as usize * 11) % 50_000;
            let _ = writeln!(text, "139{i:08},会员{i},{joined},{},{period},{}.{:02}", LEVELS[i % 5], spend / 100, spend % 100);
        }
        std::fs::write(&file, text)?;
        let t = Instant::now();
        let report = import_members(&store, &file, campaign, false)?;
        println!("  import {period}: {} rows in {:.2} s (written: {})", report.rows, t.elapsed().as_secs_f64(), report.written);
        let t = Instant::now();
        let summary = store.points().compute(campaign, &BillingPeriod::parse(period).ok_or("period")?, today, &by)?;
        println!(
            "  compute {period}: {:.2} s — {} members, {} spend points, {} tenure and {} level bonus points, {} pools",
            t.elapsed().as_secs_f64(),
            summary.members,
            summary.spend_points,
            summary.tenure_bonus,
            summary.level_bonus,
            summary.pools.len()
        );
    }
    let t = Instant::now();
    store.points().compute(campaign, &BillingPeriod::parse("2026-11").ok_or("period")?, today, &by)?;
    println!("  recompute 2026-11 after 2026-12: {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let page = store.points().page(campaign, &BillingPeriod::parse("2026-12").ok_or("period")?, "", 50, size as i64 / 2)?;
    println!("  a page of 50 with balances, from the middle: {:.3} s ({} in all)", t.elapsed().as_secs_f64(), page.total);
    println!("  peak memory: {} MiB", peak_mib());
    Ok(())
}
