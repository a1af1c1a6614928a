//! The weekly report as an Excel workbook: the PDF's sections as sheets, with numbers as
//! numbers (money in 元 with two decimals, shares as percentages, dates as dates) and a native
//! chart on each sheet whose section has a chart in the PDF.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Workbook, Worksheet};

use super::document::team_plans;
use super::figures::{self, Kind};
use super::WeeklyReport;
use crate::domain::dashboard::KpiProgress;
use crate::domain::kpi::KpiStatus;
use crate::domain::tracker::{Column, Label, Lang};
use crate::error::Result;
use crate::export::layout::{self, Formats};
use crate::money::Money;

const fn c(zh: &'static str, en: &'static str, width: f64) -> Column {
    Column { label: Label::new(zh, en), width }
}

const OVERVIEW: Label = Label::new("概览", "Overview");
const KPIS: Label = Label::new("目标指标", "Goal KPIs");
const PARTS: Label = Label::new("攻坚战与专题", "Battles and workstreams");
const TREND: Label = Label::new("指标走势", "KPI trend");
const BUDGET: Label = Label::new("预算", "Budget");
const STANDINGS: Label = Label::new("奖项排名", "Standings");
const PRIZES: Label = Label::new("奖金成本", "Prize cost");
const PLANS: Label = Label::new("一户一案", "Plans");
const WARNINGS: Label = Label::new("宽带预警", "Warnings");
const GAPS: Label = Label::new("高风险缺口", "High-risk gaps");
const LATE: Label = Label::new("逾期事项", "Late plan items");
const OPEN: Label = Label::new("未关闭预警", "Open warnings");

const KPI_COLUMNS: [Column; 6] = [
    c("目标", "Goal", 24.0),
    c("指标", "KPI", 30.0),
    c("当前值", "Now", 14.0),
    c("目标值", "Target", 14.0),
    c("单位", "Unit", 8.0),
    c("状态", "Status", 10.0),
];
const PART_COLUMNS: [Column; 8] = [
    c("类型", "Kind", 14.0),
    c("战役／专题", "Battle / workstream", 24.0),
    c("牵头团队", "Lead team", 14.0),
    c("指标", "KPI", 30.0),
    c("当前值", "Now", 14.0),
    c("目标值", "Target", 14.0),
    c("单位", "Unit", 8.0),
    c("状态", "Status", 10.0),
];
const BUDGET_COLUMNS: [Column; 6] = [
    c("项目", "Item", 24.0),
    c("预算（元）", "Budget (yuan)", 16.0),
    c("已用（元）", "Used (yuan)", 16.0),
    c("使用率", "Used", 10.0),
    c("余额（元）", "Left (yuan)", 16.0),
    c("超出预算", "Over budget", 10.0),
];
const STANDING_COLUMNS: [Column; 6] = [
    c("奖项", "Award", 24.0),
    c("范围", "Ranking", 16.0),
    c("名次", "Place", 8.0),
    c("名称", "Name", 18.0),
    c("得分", "Score", 12.0),
    c("得分单位", "Score unit", 12.0),
];
const PRIZE_COLUMNS: [Column; 2] = [c("奖项", "Award", 28.0), c("奖金成本（元）", "Prize cost (yuan)", 18.0)];
const PLAN_COLUMNS: [Column; 8] = [
    c("团队", "Team", 18.0),
    c("目标客户", "Targets", 10.0),
    c("已有方案", "Planned", 10.0),
    c("覆盖率", "Coverage", 10.0),
    c("事项", "Items", 8.0),
    c("已完成", "Done", 8.0),
    c("完成率", "Completion", 10.0),
    c("逾期", "Late", 8.0),
];
const AGE_COLUMNS: [Column; 2] = [c("预警时长", "Age", 16.0), c("未关闭", "Open", 10.0)];
const GAP_COLUMNS: [Column; 2] = [c("高风险目标客户", "High-risk targets", 28.0), c("户数", "Clients", 10.0)];
const LATE_COLUMNS: [Column; 6] = [
    c("团队", "Team", 16.0),
    c("客户", "Client", 28.0),
    c("事项", "Item", 28.0),
    c("负责人", "Owner", 12.0),
    c("到期日", "Due", 12.0),
    c("逾期天数", "Days late", 10.0),
];
const OPEN_COLUMNS: [Column; 7] = [
    c("团队", "Team", 16.0),
    c("客户", "Client", 28.0),
    c("合同号", "Contract", 18.0),
    c("原因", "Reason", 12.0),
    c("预警日期", "Raised", 12.0),
    c("已过天数", "Age (days)", 10.0),
    c("负责人", "Owner", 12.0),
];

/// The chart on a sheet sits right of its table, one column apart.
fn chart_column(columns: usize) -> u16 {
    columns as u16 + 1
}

pub(super) fn build(report: &WeeklyReport, lang: Lang) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut book = Workbook::new();
    overview(book.add_worksheet().set_name(OVERVIEW.get(lang))?, report, lang, &f)?;
    goal_kpis(book.add_worksheet().set_name(KPIS.get(lang))?, report, lang, &f)?;
    part_kpis(book.add_worksheet().set_name(PARTS.get(lang))?, report, lang, &f)?;
    trend(book.add_worksheet().set_name(TREND.get(lang))?, TREND.get(lang), report, lang, &f)?;
    budget(book.add_worksheet().set_name(BUDGET.get(lang))?, report, lang, &f)?;
    standings(book.add_worksheet().set_name(STANDINGS.get(lang))?, report, lang, &f)?;
    prizes(book.add_worksheet().set_name(PRIZES.get(lang))?, report, lang, &f)?;
    plans(book.add_worksheet().set_name(PLANS.get(lang))?, PLANS.get(lang), report, lang, &f)?;
    warnings(book.add_worksheet().set_name(WARNINGS.get(lang))?, WARNINGS.get(lang), report, lang, &f)?;
    gaps(book.add_worksheet().set_name(GAPS.get(lang))?, report, lang, &f)?;
    late_items(book.add_worksheet().set_name(LATE.get(lang))?, report, lang, &f)?;
    open_warnings(book.add_worksheet().set_name(OPEN.get(lang))?, report, lang, &f)?;
    Ok(book.save_to_buffer()?)
}

fn date(ws: &mut Worksheet, row: u32, col: u16, day: NaiveDate, f: &Formats) -> Result<()> {
    let excel = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
    ws.write_number_with_format(row, col, excel.to_excel(), &f.date)?;
    Ok(())
}

fn yuan(ws: &mut Worksheet, row: u32, col: u16, m: Money, f: &Formats) -> Result<()> {
    ws.write_number_with_format(row, col, m.fen() as f64 / 100.0, &f.money)?;
    Ok(())
}

/// Basis points as a fraction in the percent format; an empty cell for none.
fn share(ws: &mut Worksheet, row: u32, col: u16, bp: Option<i64>, f: &Formats) -> Result<()> {
    if let Some(bp) = bp {
        ws.write_number_with_format(row, col, bp as f64 / 10_000.0, &f.percent)?;
    }
    Ok(())
}

fn whole(ws: &mut Worksheet, row: u32, col: u16, n: i64, f: &Formats) -> Result<()> {
    ws.write_number_with_format(row, col, n as f64, &f.whole)?;
    Ok(())
}

/// A KPI figure in its unit: a percentage as a fraction in the percent format, 元 as money,
/// a count as it is. Empty when there is no figure.
fn kpi_figure(ws: &mut Worksheet, row: u32, col: u16, value: Option<f64>, unit: &str, f: &Formats) -> Result<()> {
    let Some(v) = value else {
        return Ok(());
    };
    match figures::kind(unit) {
        Kind::Percent => ws.write_number_with_format(row, col, v / 100.0, &f.percent)?,
        Kind::Yuan => ws.write_number_with_format(row, col, v, &f.money)?,
        Kind::Plain => ws.write_number(row, col, v)?,
    };
    Ok(())
}

fn label_rows(ws: &mut Worksheet, f: &Formats) -> Result<()> {
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_format(0, &f.text)?;
    ws.set_column_format(1, &f.text)?;
    Ok(())
}

fn overview(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let d = &report.dashboard;
    label_rows(ws, f)?;
    let title = format!("{}{}", d.campaign_name, lang.pick(" 周报", " — weekly report"));
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let rows: [(&str, &str); 8] = [
        ("活动", "Campaign"),
        ("截至日期", "As of"),
        ("团队", "Team"),
        ("开始日期", "Starts"),
        ("结束日期", "Ends"),
        ("总天数", "Days in all"),
        ("已进行天数", "Days run"),
        ("剩余天数", "Days left"),
    ];
    for (i, (zh, en)) in rows.iter().enumerate() {
        ws.write_string(2 + i as u32, 0, lang.pick(zh, en))?;
    }
    layout::text(ws, 2, 1, &d.campaign_name, f)?;
    date(ws, 3, 1, d.as_of, f)?;
    layout::text(ws, 4, 1, &figures::report_team(d.team_name.as_deref(), lang), f)?;
    date(ws, 5, 1, d.start_date, f)?;
    date(ws, 6, 1, d.end_date, f)?;
    whole(ws, 7, 1, d.calendar.days_total, f)?;
    whole(ws, 8, 1, d.calendar.days_run, f)?;
    whole(ws, 9, 1, d.calendar.days_left, f)?;
    let all: Vec<&KpiProgress> = d.goals.iter().flat_map(|g| &g.kpis).chain(d.parts.iter().flat_map(|p| &p.kpis)).collect();
    ws.write_string_with_format(11, 0, lang.pick("指标状态", "KPI status"), &f.header)?;
    ws.write_string_with_format(11, 1, lang.pick("指标数", "KPIs"), &f.header)?;
    for (i, s) in [KpiStatus::Met, KpiStatus::AtRisk, KpiStatus::Behind, KpiStatus::NoData].into_iter().enumerate() {
        ws.write_string(12 + i as u32, 0, figures::status(s, lang))?;
        whole(ws, 12 + i as u32, 1, all.iter().filter(|k| k.reading.status == s).count() as i64, f)?;
    }
    ws.set_active(true);
    Ok(())
}

fn kpi_row(ws: &mut Worksheet, row: u32, col: u16, k: &KpiProgress, lang: Lang, f: &Formats) -> Result<()> {
    let kpi = &k.reading.kpi;
    layout::text(ws, row, col, &kpi.name, f)?;
    kpi_figure(ws, row, col + 1, k.reading.value, &kpi.unit, f)?;
    kpi_figure(ws, row, col + 2, Some(kpi.target), &kpi.unit, f)?;
    layout::text(ws, row, col + 3, &kpi.unit, f)?;
    ws.write_string(row, col + 4, figures::status(k.reading.status, lang))?;
    Ok(())
}

fn goal_kpis(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &KPI_COLUMNS, lang, f)?;
    let mut row = 1;
    for g in &report.dashboard.goals {
        for k in &g.kpis {
            layout::text(ws, row, 0, &g.goal.name, f)?;
            kpi_row(ws, row, 1, k, lang, f)?;
            row += 1;
        }
    }
    layout::finish(ws, 0, row - 1, KPI_COLUMNS.len() as u16 - 1, false)
}

fn part_kpis(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &PART_COLUMNS, lang, f)?;
    let mut row = 1;
    for p in &report.dashboard.parts {
        for k in &p.kpis {
            ws.write_string(row, 0, lang.pick(p.part.kind.label_zh(), p.part.kind.label_en()))?;
            layout::text(ws, row, 1, &p.part.name, f)?;
            layout::text(ws, row, 2, p.part.owner_team.as_deref().unwrap_or(""), f)?;
            kpi_row(ws, row, 3, k, lang, f)?;
            row += 1;
        }
    }
    layout::finish(ws, 0, row - 1, PART_COLUMNS.len() as u16 - 1, false)
}

/// One row per week end, one column per KPI; the chart draws the percentage KPIs (one scale)
/// or, when there are none, every KPI.
fn trend(ws: &mut Worksheet, sheet: &str, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let d = &report.dashboard;
    let kpis: Vec<&KpiProgress> = d.goals.iter().flat_map(|g| &g.kpis).chain(d.parts.iter().flat_map(|p| &p.kpis)).collect();
    ws.set_column_format(0, &f.date)?;
    ws.set_column_width(0, 12)?;
    ws.write_string_with_format(0, 0, "", &f.header)?;
    for (i, k) in kpis.iter().enumerate() {
        let col = 1 + i as u16;
        let name = &k.reading.kpi.name;
        let header = if k.reading.kpi.unit.trim().is_empty() { name.clone() } else { format!("{name}（{}）", k.reading.kpi.unit.trim()) };
        ws.write_string_with_format(0, col, &header, &f.header)?;
        ws.set_column_width(col, layout::width_of(name).clamp(10.0, 24.0))?;
    }
    ws.set_row_height(0, 45)?;
    for (r, day) in d.week_ends.iter().enumerate() {
        let row = 1 + r as u32;
        date(ws, row, 0, *day, f)?;
        for (i, k) in kpis.iter().enumerate() {
            kpi_figure(ws, row, 1 + i as u16, k.trend.get(r).copied().flatten(), &k.reading.kpi.unit, f)?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    let last = d.week_ends.len() as u32;
    if last == 0 || kpis.is_empty() {
        return Ok(());
    }
    let percent: Vec<usize> = (0..kpis.len()).filter(|i| figures::kind(&kpis[*i].reading.kpi.unit) == Kind::Percent).collect();
    let drawn_percent = !percent.is_empty();
    let drawn = if drawn_percent { percent } else { (0..kpis.len()).collect() };
    let mut chart = Chart::new(ChartType::Line);
    for i in drawn {
        let col = 1 + i as u16;
        chart.add_series().set_categories((sheet, 1, 0, last, 0)).set_values((sheet, 1, col, last, col)).set_name((sheet, 0, col));
    }
    chart.title().set_name(if drawn_percent {
        lang.pick("百分比指标每周走势", "Weekly trend of the percentage KPIs")
    } else {
        lang.pick("指标每周走势", "Weekly trend of the KPIs")
    });
    chart.set_width(720).set_height(400);
    ws.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

fn budget(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let (s, i) = (&report.dashboard.subsidy, &report.dashboard.incentive);
    layout::header(ws, 0, &BUDGET_COLUMNS, lang, f)?;
    let over = |over: bool| if over { lang.pick("是", "yes") } else { "" };
    ws.write_string(1, 0, lang.pick("交叉补贴", "Cross-subsidy"))?;
    yuan(ws, 1, 1, s.budget, f)?;
    yuan(ws, 1, 2, s.used, f)?;
    share(ws, 1, 3, s.used_bp, f)?;
    // What is left is the whole campaign's to say; one team's use does not tell it.
    if report.dashboard.team_id.is_none() {
        yuan(ws, 1, 4, Money::from_fen(s.budget.fen() - s.used.fen()), f)?;
    }
    ws.write_string(1, 5, over(s.over))?;
    ws.write_string(2, 0, lang.pick("激励奖金（按当前名次）", "Prizes (standings now)"))?;
    if let Some(b) = i.budget {
        yuan(ws, 2, 1, b, f)?;
        share(ws, 2, 3, figures::share_bp(i.total.fen(), b.fen()), f)?;
    }
    yuan(ws, 2, 2, i.total, f)?;
    if let Some(r) = i.remaining {
        yuan(ws, 2, 4, r, f)?;
    }
    ws.write_string(2, 5, over(i.over))?;
    if report.dashboard.team_id.is_some() {
        ws.write_string(
            4,
            0,
            lang.pick(
                "补贴已用为本团队的金额，预算与奖金为全活动的数字。",
                "Subsidy used is this team's; budgets and prizes are the whole campaign's.",
            ),
        )?;
    }
    layout::finish(ws, 0, 2, BUDGET_COLUMNS.len() as u16 - 1, false)
}

fn standings(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &STANDING_COLUMNS, lang, f)?;
    let mut row = 1;
    for award in &report.dashboard.leaders {
        for e in &award.leaders {
            layout::text(ws, row, 0, &award.name, f)?;
            layout::text(ws, row, 1, &figures::scope(award.scope, award.industry.as_deref(), lang), f)?;
            whole(ws, row, 2, i64::from(e.rank), f)?;
            layout::text(ws, row, 3, &e.name, f)?;
            if figures::score_is_share(&award.unit) {
                share(ws, row, 4, Some(e.score), f)?;
            } else {
                whole(ws, row, 4, e.score, f)?;
            }
            ws.write_string(row, 5, figures::score_unit(&award.unit, lang))?;
            row += 1;
        }
    }
    if row == 1 {
        ws.write_string(1, 0, lang.pick("暂无成绩", "No results yet"))?;
    }
    layout::finish(ws, 0, row.max(2) - 1, STANDING_COLUMNS.len() as u16 - 1, false)
}

fn prizes(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let i = &report.dashboard.incentive;
    layout::header(ws, 0, &PRIZE_COLUMNS, lang, f)?;
    let mut row = 1;
    for a in &i.awards {
        layout::text(ws, row, 0, &a.name, f)?;
        yuan(ws, row, 1, a.cost.cost, f)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, lang.pick("合计", "Total"), &f.total_label)?;
    ws.write_number_with_format(row, 1, i.total.fen() as f64 / 100.0, &f.total_money)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn plans(ws: &mut Worksheet, sheet: &str, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &PLAN_COLUMNS, lang, f)?;
    let all = &report.dashboard.plans;
    for (i, p) in all.iter().enumerate() {
        let row = 1 + i as u32;
        // The whole campaign comes last.
        let name = if i + 1 == all.len() { lang.pick("合计", "Total").to_string() } else { figures::team(&p.team_name, lang) };
        layout::text(ws, row, 0, &name, f)?;
        whole(ws, row, 1, p.targets, f)?;
        whole(ws, row, 2, p.planned, f)?;
        share(ws, row, 3, figures::share_bp(p.planned, p.targets), f)?;
        whole(ws, row, 4, p.items, f)?;
        whole(ws, row, 5, p.done, f)?;
        share(ws, row, 6, figures::share_bp(p.done, p.items), f)?;
        whole(ws, row, 7, p.overdue, f)?;
    }
    let teams = team_plans(report).count() as u32;
    if teams > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_categories((sheet, 1, 0, teams, 0)).set_values((sheet, 1, 3, teams, 3)).set_name((sheet, 0, 3));
        chart.title().set_name(lang.pick("各团队一户一案覆盖率", "Plan coverage by team"));
        chart.legend().set_hidden();
        ws.insert_chart(1, chart_column(PLAN_COLUMNS.len()), &chart)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn warnings(ws: &mut Worksheet, sheet: &str, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let w = &report.dashboard.warnings;
    layout::header(ws, 0, &AGE_COLUMNS, lang, f)?;
    for (i, (age, n)) in w.by_age.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, lang.pick(age.label_zh(), age.label_en()))?;
        whole(ws, row, 1, *n, f)?;
    }
    let ages = w.by_age.len() as u32;
    let mut row = ages + 1;
    ws.write_string_with_format(row, 0, lang.pick("合计", "Total"), &f.total_label)?;
    ws.write_number_with_format(row, 1, w.open as f64, &f.total_label)?;
    row += 2;
    for (zh, en, n) in [("已挽留", "Retained", w.retained), ("已流失", "Lost", w.lost)] {
        ws.write_string(row, 0, lang.pick(zh, en))?;
        whole(ws, row, 1, n, f)?;
        row += 1;
    }
    ws.write_string(row, 0, lang.pick("挽留率", "Retention"))?;
    share(ws, row, 1, w.retention_bp, f)?;
    row += 2;
    ws.write_string_with_format(row, 0, lang.pick("团队", "Team"), &f.header)?;
    ws.write_string_with_format(row, 1, lang.pick("未关闭", "Open"), &f.header)?;
    for (team, n) in &w.open_by_team {
        row += 1;
        layout::text(ws, row, 0, &figures::team(team, lang), f)?;
        whole(ws, row, 1, *n, f)?;
    }
    if ages > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_categories((sheet, 1, 0, ages, 0)).set_values((sheet, 1, 1, ages, 1)).set_name((sheet, 0, 1));
        chart.title().set_name(lang.pick("未关闭预警按时长", "Open warnings by age"));
        chart.legend().set_hidden();
        ws.insert_chart(1, chart_column(AGE_COLUMNS.len()), &chart)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn gaps(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    let g = &report.dashboard.gaps;
    layout::header(ws, 0, &GAP_COLUMNS, lang, f)?;
    let rows = [
        (lang.pick("全部", "All"), g.high_risk),
        (lang.pick("尚无补贴", "Without a subsidy"), g.without_subsidy),
        (lang.pick("尚无方案", "Without a plan"), g.without_plan),
        (lang.pick("尚无光纤到户", "Without fibre to the premises"), g.without_fibre),
    ];
    for (i, (label, n)) in rows.into_iter().enumerate() {
        ws.write_string(1 + i as u32, 0, label)?;
        whole(ws, 1 + i as u32, 1, n, f)?;
    }
    Ok(())
}

fn late_items(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &LATE_COLUMNS, lang, f)?;
    for (i, item) in report.late_items.iter().enumerate() {
        let row = 1 + i as u32;
        layout::text(ws, row, 0, &figures::team(&item.team, lang), f)?;
        layout::text(ws, row, 1, &item.client, f)?;
        layout::text(ws, row, 2, &item.item, f)?;
        layout::text(ws, row, 3, item.owner.as_deref().unwrap_or(""), f)?;
        date(ws, row, 4, item.due_date, f)?;
        whole(ws, row, 5, item.days_late, f)?;
    }
    if report.late_items.is_empty() {
        ws.write_string(1, 0, lang.pick("截至当日没有逾期事项", "No plan item is late on the day"))?;
    }
    layout::finish(ws, 0, report.late_items.len().max(1) as u32, LATE_COLUMNS.len() as u16 - 1, false)
}

fn open_warnings(ws: &mut Worksheet, report: &WeeklyReport, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &OPEN_COLUMNS, lang, f)?;
    for (i, w) in report.open_warnings.iter().enumerate() {
        let row = 1 + i as u32;
        layout::text(ws, row, 0, &figures::team(&w.team, lang), f)?;
        layout::text(ws, row, 1, &w.client, f)?;
        layout::text(ws, row, 2, &w.contract, f)?;
        ws.write_string(row, 3, lang.pick(w.reason.label_zh(), w.reason.label_en()))?;
        date(ws, row, 4, w.raised_on, f)?;
        whole(ws, row, 5, w.age_days, f)?;
        layout::text(ws, row, 6, w.owner.as_deref().unwrap_or(""), f)?;
    }
    if report.open_warnings.is_empty() {
        ws.write_string(1, 0, lang.pick("截至当日没有未关闭的预警", "No warning is open on the day"))?;
    }
    layout::finish(ws, 0, report.open_warnings.len().max(1) as u32, OPEN_COLUMNS.len() as u16 - 1, false)
}
