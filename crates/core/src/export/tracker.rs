//! The tracker workbook district teams fill in and send back: an overview, the targets, the
//! subsidies as live formulas, the plan items, the standings, a sheet for new achievements and
//! instructions. Big sheets are written in constant-memory mode, streamed from SQLite.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Chart, ChartType, DataValidation, Formula, Workbook, Worksheet, XlsxError};
use serde::Serialize;

use super::layout::{self, Formats};
use super::{client_sheets, fibre_sheet, file_name, plan_sheet, points_sheet, splice, standings_sheet, visit_sheet, warning_sheet};
use crate::domain::ids::CampaignId;
use crate::domain::tracker::{sheet, Lang, Scope, Signer, ACHIEVEMENT_COLUMNS};
use crate::domain::Campaign;
use crate::error::{Entity, Error, Result};
use crate::money::Money;
use crate::store::Store;

#[derive(Debug, Clone)]
pub struct TrackerOptions {
    pub campaign_id: CampaignId,
    /// One team's slice, by name; the whole campaign when None.
    pub team: Option<String>,
    pub lang: Lang,
    /// The day standings and lateness are judged on.
    pub today: NaiveDate,
    pub now: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerSummary {
    pub file: String,
    pub team: Option<String>,
    pub targets: u64,
    pub high_risk: u64,
    pub contracts: u64,
    pub plan_items: u64,
    pub subsidy_total: Money,
    /// Visits due (overdue included) on the 待走访 sheet.
    pub visits_due: u64,
    /// High-risk targets without fibre on the 光纤准备 sheet.
    pub fibre: u64,
}

const OVERVIEW: usize = 0;

/// Where each sheet sits; the targets and subsidies take as many worksheets as their rows need.
struct Layout {
    plans: usize,
    warnings: usize,
    visits: usize,
    fibre: usize,
    points: usize,
    standings: usize,
    achievements: usize,
    guide: usize,
    meta: usize,
}

/// Adds `count` constant-memory worksheets named `name`, `name (2)`, …
fn add_pages(book: &mut Workbook, name: &str, count: u64) -> Result<Vec<(usize, String)>> {
    let mut pages = Vec::new();
    for i in 0..count.max(1) {
        let title = if i == 0 { name.to_string() } else { format!("{name} ({})", i + 1) };
        book.add_worksheet_with_constant_memory()?.set_name(&title)?;
        pages.push((book.worksheets_mut().len() - 1, title));
    }
    Ok(pages)
}

/// Writes the tracker to `path`, with `.xlsx` added when it lacks it (spreadsheet programs go by
/// the extension). The file appears whole or not at all: it is written next to its destination
/// and moved into place. `progress` hears the targets written so far and cancels by returning
/// false.
pub fn export_tracker(store: &Store, path: &Path, opts: &TrackerOptions, progress: &mut dyn FnMut(u64) -> bool) -> Result<TrackerSummary> {
    let path = &file_name::with_xlsx_extension(path);
    let campaign = store.campaigns().get(opts.campaign_id)?;
    let team_id = match &opts.team {
        Some(name) => Some(
            store
                .org()
                .teams()?
                .into_iter()
                .find(|t| t.name == *name)
                .ok_or(Error::NotFound { entity: Entity::Team, key: name.clone() })?
                .id,
        ),
        None => None,
    };
    let lang = opts.lang;
    let f = Formats::new();
    let mut book = Workbook::new();
    // zip's pure-Rust zlib-rs at level 2: measured here, as fast as system zlib at level 1 or
    // faster, with files about as small as zlib's level 3.
    book.set_zip_compression_level(2);
    let (target_count, contract_count) = store.tracker().counts(campaign.id, team_id)?;
    let per_sheet = client_sheets::rows_per_sheet(store.org().teams()?.len());
    let pages = |n: u64| n.div_ceil(u64::from(per_sheet));
    book.add_worksheet().set_name(sheet::OVERVIEW.get(lang))?;
    // The targets and subsidies rows are streamed beside the workbook, into temporary files next
    // to the destination (not /tmp, which may be memory), and spliced into it once it is saved.
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let target_pages = add_pages(&mut book, sheet::TARGETS.get(lang), pages(target_count))?;
    let mut targets = client_sheets::Pages::new(target_pages, per_sheet, dir, &client_sheets::target_formats(&f), &f)?;
    let subsidy_pages = add_pages(&mut book, sheet::SUBSIDIES.get(lang), pages(contract_count))?;
    let mut subsidies = client_sheets::Pages::new(subsidy_pages, per_sheet, dir, &client_sheets::subsidy_formats(&f), &f)?;
    let mut next = || book.worksheets_mut().len();
    let first = next();
    let at = Layout {
        plans: first,
        warnings: first + 1,
        visits: first + 2,
        fibre: first + 3,
        points: first + 4,
        standings: first + 5,
        achievements: first + 6,
        guide: first + 7,
        meta: first + 8,
    };
    book.add_worksheet_with_constant_memory()?.set_name(sheet::PLANS.get(lang))?;
    book.add_worksheet().set_name(sheet::WARNINGS.get(lang))?;
    book.add_worksheet_with_constant_memory()?.set_name(sheet::VISITS.get(lang))?;
    book.add_worksheet_with_constant_memory()?.set_name(sheet::FIBRE.get(lang))?;
    book.add_worksheet_with_constant_memory()?.set_name(sheet::POINTS.get(lang))?;
    book.add_worksheet().set_name(sheet::STANDINGS.get(lang))?;
    book.add_worksheet().set_name(sheet::ACHIEVEMENTS.get(lang))?;
    book.add_worksheet().set_name(sheet::GUIDE.get(lang))?;
    book.add_worksheet().set_name(sheet::META)?.set_hidden(true);

    let rules = store.rule_sets().current(campaign.id)?;
    let signer = Signer::new(&store.settings().tracker_secret()?);
    let scope = Scope { campaign_id: campaign.id, team_id };
    let source = client_sheets::Source { store, campaign: &campaign, team_id, rules: &rules.table, lang, signer: &signer, scope };
    let side = SideSheets { at: &at, campaign: &campaign, opts, signer: &signer, scope, f: &f, dir };
    f.register(&mut book);
    let (client_pages, other_pages) = book.worksheets_mut().split_at_mut(first);
    // The targets and subsidies take most of the time; the other sheets (visits due alone can
    // run to a million rows) are written beside them on a second connection and thread.
    // A second connection that cannot be opened (a file only readable as it was last left, …)
    // only costs the parallelism: the sheets are then written one after the other.
    let (clients, tally) = match store.another_reader().ok().flatten() {
        Some(reader) => std::thread::scope(|threads| {
            let others = threads.spawn(move || side.write(other_pages, &reader, first));
            let clients = client_sheets::write(client_pages, (&mut targets, &mut subsidies), &source, &f, progress);
            (clients, others.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        }),
        None => (
            client_sheets::write(client_pages, (&mut targets, &mut subsidies), &source, &f, progress),
            side.write(other_pages, store, first),
        ),
    };
    let (clients, SideTally { plans, visits_due, fibre, leaders, rows: side_rows }) = (clients?, tally?);
    let figures = Figures { clients: &clients, plans: &plans, visits_due, fibre, leaders };
    write_overview(&mut book, &campaign, opts, &figures, &f)?;
    book.worksheet_from_index(OVERVIEW)?.set_active(true);

    let mut rows = targets.finish()?;
    rows.extend(subsidies.finish()?);
    rows.extend(side_rows);
    let mut saved = tempfile::tempfile_in(dir)?;
    book.save_to_writer(&mut saved)?;
    let partial = partial_path(path);
    if let Err(e) = splice::splice(saved, &partial, rows) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, path)?;
    Ok(TrackerSummary {
        file: path.display().to_string(),
        team: opts.team.clone(),
        targets: clients.targets,
        high_risk: clients.high_risk,
        contracts: clients.contracts,
        plan_items: plans.items,
        subsidy_total: clients.total,
        visits_due,
        fibre,
    })
}

/// One tracker per team, named after the campaign and the team, in `dir`.
pub fn export_team_trackers(
    store: &Store,
    dir: &Path,
    opts: &TrackerOptions,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Vec<TrackerSummary>> {
    let campaign = store.campaigns().get(opts.campaign_id)?;
    std::fs::create_dir_all(dir)?;
    let teams = store.org().teams()?;
    let names = file_name::team_tracker_names(&campaign.name, &teams, opts.lang);
    let mut written = Vec::new();
    for (team, name) in teams.into_iter().zip(names) {
        let team_opts = TrackerOptions { team: Some(team.name), ..opts.clone() };
        written.push(export_tracker(store, &dir.join(name), &team_opts, progress)?);
    }
    Ok(written)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

struct Figures<'a> {
    clients: &'a client_sheets::ClientTally,
    plans: &'a plan_sheet::PlanTally,
    visits_due: u64,
    fibre: u64,
    leaders: Vec<(String, String)>,
}

/// What the sheets other than the targets and subsidies need, and what they tell the overview.
struct SideSheets<'a> {
    at: &'a Layout,
    campaign: &'a Campaign,
    opts: &'a TrackerOptions,
    signer: &'a Signer,
    scope: Scope,
    f: &'a Formats,
    /// Where streamed rows wait for the splice.
    dir: &'a Path,
}

struct SideTally {
    plans: plan_sheet::PlanTally,
    visits_due: u64,
    fibre: u64,
    leaders: Vec<(String, String)>,
    /// The streamed rows of the sheets that take them.
    rows: Vec<splice::SheetRows>,
}

/// The worksheet at `i` of `sheets`.
fn worksheet_at(sheets: &mut [Worksheet], i: usize) -> std::result::Result<&mut Worksheet, XlsxError> {
    sheets.get_mut(i).ok_or_else(|| XlsxError::UnknownWorksheetNameOrIndex(i.to_string()))
}

impl SideSheets<'_> {
    /// Writes them into `sheets`, the workbook's worksheets from position `first` on.
    fn write(&self, sheets: &mut [Worksheet], store: &Store, first: usize) -> Result<SideTally> {
        let (at, lang, f, keys, today) = (self.at, self.opts.lang, self.f, (self.signer, self.scope), self.opts.today);
        let plans = plan_sheet::write(worksheet_at(sheets, at.plans - first)?, store, keys, today, lang, f)?;
        warning_sheet::write(worksheet_at(sheets, at.warnings - first)?, store, keys, today, lang, f)?;
        let dir = self.dir;
        let (visits_due, visit_rows) =
            visit_sheet::write((worksheet_at(sheets, at.visits - first)?, at.visits, dir), store, keys, today, lang, f)?;
        let (fibre, fibre_rows) = fibre_sheet::write((worksheet_at(sheets, at.fibre - first)?, at.fibre, dir), store, keys, lang, f)?;
        points_sheet::write(worksheet_at(sheets, at.points - first)?, store, self.scope, lang, f)?;
        let standings = store.awards().standings(self.campaign.id, today)?;
        standings_sheet::write(worksheet_at(sheets, at.standings - first)?, sheet::STANDINGS.get(lang), &standings, lang, f)?;
        write_achievements(worksheet_at(sheets, at.achievements - first)?, store, self.campaign.id, lang, f)?;
        write_guide(worksheet_at(sheets, at.guide - first)?, lang, f)?;
        let token = self.signer.token(self.scope, &self.opts.now.format("%Y%m%d%H%M%S").to_string());
        write_meta(worksheet_at(sheets, at.meta - first)?, &token, self.campaign, self.opts)?;
        let rows = vec![visit_rows, fibre_rows];
        Ok(SideTally { plans, visits_due, fibre, leaders: standings_sheet::leaders(&standings), rows })
    }
}

fn write_overview(book: &mut Workbook, campaign: &Campaign, opts: &TrackerOptions, fig: &Figures<'_>, f: &Formats) -> Result<()> {
    let lang = opts.lang;
    let ws = book.worksheet_from_index(OVERVIEW)?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 16)?;
    let title = format!("{} · {}", campaign.name, lang.pick("跟踪表", "tracker"));
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let scope = opts.team.clone().unwrap_or_else(|| lang.pick("全部团队", "All teams").to_string());
    let period = format!("{} — {}", campaign.start_date, campaign.end_date);
    let lines: [(&str, &str, String); 5] = [
        ("主题", "Theme", campaign.theme.clone()),
        ("活动期间", "Period", period),
        ("范围", "Scope", scope),
        ("数据截至", "As of", opts.today.to_string()),
        ("导出时间", "Exported", opts.now.format("%Y-%m-%d %H:%M").to_string()),
    ];
    let mut row = 2u32;
    for (zh, en, value) in &lines {
        ws.write_string_with_format(row, 0, lang.pick(zh, en), &f.total_label)?;
        layout::text(ws, row, 1, value, f)?;
        row += 1;
    }
    row += 1;
    let c = fig.clients;
    let counts: [(&str, &str, u64); 6] = [
        ("目标客户", "Targets", c.targets),
        ("高竞争风险客户", "High-risk targets", c.high_risk),
        ("合同", "Contracts", c.contracts),
        ("逾期服务事项", "Late plan items", fig.plans.late),
        ("待走访（含逾期）", "Visits due (overdue included)", fig.visits_due),
        ("缺光纤的高风险客户", "High-risk targets without fibre", fig.fibre),
    ];
    for (zh, en, n) in counts {
        ws.write_string_with_format(row, 0, lang.pick(zh, en), &f.total_label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.whole)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, lang.pick("补贴合计(元)", "Subsidy total (¥)"), &f.total_label)?;
    ws.write_formula_with_format(row, 1, Formula::new(format!("={}", c.total_cell)).set_result(c.total.plain()), &f.money)?;
    let total_row = row;
    row += 1;
    ws.write_string_with_format(row, 0, lang.pick("补贴预算(元)", "Subsidy budget (¥)"), &f.total_label)?;
    ws.write_number_with_format(row, 1, campaign.subsidy_budget.fen() as f64 / 100.0, &f.money)?;
    row += 1;
    ws.write_string_with_format(row, 0, lang.pick("预算使用率", "Budget used"), &f.total_label)?;
    let budget = campaign.subsidy_budget.fen();
    let used = if budget > 0 { c.total.fen() as f64 / budget as f64 } else { 0.0 };
    let formula = format!("=IF(B{b}=0,0,B{t}/B{b})", t = total_row + 1, b = total_row + 2);
    ws.write_formula_with_format(row, 1, Formula::new(formula).set_result(used.to_string()), &f.percent)?;
    row += 1;
    ws.write_string_with_format(row, 0, lang.pick("一户一案完成率", "Plan items done"), &f.total_label)?;
    let done = if fig.plans.items > 0 { fig.plans.done as f64 / fig.plans.items as f64 } else { 0.0 };
    ws.write_number_with_format(row, 1, done, &f.percent)?;
    row += 2;
    ws.write_string_with_format(row, 0, lang.pick("奖项领先者", "Award leaders"), &f.total_label)?;
    row += 1;
    for (award, leader) in &fig.leaders {
        layout::text(ws, row, 0, award, f)?;
        layout::text(ws, row, 1, if leader.is_empty() { lang.pick("（暂无成绩）", "(no results yet)") } else { leader }, f)?;
        row += 1;
    }
    row += 1;
    let table = row;
    ws.write_string_with_format(row, 0, lang.pick("客户类别", "Category"), &f.header)?;
    ws.write_string_with_format(row, 1, lang.pick("目标客户", "Targets"), &f.header)?;
    ws.write_string_with_format(row, 2, lang.pick("补贴(元)", "Subsidy (¥)"), &f.header)?;
    row += 1;
    for (category, count, sum, cell) in &c.by_category {
        layout::text(ws, row, 0, lang.pick(category.label_zh(), category.label_en()), f)?;
        ws.write_number_with_format(row, 1, *count as f64, &f.whole)?;
        ws.write_formula_with_format(row, 2, Formula::new(format!("={cell}")).set_result(sum.plain()), &f.money)?;
        row += 1;
    }
    if row > table + 1 {
        let name = sheet::OVERVIEW.get(lang);
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories((name, table + 1, 0, row - 1, 0))
            .set_values((name, table + 1, 2, row - 1, 2))
            .set_name(lang.pick("补贴(元)", "Subsidy (¥)"));
        chart.title().set_name(lang.pick("各类别补贴", "Subsidy by category"));
        chart.legend().set_hidden();
        ws.insert_chart(2, 4, &chart)?;
    }
    Ok(())
}

fn write_achievements(ws: &mut Worksheet, store: &Store, campaign_id: CampaignId, lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &ACHIEVEMENT_COLUMNS, lang, f)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_format(0, &f.date)?;
    ws.set_column_format(5, &f.money)?;
    let metrics: Vec<String> = store.achievements().metrics(campaign_id)?.into_iter().map(|(_, name)| name).collect();
    // Excel limits a typed-in list to 255 characters; beyond that the metric is checked on the
    // way back instead.
    if !metrics.is_empty() && metrics.iter().map(|m| m.chars().count() + 1).sum::<usize>() < 250 {
        let validation = DataValidation::new().allow_list_strings(&metrics)?;
        ws.add_data_validation(1, 1, 5_000, 1, &validation)?;
    }
    Ok(())
}

fn write_guide(ws: &mut Worksheet, lang: Lang, f: &Formats) -> Result<()> {
    ws.set_column_width(0, 100)?;
    let lines: [(&str, &str); 13] = [
        ("如何填写并交回本跟踪表", "How to fill in this tracker and send it back"),
        ("1. 在「一户一案」表中，只需填写浅黄色单元格：截止日期、状态（从下拉列表选择）、完成日期、受阻原因、备注。", "1. On the Plans sheet, fill in only the pale yellow cells: due date, status (pick from the list), done date, blocked reason, note."),
        ("2. 状态为「已完成」时请填写完成日期（不填则按导入当天计）；状态为「受阻」时必须填写受阻原因。", "2. A Done item takes its done date (left empty, the day it is applied back is used); a Blocked item must give its reason."),
        ("3. 新的业绩请逐行填入「新增业绩」表：日期、指标、团队或人员、数量、金额、客户编码、说明。", "3. Add new achievements one per row on the New achievements sheet: date, metric, team or person, quantity, amount, client code, note."),
        ("4. 在「预警」表中，只需填写状态（从下拉列表选择）和说明：标为「已流失」时须在说明中写明原因；已结案的预警只能重新标为「已联系」，不能退回「待联系」。", "4. On the Warnings sheet, fill in only the status (pick from the list) and the note: a Lost warning must say why in its note; a closed warning can only be reopened as Contacted, never back to To contact."),
        ("5. 在「待走访」表中，每行是截至导出日应做的一次走访（逾期在前）。走访后在该行填写走访日期和会见人员（必填），以及客户需求、竞争动态、下一步；交回后记为一次走访。同一份表再次交回不会重复记录，改过的行会更正此前记下的走访。", "5. On the Visits due sheet, each row is a visit due by the export day (overdue first). Once visited, fill in its visit date and who met whom (both required), and the needs, competitors and next steps heard; sent back, it is recorded as a visit. The same tracker sent again records nothing twice, and a changed row corrects the visit it recorded."),
        ("6. 在「光纤准备」表中，填写状态（从下拉列表选择）及其日期：已勘察须有勘察日期，已排期须有勘察和排期日期，已完成须有勘察和完成日期（不晚于当天）；无法覆盖须写明原因。", "6. On the Fibre preparation sheet, fill in the status (pick from the list) and its days: Surveyed needs the survey date, Scheduled the survey and scheduled dates, Done the survey and done dates (not after today); Cannot be covered must say why."),
        ("7. 「交叉补贴」表的补贴金额是公式：修改补贴比例或上浮比例可以试算，合计随之变化；这些试算不会导回系统。", "7. Subsidies are formulas: change a rate or uplift to try figures and the totals follow; these trials are not read back."),
        ("8. 请勿修改隐藏列、表头或表名，也不要从其他跟踪表复制行：每行的键只在本表有效，否则交回时会被拒绝。浅黄色以外的单元格已锁定，其中的改动不会导入。", "8. Do not change hidden columns, headers or sheet names, or copy rows from another tracker: each row's key is valid only in this tracker, and such a file is refused. Edits to locked cells (all but the pale yellow ones) are not applied."),
        ("9. 可以在 Excel、WPS 或 LibreOffice 中编辑，保存为 .xlsx 后发回策划人员。", "9. Edit in Excel, WPS or LibreOffice, save as .xlsx, and send it back to the planner."),
        ("10. 策划人员导回时会先列出全部改动，有问题的单元格会标明工作表、行和列，全部无误才会写入。", "10. When the planner applies it, every change is listed first; any problem names its sheet, row and column, and nothing is written until all are fixed."),
        ("「积分」表列出最近一期计算后的会员积分与余额（团队跟踪表只含本团队客户的员工），仅供查看，积分在 Rampart 中调整。", "The Points sheet lists members' points and balances as of the latest computed period (a team's tracker: its clients' staff only); it is for reading, points change in Rampart."),
        ("逾期事项显示为红色，已完成事项显示为绿色。", "Late items show red, done items green."),
    ];
    for (i, (zh, en)) in lines.iter().enumerate() {
        let format = if i == 0 { &f.title } else { &f.text };
        ws.write_string_with_format(i as u32 * 2, 0, lang.pick(zh, en), format)?;
    }
    Ok(())
}

/// Which export this is: the way back takes the tracker's scope from the signed token, and
/// counts each achievement row once per token.
fn write_meta(ws: &mut Worksheet, token: &str, campaign: &Campaign, opts: &TrackerOptions) -> Result<()> {
    let rows: [(&str, String); 5] = [
        ("token", token.to_string()),
        ("campaign", campaign.id.to_string()),
        ("team", opts.team.clone().unwrap_or_default()),
        ("language", opts.lang.pick("zh-CN", "en").to_string()),
        ("exported", opts.now.format("%Y-%m-%d %H:%M:%S").to_string()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string(i as u32, 0, *k)?;
        ws.write_string(i as u32, 1, v)?;
    }
    ws.protect();
    Ok(())
}
