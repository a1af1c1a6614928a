//! The weekly report of the demo campaign, written as PDF and as xlsx and read back by other
//! readers: pdf-extract finds the campaign, every KPI and every award as text; calamine finds
//! the same names and the money and percentages as numbers equal to the dashboard's figures;
//! the workbook holds native charts. Needs fonts-noto-cjk (scripts/setup.sh installs it).

use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::tracker::Lang;
use rampart_core::export::weekly_report::{gather, team_named, write_report, ReportFormat, ReportOptions};
use rampart_core::{Error, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn demo(dir: &Path) -> (Store, CampaignId) {
    let store = Store::open(&dir.join("demo.db")).expect("new database");
    let id = rampart_core::demo::seed_demo(&store, day(11, 22)).expect("demo");
    (store, id)
}

/// Extraction may put spaces or line breaks between glyph runs; compare without them.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdf_text(path: &Path) -> String {
    squeezed(&pdf_extract::extract_text(path).expect("pdf-extract reads the report"))
}

fn sheet(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

fn strings(range: &Range<Data>) -> Vec<String> {
    range.cells().filter_map(|(_, _, d)| if let Data::String(s) = d { Some(s.clone()) } else { None }).collect()
}

fn float(range: &Range<Data>, row: u32, col: u32, what: &str) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        other => panic!("{what} should be a number cell, not {other:?}"),
    }
}

fn chart_parts(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).expect("open xlsx");
    let zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut names: Vec<String> = zip.file_names().filter(|n| n.starts_with("xl/charts/chart")).map(str::to_string).collect();
    names.sort();
    names
}

#[test]
fn the_demo_report_reads_back_from_pdf_and_xlsx() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo(dir.path());
    let opts = ReportOptions { campaign_id: campaign, as_of: day(11, 22), team: None, lang: Lang::Zh };
    let report = gather(&store, &opts).expect("report");
    let d = &report.dashboard;
    let kpi_names: Vec<String> =
        d.goals.iter().flat_map(|g| &g.kpis).chain(d.parts.iter().flat_map(|p| &p.kpis)).map(|k| k.reading.kpi.name.clone()).collect();
    let award_names: Vec<String> = d.incentive.awards.iter().map(|a| a.name.clone()).collect();
    assert!(kpi_names.len() >= 5 && !award_names.is_empty(), "the demo has KPIs and awards: {kpi_names:?} {award_names:?}");
    assert_eq!(
        report.late_items.len() as i64,
        d.plans.last().expect("whole").overdue,
        "the late list is exactly what the dashboard counts as overdue"
    );
    assert_eq!(report.open_warnings.len() as i64, d.warnings.open, "the open list is exactly the dashboard's open count");

    let pdf = dir.path().join("周报.pdf");
    let written = write_report(&store, &pdf, &opts).expect("write the PDF");
    assert_eq!(written.format, ReportFormat::Pdf);
    println!("weekly report PDF: {} bytes", written.bytes);
    if let Ok(keep) = std::env::var("RAMPART_KEEP_PDF") {
        std::fs::copy(&pdf, Path::new(&keep).join("weekly_demo.pdf")).expect("keep the PDF");
    }
    assert!(written.bytes < 400_000, "the font is embedded as a subset, so the report stays small: {} bytes", written.bytes);
    let text = pdf_text(&pdf);
    assert!(text.contains(&squeezed(&d.campaign_name)), "the cover names the campaign");
    assert!(text.contains("截至2026-11-22") && text.contains("全部"), "the cover gives the day and says all teams");
    assert!(text.contains(&format!("剩余{}天", d.calendar.days_left)), "the cover gives the days left");
    for name in kpi_names.iter().chain(&award_names) {
        assert!(text.contains(&squeezed(name)), "the PDF should name {name:?} in full");
    }
    for heading in ["一、目标与关键指标", "三、预算", "四、奖项排名", "八、逾期方案事项（按团队）", "九、未关闭预警（按团队）"]
    {
        assert!(text.contains(heading), "section {heading} is in the PDF");
    }
    for item in &report.late_items {
        assert!(text.contains(&squeezed(&item.client)), "late item of {} is listed", item.client);
    }

    let xlsx = dir.path().join("周报.xlsx");
    let written = write_report(&store, &xlsx, &opts).expect("write the workbook");
    println!("weekly report xlsx: {} bytes", written.bytes);
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("calamine opens the report");
    let overview = sheet(&mut book, "概览");
    assert!(strings(&overview).contains(&d.campaign_name), "the overview names the campaign");
    assert!(
        matches!(overview.get_value((3, 1)), Some(Data::DateTime(_))),
        "the as-of day is a date cell: {:?}",
        overview.get_value((3, 1))
    );
    let kpis = sheet(&mut book, "目标指标");
    let parts = sheet(&mut book, "攻坚战与专题");
    let kpi_cells: Vec<String> = strings(&kpis).into_iter().chain(strings(&parts)).collect();
    for name in &kpi_names {
        assert!(kpi_cells.contains(name), "the workbook lists KPI {name:?}");
    }
    // Every goal KPI's figure is a number: a percentage as a fraction, money and counts as they are.
    for (row, k) in d.goals.iter().flat_map(|g| &g.kpis).enumerate() {
        let Some(value) = k.reading.value else { continue };
        let expected = if k.reading.kpi.unit == "%" { value / 100.0 } else { value };
        let got = float(&kpis, 1 + row as u32, 2, &k.reading.kpi.name);
        assert!((got - expected).abs() < 1e-9, "{}: {got} in the sheet, {expected} on the dashboard", k.reading.kpi.name);
    }
    let budget = sheet(&mut book, "预算");
    assert_eq!(float(&budget, 1, 1, "subsidy budget"), d.subsidy.budget.fen() as f64 / 100.0, "subsidy budget in 元");
    assert_eq!(float(&budget, 1, 2, "subsidy used"), d.subsidy.used.fen() as f64 / 100.0, "subsidy used in 元");
    if let Some(bp) = d.subsidy.used_bp {
        assert_eq!(float(&budget, 1, 3, "subsidy share"), bp as f64 / 10_000.0, "a share is a fraction shown as a percentage");
    }
    assert_eq!(float(&budget, 2, 2, "prize cost"), d.incentive.total.fen() as f64 / 100.0, "prize cost at the standings now");
    let prizes = sheet(&mut book, "奖金成本");
    for (i, a) in d.incentive.awards.iter().enumerate() {
        assert_eq!(prizes.get_value((1 + i as u32, 0)), Some(&Data::String(a.name.clone())), "awards in order");
        assert_eq!(float(&prizes, 1 + i as u32, 1, &a.name), a.cost.cost.fen() as f64 / 100.0, "{}'s prize cost in 元", a.name);
    }
    let standings = strings(&sheet(&mut book, "奖项排名"));
    for l in d.leaders.iter().filter(|l| !l.leaders.is_empty()) {
        assert!(standings.contains(&l.name), "award {} with leaders is in the standings sheet", l.name);
    }
    let plans = sheet(&mut book, "一户一案");
    let whole = d.plans.last().expect("whole");
    let last = d.plans.len() as u32;
    assert_eq!(float(&plans, last, 1, "targets"), whole.targets as f64, "the total row counts every target");
    if whole.targets > 0 {
        assert_eq!(
            float(&plans, last, 3, "coverage"),
            (whole.planned * 10_000 / whole.targets) as f64 / 10_000.0,
            "coverage as a fraction"
        );
    }
    let late = sheet(&mut book, "逾期事项");
    for (i, item) in report.late_items.iter().enumerate() {
        assert!(matches!(late.get_value((1 + i as u32, 4)), Some(Data::DateTime(_))), "a due date is a date cell");
        assert_eq!(float(&late, 1 + i as u32, 5, "days late"), item.days_late as f64);
    }
    let charts = chart_parts(&xlsx);
    assert_eq!(charts.len(), 3, "one native chart each on the trend, plans and warnings sheets: {charts:?}");
}

#[test]
fn one_teams_report_is_narrowed_to_it_and_named_for_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo(dir.path());
    let whole = gather(&store, &ReportOptions { campaign_id: campaign, as_of: day(11, 22), team: None, lang: Lang::Zh }).expect("whole");
    // The team with the most open warnings, so its lists are not empty.
    let name = whole.dashboard.warnings.open_by_team.first().map(|(t, _)| t.clone()).expect("the demo has open warnings");
    let team = team_named(&store, &name).expect("a team of the demo");
    let opts = ReportOptions { campaign_id: campaign, as_of: day(11, 22), team: Some(team), lang: Lang::Zh };
    let report = gather(&store, &opts).expect("team report");
    assert!(!report.open_warnings.is_empty(), "{name} has open warnings");
    assert!(report.open_warnings.iter().all(|w| w.team == name), "only {name}'s warnings");
    assert!(report.late_items.iter().all(|i| i.team == name), "only {name}'s late items");
    assert!(report.open_warnings.len() < whole.open_warnings.len(), "fewer than the whole campaign's");

    let pdf = dir.path().join("team.pdf");
    let written = write_report(&store, &pdf, &opts).expect("PDF");
    println!("{name}'s weekly report PDF: {} bytes", written.bytes);
    let text = pdf_text(&pdf);
    assert!(text.contains(&format!("团队：{}", squeezed(&name))), "the cover names the team");
    for w in &report.open_warnings {
        assert!(text.contains(&squeezed(&w.contract)), "open warning on {} is listed", w.contract);
    }
    let xlsx = dir.path().join("team.xlsx");
    write_report(&store, &xlsx, &opts).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("calamine");
    let budget = sheet(&mut book, "预算");
    let used = report.dashboard.subsidy.used.fen() as f64 / 100.0;
    assert_eq!(float(&budget, 1, 2, "team's subsidy used"), used, "the subsidy {name} gave, in 元");
    assert!(used < whole.dashboard.subsidy.used.fen() as f64 / 100.0, "less than the whole campaign gave");
    assert_eq!(budget.get_value((1, 4)), Some(&Data::Empty), "no remainder from one team's use");
    let open = sheet(&mut book, "未关闭预警");
    assert_eq!(open.height() as usize, 1 + report.open_warnings.len(), "a header and one row per open warning of the team");
    assert!(matches!(open.get_value((1, 4)), Some(Data::DateTime(_))), "the raised day is a date");
    assert!(!chart_parts(&xlsx).is_empty(), "the team's workbook has its charts too");

    let err = team_named(&store, "没有这个团队").expect_err("an unknown team");
    assert!(matches!(err, Error::NotFound { .. }) && err.message_zh().contains("没有这个团队"), "the error names it: {}", err.message_zh());
}

#[test]
fn the_english_report_labels_everything_in_english() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo(dir.path());
    let opts = ReportOptions { campaign_id: campaign, as_of: day(11, 22), team: None, lang: Lang::En };
    let pdf = dir.path().join("weekly.pdf");
    write_report(&store, &pdf, &opts).expect("PDF");
    let text = pdf_text(&pdf);
    for label in ["Asof2026-11-22", "Team:Allteams", "1.GoalsandKPIs", "3.Budget", "Prizecost(yuan)", "8.Lateplanitemsbyteam", "Page1of"] {
        assert!(text.contains(label), "{label} in the English report");
    }
    // Labels only: KPI and award names are the planner's data and stay as typed.
    for zh in ["截至", "剩余", "目标与关键指标", "奖金成本（元）", "未关闭预警按时长", "页"] {
        assert!(!text.contains(zh), "no Chinese label {zh} in the English report");
    }
    let xlsx = dir.path().join("weekly.xlsx");
    write_report(&store, &xlsx, &opts).expect("xlsx");
    let book: Xlsx<_> = open_workbook(&xlsx).expect("calamine");
    let names = book.sheet_names();
    assert!(names.contains(&"Overview".to_string()) && names.contains(&"Open warnings".to_string()), "English sheet names: {names:?}");
}

#[test]
fn a_file_that_is_neither_pdf_nor_xlsx_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = demo(dir.path());
    let out = dir.path().join("周报.docx");
    let opts = ReportOptions { campaign_id: campaign, as_of: day(11, 22), team: None, lang: Lang::Zh };
    let err = write_report(&store, &out, &opts).expect_err("not a report format");
    assert!(err.message_zh().contains("周报.docx") && err.message_en().contains(".pdf or .xlsx"), "{}", err.message_en());
    assert!(!out.exists(), "nothing is written under a name the report cannot be");
}
