//! `make bench` (tracker part): a campaign of 100,000 and 1,000,000 targets with two contracts
//! each (as the demo has), exported as the full tracker in a fresh process that reports wall
//! time and its own peak memory. Sizes: TRACKER_BENCH_SIZES=100000,1000000.

// The allocator the app, the CLI and the server use, so the figures are theirs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/peak.rs"]
mod peak;

use peak::peak_mib;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::tracker::Lang;
use rampart_core::export::{export_tracker, TrackerOptions};
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::{demo, Store};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

/// A campaign with `clients` more targets, two contracts each, imported from a CSV.
fn build(db: &Path, csv_path: &Path, clients: usize) -> Result<CampaignId, Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(csv_path)?;
    w.write_record([
        "客户编码",
        "客户名称",
        "客户类别",
        "客户等级",
        "行业",
        "团队",
        "客户经理",
        "合同号",
        "产品类型",
        "月费",
        "去年12月费用",
        "协议期限（月）",
        "协议到期日",
    ])?;
    for i in 0..clients * 2 {
        let c = i / 2;
        w.write_record([
            format!("TB{c:09}"),
            format!("徐州{c}号客户有限公司"),
            ["战略客户", "本地网重点客户", "校园", "中小企业"][c % 4].into(),
            ["A", "B", "C"][c % 3].into(),
            ["政府机关", "教育", "医疗卫生", "金融", "制造业", "网吧"][c % 6].into(),
            ["市政企客户部", "网吧宽频部", "移动业务应用部", "政企客维支撑中心"][c % 4].into(),
            format!("客户经理{}", c % 40),
            format!("TK{i:010}"),
            ["纯光纤", "综合业务", "宽带", "移动"][i % 4].into(),
            format!("{}.50", 100 + i % 900),
            format!("{}元", 500 + i % 3000),
            ["12", "24", "36", "48", "60"][i % 5].to_string(),
            format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        ])?;
    }
    w.flush()?;
    let store = Store::open(db)?;
    let campaign = demo::seed_demo(&store, now().date())?;
    let options =
        ImportOptions { campaign_id: Some(campaign), dry_run: false, mapping: Default::default(), author: "bench".into(), now: now() };
    let report = import_clients(&store, csv_path, &options, &mut |_| true)?;
    if !report.problems.is_empty() {
        return Err(format!("unexpected problems: {:?}", &report.problems[..1]).into());
    }
    // What the app does after an import commits, in the background while the planner moves on
    // to the tracker (the CLI before it exits): indexes, search, and the figures made stale.
    store.catch_up()?;
    Ok(campaign)
}

/// Child mode: export the tracker and print "seconds peak_mib targets contracts".
fn export_one(db: &Path, out: &Path, campaign: CampaignId) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(db)?;
    let opts = TrackerOptions { campaign_id: campaign, team: None, lang: Lang::Zh, today: now().date(), now: now() };
    let started = Instant::now();
    let summary = export_tracker(&store, out, &opts, &mut |_| true)?;
    println!("{:.3} {} {} {}", started.elapsed().as_secs_f64(), peak_mib(), summary.targets, summary.contracts);
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 5 && args[1] == "--child" {
        return export_one(Path::new(&args[2]), Path::new(&args[3]), CampaignId(args[4].parse()?));
    }
    let sizes: Vec<usize> = std::env::var("TRACKER_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = std::env::temp_dir().join("rampart-tracker-bench");
    std::fs::create_dir_all(&dir)?;
    println!("{:<22} {:>9} {:>10} {:>10} {:>12}", "tracker", "seconds", "peak MiB", "targets", "file MiB");
    for size in sizes {
        let db = dir.join(format!("tracker-{size}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let csv_path = dir.join(format!("tracker-{size}.csv"));
        let started = Instant::now();
        let campaign = build(&db, &csv_path, size)?;
        let built = started.elapsed();
        let out = dir.join(format!("tracker-{size}.xlsx"));
        let run = Command::new(std::env::current_exe()?).arg("--child").arg(&db).arg(&out).arg(campaign.to_string()).output()?;
        if !run.status.success() {
            return Err(format!("export failed: {}", String::from_utf8_lossy(&run.stderr)).into());
        }
        let text = String::from_utf8_lossy(&run.stdout);
        let parts: Vec<f64> = text.split_whitespace().filter_map(|p| p.parse().ok()).collect();
        let size_mib = std::fs::metadata(&out).map(|m| m.len() as f64 / 1_048_576.0).unwrap_or(0.0);
        println!(
            "{:<22} {:>9.2} {:>10.0} {:>10.0} {:>12.1}   ({:.0} contracts; database built in {built:.1?})",
            format!("{size} targets"),
            parts[0],
            parts[1],
            parts[2],
            size_mib,
            parts[3]
        );
        if std::env::var_os("BENCH_KEEP").is_some() {
            continue;
        }
        for path in [&db, &csv_path, &out] {
            let _ = std::fs::remove_file(path);
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(())
}
