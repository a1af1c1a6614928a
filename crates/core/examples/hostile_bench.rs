//! `make bench` (hostile part): the review's hostile files at full size, each read in a fresh
//! process, with the reader's verdict, wall time and peak memory. The goal is under 300 MiB
//! for every file, accepted or refused, whatever it claims about itself.

// The allocator the app, the CLI and the server use, so the figures are theirs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/support/files.rs"]
mod files;
#[path = "support/peak.rs"]
mod peak;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use files::{Entry, Sheet};
use rampart_core::import::cells::{read_rows, Flow};

fn read_one(path: &Path) {
    let started = Instant::now();
    let mut rows = 0u64;
    let verdict = match read_rows(path, &mut |_, _| {
        rows += 1;
        Flow::Continue
    }) {
        Ok(_) => format!("read {rows} rows"),
        Err(e) => format!("refused: {}", e.en.chars().take(70).collect::<String>()),
    };
    println!("{:.2}\t{}\t{verdict}", started.elapsed().as_secs_f64(), peak::peak_mib());
}

fn header() -> Sheet<'static> {
    Sheet { name: "客户", hidden: false, rows: files::text_row(1, &["客户编码", "客户名称", "客户类别", "客户等级"]) }
}

fn build(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    // Each string is as long as a cell may be, so only the caps on the whole can stop them.
    let chunk = format!("<si><t>{}</t></si>", "长城".repeat(5_000));
    let times = 1_500_000_000 / chunk.len() as u64;
    for (label, name, claimed) in [
        ("shared strings 1.5 GB, declared", "sst-honest.xlsx", 1_500_000_000u32),
        ("shared strings 1.5 GB, declared 500 MB", "sst-under-cap.xlsx", 500_000_000),
        ("shared strings 1.5 GB, declared 4 KB", "sst-lying.xlsx", 4_096),
    ] {
        let mut parts = files::xlsx_parts(&[header()], 0, None);
        parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", chunk.as_bytes(), times, b"</sst>", claimed));
        let path = dir.join(name);
        files::zip(&path, &parts);
        out.push((label, path));
    }
    // Small shared strings, a million of them, each used: the arena's count and offsets.
    let tiny = "<si><t>甲</t></si>".repeat(1_000);
    let mut parts = files::xlsx_parts(&[header()], 0, None);
    parts.push(Entry::bomb("xl/sharedStrings.xml", b"<sst>", tiny.as_bytes(), 9_000, b"</sst>", 400_000_000));
    let path = dir.join("sst-nine-million.xlsx");
    files::zip(&path, &parts);
    out.push(("9 million tiny shared strings", path));

    // A sheet of 1.9 GB of real cells, declared honestly: streamed.
    let rows = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(500)).repeat(20);
    let mut parts = files::xlsx_parts(&[header()], 0, None);
    parts.retain(|p| p.name != "xl/worksheets/sheet1.xml");
    let times = 1_900_000_000 / rows.len() as u64;
    parts.push(Entry::bomb(
        "xl/worksheets/sheet1.xml",
        b"<worksheet><sheetData>",
        rows.as_bytes(),
        times,
        b"</sheetData></worksheet>",
        1_900_000_000,
    ));
    let path = dir.join("sheet-1.9GB.xlsx");
    files::zip(&path, &parts);
    out.push(("sheet inflating to 1.9 GB", path));

    let body = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="199000"/><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
    let path = dir.join("row-199001.ods");
    files::ods(&path, "S", body);
    out.push(("1 KB .ods, a cell at row 199,001", path));

    let path = dir.join("far.xls");
    files::xls(&path, &[(0, 0, 1.0), (65_535, 255, 2.0)]);
    out.push((".xls, a cell at IV65536", path));

    let path = dir.join("one-line.csv");
    std::fs::write(&path, "长".repeat(100 << 20)).expect("write");
    out.push(("300 MB single-line CSV", path));

    let path = dir.join("zero.csv");
    let _ = std::fs::remove_file(&path);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", &path).expect("link");
    out.push(("/dev/zero as a CSV", path));
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "--child" {
        read_one(Path::new(&args[2]));
        return Ok(());
    }
    let dir = std::env::temp_dir().join("rampart-hostile-bench");
    std::fs::create_dir_all(&dir)?;
    println!("{:<40} {:>9} {:>8} {:>9}  verdict", "file", "on disk", "seconds", "peak MiB");
    for (label, path) in build(&dir) {
        let size = std::fs::symlink_metadata(&path).map(|m| m.len()).unwrap_or(0);
        let out = Command::new(std::env::current_exe()?).arg("--child").arg(&path).output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut parts = text.trim().splitn(3, '\t');
        let (secs, peak, verdict) = (parts.next().unwrap_or("?"), parts.next().unwrap_or("?"), parts.next().unwrap_or("crashed"));
        println!("{label:<40} {:>8}K {secs:>8} {peak:>9}  {verdict}", size / 1024);
        let _ = std::fs::remove_file(&path);
    }
    Ok(())
}
