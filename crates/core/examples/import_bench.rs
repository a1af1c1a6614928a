//! `make bench` (import part): writes synthetic client lists with Chinese headers (100,000 and
//! 1,000,000 rows, .xlsx and .csv) and imports each in a fresh process, reporting wall time,
//! its peak memory, beside the pandas peer (examples/peer/import_peer.py) on the same files.
//! Sizes: IMPORT_BENCH_SIZES=100000,1000000; runs: IMPORT_BENCH_RUNS=3.

// The allocator the app, the CLI and the server use, so the figures are theirs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/peak.rs"]
mod peak;

use peak::peak_mib;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::Store;
use rust_xlsxwriter::Workbook;

const HEADERS: [&str; 15] = [
    "客户编码",
    "客户名称",
    "客户类别",
    "客户等级",
    "行业",
    "区县",
    "客户经理",
    "关键人",
    "关键人电话",
    "合同号",
    "产品类型",
    "月费",
    "去年12月费用",
    "协议期限（月）",
    "协议到期日",
];

fn row(i: usize) -> [String; 15] {
    [
        format!("KH{:09}", i / 2),
        format!("徐州{}号客户有限公司", i / 2),
        ["战略客户", "本地网重点客户", "校园", "中小企业"][i / 2 % 4].into(),
        ["A", "B", "C"][i / 2 % 3].into(),
        ["政府机关", "教育", "医疗卫生", "金融", "制造业", "网吧"][i / 2 % 6].into(),
        ["鼓楼区", "云龙区", "泉山区", "铜山区"][i / 2 % 4].into(),
        format!("客户经理{}", i / 2 % 40),
        "王主任".into(),
        "13800000000".into(),
        format!("HT{i:010}"),
        ["纯光纤", "综合业务", "宽带", "移动"][i % 4].into(),
        format!("{},{:03}.50", 1 + i % 9, i % 1000),
        format!("{}元", 500 + i % 3000),
        ["12", "24", "36", "48", "60"][i % 5].into(),
        format!("2027/{}/{}", 1 + i % 12, 1 + i % 28),
    ]
}

fn write_csv(path: &Path, rows: usize) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(HEADERS)?;
    for i in 0..rows {
        w.write_record(row(i))?;
    }
    w.flush()?;
    Ok(())
}

/// `shared`: strings in a shared-string table, as Excel saves them (low-memory mode keeps
/// the table but streams rows); otherwise inline, as constant-memory writers do.
fn write_xlsx(path: &Path, rows: usize, shared: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut book = Workbook::new();
    let sheet = if shared { book.add_worksheet_with_low_memory()? } else { book.add_worksheet_with_constant_memory()? };
    sheet.write_string(0, 0, "长城计划目标客户清单")?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h)?;
    }
    for i in 0..rows {
        for (c, v) in row(i).iter().enumerate() {
            sheet.write_string(i as u32 + 2, c as u16, v)?;
        }
    }
    book.save(path)?;
    Ok(())
}

/// Child mode: import one file into a fresh database and print "seconds peak_mib rows", then the
/// seconds its clients took to index for search after it committed.
fn import_one(file: &Path, db: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(db)?;
    // Into a campaign, as planners import: every client becomes one of its targets.
    let campaign = store.campaigns().create(&rampart_core::domain::campaign::CampaignInput {
        name: "长城计划".into(),
        theme: String::new(),
        start_date: NaiveDate::from_ymd_opt(2026, 10, 1).ok_or("date")?,
        end_date: NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?,
        status: rampart_core::domain::campaign::CampaignStatus::Active,
        subsidy_budget: rampart_core::Money::from_yuan(1_000_000),
        goals: String::new(),
    })?;
    let options = ImportOptions {
        campaign_id: Some(campaign),
        dry_run: false,
        mapping: Default::default(),
        author: "bench".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("time")?,
    };
    let started = Instant::now();
    let report = import_clients(&store, file, &options, &mut |_| true)?;
    if !report.problems.is_empty() {
        return Err(format!("unexpected problems: {:?}", &report.problems[..1]).into());
    }
    let (imported, peak) = (started.elapsed().as_secs_f64(), peak_mib());
    // Then what the desktop does after the import commits, while the planner works: build the
    // indexes it left, index its clients for search and bring stale figures up to date, a step
    // at a time (a search or a change meanwhile does what it needs of this itself).
    let started = Instant::now();
    while store.catch_up_step()? {}
    println!("{imported:.3} {peak} {} {:.3}", report.rows, started.elapsed().as_secs_f64());
    Ok(())
}

/// Child mode: only read the file's cells, with Rampart's reader or calamine's streaming one
/// (the peer), and print "seconds peak_mib cells".
fn read_only(file: &Path, with: &str) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut cells = 0u64;
    if with == "calamine" {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(file)?;
        let name = book.sheet_names().first().cloned().ok_or("no sheet")?;
        let mut reader = book.worksheet_cells_reader(&name)?;
        while let Some(cell) = reader.next_cell()? {
            if !matches!(cell.get_value(), calamine::DataRef::Empty) {
                cells += 1;
            }
        }
    } else {
        rampart_core::import::cells::read_rows(file, &mut |_, row| {
            cells += row.iter().filter(|c| !matches!(c, rampart_core::import::cells::Cell::Empty)).count() as u64;
            rampart_core::import::cells::Flow::Continue
        })
        .map_err(|u| u.en)?;
    }
    println!("{:.3} {} {}", started.elapsed().as_secs_f64(), peak_mib(), cells);
    Ok(())
}

fn child(args: &[&str]) -> Result<Vec<f64>, Box<dyn std::error::Error>> {
    run(Command::new(std::env::current_exe()?).args(args))
}

/// Runs a child that prints "seconds peak_mib count [more figures]" and reads those figures back.
fn run(command: &mut Command) -> Result<Vec<f64>, Box<dyn std::error::Error>> {
    let out = command.output()?;
    if !out.status.success() {
        return Err(format!("{command:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).split_whitespace().filter_map(|p| p.parse().ok()).collect())
}

/// The median, least and greatest of figure `at` over the runs.
fn spread(runs: &[Vec<f64>], at: usize) -> (f64, f64, f64) {
    let mut v: Vec<f64> = runs.iter().filter_map(|r| r.get(at).copied()).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// Issue 20's target for each row.
fn target(ext: &str, size: usize) -> &'static str {
    match (ext, size) {
        ("csv", 1_000_000) => "<= 0.6 x pandas, <= 200 MiB",
        ("xlsx", 100_000) => "<= 0.5 x pandas",
        ("xlsx", 1_000_000) => "<= 12 s, <= 300 MiB",
        _ => "-",
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && args[1] == "--child" {
        return import_one(Path::new(&args[2]), Path::new(&args[3]));
    }
    if args.len() == 4 && args[1] == "--read" {
        return read_only(Path::new(&args[3]), &args[2]);
    }
    if args.len() == 4 && args[1] == "--write" {
        let rows: usize = args[3].parse()?;
        let path = Path::new(&args[2]);
        return if path.extension().is_some_and(|e| e == "csv") { write_csv(path, rows) } else { write_xlsx(path, rows, true) };
    }
    let sizes: Vec<usize> = std::env::var("IMPORT_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("IMPORT_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
    // The pandas peer, installed by scripts/bench-setup.sh; without it Rampart's rows print alone.
    let python = std::env::var("BENCH_PYTHON").ok().filter(|p| Path::new(p).exists());
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/peer/import_peer.py");
    let dir = std::env::temp_dir().join("rampart-import-bench");
    std::fs::create_dir_all(&dir)?;
    println!("median of {runs} runs, each in a fresh process and a fresh database; peak = the process's VmHWM / ru_maxrss");
    println!(
        "{:<22} {:>8} {:>13} {:>9} {:>10} {:>9} {:>7}   target",
        "file", "seconds", "(min-max)", "peak MiB", "pandas s", "pandas MiB", "ratio"
    );
    for size in sizes {
        for ext in ["csv", "xlsx"] {
            let file: PathBuf = dir.join(format!("clients-{size}.{ext}"));
            if ext == "csv" {
                write_csv(&file, size)?
            } else {
                write_xlsx(&file, size, true)?
            }
            let db = dir.join(format!("bench-{size}-{ext}.db"));
            let fresh = || {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
            };
            let mut ours = Vec::new();
            for _ in 0..runs {
                fresh();
                ours.push(child(&["--child", &file.to_string_lossy(), &db.to_string_lossy()])?);
            }
            let mut theirs = Vec::new();
            if let Some(python) = &python {
                for _ in 0..runs {
                    fresh();
                    theirs.push(run(Command::new(python).arg(&peer).arg(&file).arg(&db))?);
                }
            }
            fresh();
            let (secs, low, high) = spread(&ours, 0);
            let peak = spread(&ours, 1).2;
            let (peer_secs, peer_peak) =
                if theirs.is_empty() { (f64::NAN, f64::NAN) } else { (spread(&theirs, 0).0, spread(&theirs, 1).2) };
            println!(
                "{:<22} {:>8.2} {:>13} {:>9.0} {:>10.2} {:>9.0} {:>7.2}   {}",
                file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                secs,
                format!("({low:.2}-{high:.2})"),
                peak,
                peer_secs,
                peer_peak,
                secs / peer_secs,
                target(ext, size)
            );
            let (after, after_low, after_high) = spread(&ours, 3);
            if after >= 0.01 {
                println!(
                    "  then caught up {after:>6.2} s ({after_low:.2}-{after_high:.2}) after it commits (indexes, search, figures), in steps, the window free"
                );
            }
            if ext == "xlsx" {
                let path = file.to_string_lossy().into_owned();
                for reader in ["rampart", "calamine"] {
                    let r = child(&["--read", reader, &path])?;
                    println!("  read only, {reader:<9} {:>9.2} s {:>12.0} cells/s {:>6.0} MiB", r[0], r[2] / r[0], r[1]);
                }
            }
            let _ = std::fs::remove_file(&file);
        }
    }
    Ok(())
}
