//! The way back: returned trackers (as saved by Excel, WPS or LibreOffice) read into a list of
//! changes, checked together, and applied all or nothing. An edit is a cell that differs from
//! the value the tracker was exported with (kept in hidden columns), so a stale copy never
//! overwrites newer work, and two trackers that change the same item differently are refused.
//! A tracker changes only what its scope holds: its rows' keys are signed for its campaign and
//! team, and its achievements may credit only its team and that team's people.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::achievements::AchievementRows;
use super::cells::{read_sheet, sheet_names, Cell, Flow, Unreadable};
use super::{values, ImportProblem, MAX_LISTED};
use crate::domain::awards::AchievementInput;
use crate::domain::ids::{CampaignId, PlanItemId, TeamId};
use crate::domain::plan::{By, ItemEdit, ItemStatus, StatusChange};
use crate::domain::tracker::{
    locked_check, sheet, KeyKind, Label, Lang, PlanColumn, RowKey, Scope, Signer, ACHIEVEMENT_COLUMNS, PLAN_COLUMNS,
};
use crate::error::{Error, Problem, Result};
use crate::store::tracker::TrackerItem;
use crate::store::Store;
use sheet_row::{Header, SheetRow};

mod fibre_rows;
mod sheet_row;
mod visit_rows;
mod warning_rows;
pub use fibre_rows::FibreChange;
pub use visit_rows::TrackerVisit;
pub use warning_rows::WarningChange;

#[derive(Debug, Clone)]
pub struct ApplyOptions {
    pub dry_run: bool,
    pub author: String,
    pub now: NaiveDateTime,
    /// A done item returned without a date is done on this day.
    pub today: NaiveDate,
}

/// A problem in one cell of one returned file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerProblem {
    pub file: String,
    pub sheet: String,
    #[serde(flatten)]
    pub problem: ImportProblem,
}

/// One field of one plan item that a returned tracker changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerChange {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub item_id: PlanItemId,
    pub client_code: String,
    pub item: String,
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

/// A locked cell whose returned value differs from the one exported: listed, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct IgnoredEdit {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub column: String,
    /// What the returned file says.
    pub value: String,
    /// What Rampart holds, and keeps.
    pub kept: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct NewAchievement {
    pub file: String,
    pub line: u64,
    #[serde(flatten)]
    pub input: AchievementInput,
    /// Already added by an earlier application of the same tracker: skipped.
    pub already_applied: bool,
    /// The figures an earlier application of this row added, which this row replaces.
    pub corrects: Option<AchievementInput>,
    #[serde(skip)]
    campaign_id: CampaignId,
    #[serde(skip)]
    source: String,
    #[serde(skip)]
    replaces: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ApplyReport {
    pub files: Vec<String>,
    pub changes: Vec<TrackerChange>,
    /// Statuses and notes of warnings changed on the 预警 sheet.
    pub warning_changes: Vec<WarningChange>,
    /// Visits recorded on the 待走访 sheet.
    pub visits: Vec<TrackerVisit>,
    /// Fibre preparation moved on the 光纤准备 sheet.
    pub fibre_changes: Vec<FibreChange>,
    pub achievements: Vec<NewAchievement>,
    /// The first problems found; `more_problems` counts the rest, as the client import does.
    pub problems: Vec<TrackerProblem>,
    pub more_problems: u64,
    /// Edits to locked cells: they do not stop the rest, and are not applied.
    pub ignored: Vec<IgnoredEdit>,
    pub more_ignored: u64,
    pub dry_run: bool,
    pub applied: bool,
}

impl ApplyReport {
    fn refuse(&mut self, problem: TrackerProblem) {
        if self.problems.len() < MAX_LISTED {
            self.problems.push(problem);
        } else {
            self.more_problems += 1;
        }
    }

    /// Every problem found, listed or only counted.
    pub fn problem_count(&self) -> u64 {
        self.problems.len() as u64 + self.more_problems
    }

    fn ignore(&mut self, edit: IgnoredEdit) {
        if self.ignored.len() < MAX_LISTED {
            self.ignored.push(edit);
        } else {
            self.more_ignored += 1;
        }
    }
}

/// The fields of an item a tracker carries back, in the order they are compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Fields {
    due: Option<NaiveDate>,
    status: Option<ItemStatus>,
    done_on: Option<NaiveDate>,
    reason: String,
    note: String,
}

impl Fields {
    fn of(item: &TrackerItem) -> Fields {
        Fields {
            due: Some(item.due),
            status: Some(item.status),
            done_on: item.done_on,
            reason: item.reason.clone(),
            note: item.note.clone(),
        }
    }

    /// Takes one field's value from `other`.
    fn take(&mut self, field: &str, other: &Fields) {
        match field {
            "due" => self.due = other.due,
            "status" => self.status = other.status,
            "done_on" => self.done_on = other.done_on,
            "blocked_reason" => self.reason = other.reason.clone(),
            _ => self.note = other.note.clone(),
        }
    }

    fn show(&self, field: &str) -> String {
        match field {
            "due" => self.due.map(|d| d.to_string()).unwrap_or_default(),
            "status" => self.status.map(|s| s.label_zh().to_string()).unwrap_or_default(),
            "done_on" => self.done_on.map(|d| d.to_string()).unwrap_or_default(),
            "blocked_reason" => self.reason.clone(),
            _ => self.note.clone(),
        }
    }
}

const FIELDS: [(&str, PlanColumn); 5] = [
    ("due", PlanColumn::Due),
    ("status", PlanColumn::Status),
    ("done_on", PlanColumn::DoneOn),
    ("blocked_reason", PlanColumn::Reason),
    ("note", PlanColumn::Note),
];

/// An item's proposed new fields, and where each edited field came from.
struct Proposal {
    item: TrackerItem,
    fields: Fields,
    from: HashMap<&'static str, Place>,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn find_sheet(names: &[String], label: Label) -> Option<String> {
    names.iter().find(|n| label.matches(n)).cloned()
}

/// Reads every file, checks them together, and applies the lot unless there is any problem or
/// this is a dry run.
pub fn apply_trackers(store: &Store, paths: &[PathBuf], opts: &ApplyOptions) -> Result<ApplyReport> {
    let mut report = ApplyReport {
        files: paths.iter().map(|p| file_name(p)).collect(),
        changes: Vec::new(),
        warning_changes: Vec::new(),
        visits: Vec::new(),
        fibre_changes: Vec::new(),
        achievements: Vec::new(),
        problems: Vec::new(),
        more_problems: 0,
        ignored: Vec::new(),
        more_ignored: 0,
        dry_run: opts.dry_run,
        applied: false,
    };
    // Reading never creates the secret: a database that exported no tracker signed no key.
    let signer = store.settings().existing_tracker_secret()?.map(|s| Signer::new(&s));
    let mut proposals = Proposals::default();
    let mut returned = Returned::default();
    let mut warnings = warning_rows::WarningProposals::default();
    let mut visits = visit_rows::VisitRows::default();
    let mut fibre = fibre_rows::FibreProposals::default();
    for path in paths {
        let file = file_name(path);
        let unreadable = |u: Unreadable| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en };
        let names = sheet_names(path).map_err(unreadable)?;
        let tracker = read_meta(store, signer.as_ref(), path, &names)?.map_err(unreadable)?;
        let missing = |label: Label| Error::Unreadable {
            file: file.clone(),
            zh: format!("找不到「{}」工作表：表名被修改或工作表被删除，请使用原表交回", label.zh),
            en: format!("there is no {} ({}) sheet: it was renamed or deleted; send back the tracker as exported", label.en, label.zh),
        };
        let plans = find_sheet(&names, sheet::PLANS).ok_or_else(|| missing(sheet::PLANS))?;
        let achievements = find_sheet(&names, sheet::ACHIEVEMENTS).ok_or_else(|| missing(sheet::ACHIEVEMENTS))?;
        let at = Place { file: file.clone(), sheet: plans, line: 0 };
        read_plans(store, path, &tracker, at, &mut report, &mut proposals)?;
        let warning_sheet = find_sheet(&names, sheet::WARNINGS).ok_or_else(|| missing(sheet::WARNINGS))?;
        let at = Place { file: file.clone(), sheet: warning_sheet, line: 0 };
        warning_rows::read_warnings(store, path, &tracker, at, opts.today, &mut report, &mut warnings)?;
        // Trackers exported before the service sheets have neither: nothing to read there.
        if let Some(sheet) = find_sheet(&names, sheet::VISITS) {
            let at = Place { file: file.clone(), sheet, line: 0 };
            visit_rows::read_visits(store, path, &tracker, at, opts.today, &mut report, &mut visits)?;
        }
        if let Some(sheet) = find_sheet(&names, sheet::FIBRE) {
            let at = Place { file: file.clone(), sheet, line: 0 };
            fibre_rows::read_fibre(store, path, &tracker, at, &mut report, &mut fibre)?;
        }
        let at = Place { file: file.clone(), sheet: achievements, line: 0 };
        read_achievements(store, path, &tracker, at, &mut report, &mut returned)?;
    }
    proposals.check_status_rules(opts.today, &mut report);
    proposals.list_changes(&mut report);
    warnings.check(store, &mut report)?;
    warnings.list_changes(&mut report);
    visits.reconcile(store, &mut report)?;
    fibre.check(opts.today, &mut report);
    fibre.list_changes(&mut report);
    returned.reconcile(store, &mut report)?;
    if report.problem_count() > 0 || opts.dry_run {
        return Ok(report);
    }
    let by = By { author: opts.author.clone(), at: opts.now };
    store.in_transaction(|s| {
        for id in &proposals.order {
            let p = &proposals.by_item[id];
            if p.from.contains_key("due") || p.from.contains_key("note") {
                let edit = ItemEdit {
                    title: p.item.title.clone(),
                    owner_id: p.item.owner_id,
                    due: p.fields.due.unwrap_or(p.item.due),
                    note: p.fields.note.clone(),
                };
                s.plans().update_item(*id, &edit, &by)?;
            }
            if ["status", "done_on", "blocked_reason"].iter().any(|f| p.from.contains_key(f)) {
                let status = p.fields.status.unwrap_or(p.item.status);
                s.plans().set_item_status(*id, status, p.fields.done_on, &p.fields.reason, &by)?;
            }
        }
        warnings.apply(s, opts.today, &by)?;
        visit_rows::apply(s, &report, opts.today, &by)?;
        fibre.apply(s, opts.today, &by)?;
        for a in report.achievements.iter().filter(|a| !a.already_applied) {
            match a.replaces {
                Some(id) => s.tracker().correct_achievement(id, a.campaign_id, &a.input, &by)?,
                None => {
                    s.achievements().add_from(a.campaign_id, &a.input, &a.source)?;
                }
            }
        }
        Ok(())
    })?;
    report.applied = true;
    Ok(report)
}

/// What a returned file's hidden identity sheet says, once its signature checks.
struct Tracker {
    signer: Signer,
    token: String,
    scope: Scope,
    /// A team's tracker: the team's id and name.
    team: Option<(TeamId, String)>,
    lang: Lang,
}

/// Where a cell is: file, sheet, and the line as the spreadsheet numbers it.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    sheet: String,
    line: u64,
}

impl Place {
    fn problem(&self, report: &mut ApplyReport, column: &str, value: &str, zh: String, en: String) {
        report.refuse(TrackerProblem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            problem: ImportProblem { line: self.line, column: column.into(), value: value.into(), message_zh: zh, message_en: en },
        });
    }

    /// Another returned file (`earlier`) already changed the same `what` (zh, en) to `theirs`.
    fn conflict(&self, report: &mut ApplyReport, column: &str, to: &str, earlier: &Place, theirs: &str, what: (&str, &str)) {
        let (file, line) = (&earlier.file, earlier.line);
        let zh = format!("与 {file} 第 {line} 行对同一{}的修改（「{theirs}」）不一致，请先统一", what.0);
        let en = format!("conflicts with {file} line {line}, which changes the same {} to \"{theirs}\"; agree on one first", what.1);
        self.problem(report, column, to, zh, en);
    }

    /// The row's key was edited, made up, or copied from another tracker.
    fn bad_key(&self, report: &mut ApplyReport, column: &str, value: &str) {
        self.problem(
            report,
            column,
            value,
            "行键无法核对：它被修改过，或是从其他跟踪表复制来的（行键只在导出它的那份跟踪表中有效，请勿修改隐藏列或跨表复制行）".into(),
            "the row key does not check: it was edited, or copied from another tracker (a key is valid only in the tracker it was exported in; do not edit hidden columns or copy rows between trackers)".into(),
        );
    }

    /// The row's `what` (zh, en) belongs to a client now in team `now`, outside the tracker's `team`.
    fn outside_team(&self, report: &mut ApplyReport, (column, value): (&str, &str), now: &str, team: &str, what: (&str, &str)) {
        self.problem(
            report,
            column,
            value,
            format!("此{}的客户现属于「{now}」，不在本跟踪表（「{team}」）的范围内，不能在此修改", what.0),
            format!("this {}'s client now belongs to \"{now}\", outside this tracker's team \"{team}\"; it cannot be changed here", what.1),
        );
    }

    /// The hidden columns of what was exported were edited.
    fn was_edited(&self, report: &mut ApplyReport, column: &str, value: &str) {
        self.problem(
            report,
            column,
            value,
            "隐藏的原值列被修改，无法判断哪些是新的改动".into(),
            "the hidden original-value columns were edited, so the changes cannot be told apart".into(),
        );
    }

    /// Rampart's value moved from `was` to `now` since the export, and the row says `to`.
    fn stale(&self, report: &mut ApplyReport, column: &str, (was, now, to): (&str, &str, &str)) {
        self.problem(
            report,
            column,
            to,
            format!("导出后已在 Rampart 中由「{was}」改为「{now}」，与此处的「{to}」冲突；请核对后重新导出跟踪表"),
            format!("was changed in Rampart from \"{was}\" to \"{now}\" after export, which conflicts with \"{to}\" here; check and export a fresh tracker"),
        );
    }

    /// `value` is none of the statuses the column's drop-down offers (labels in zh and en).
    fn not_a_status(&self, report: &mut ApplyReport, column: &str, value: &str, zh: &[&str], en: &[&str]) {
        let (zh, en) = (zh.join(" / "), en.join(" / "));
        self.problem(report, column, value, format!("不是有效状态，请从下拉列表选择：{zh}"), format!("is not a status; pick one of {en}"));
    }
}

#[derive(Default)]
struct Proposals {
    by_item: HashMap<PlanItemId, Proposal>,
    order: Vec<PlanItemId>,
}

impl Proposals {
    /// Records that `at` sets `field` of `item` to the returned value, unless another file
    /// already set it to something else.
    fn propose(&mut self, item: &TrackerItem, field: &'static str, returned: &Fields, at: &Place, column: &str, report: &mut ApplyReport) {
        let p = self.by_item.entry(item.id).or_insert_with(|| {
            self.order.push(item.id);
            Proposal { item: item.clone(), fields: Fields::of(item), from: HashMap::new() }
        });
        let to = returned.show(field);
        if let Some(earlier) = p.from.get(field) {
            let theirs = p.fields.show(field);
            if theirs != to {
                at.conflict(report, column, &to, earlier, &theirs, ("事项", "item"));
            }
            return;
        }
        p.fields.take(field, returned);
        p.from.insert(field, at.clone());
    }

    /// A blocked item needs its reason, whichever file changed what.
    fn check_status_rules(&self, today: NaiveDate, report: &mut ApplyReport) {
        for id in &self.order {
            let p = &self.by_item[id];
            let Some(at) = ["status", "blocked_reason", "done_on"].iter().find_map(|f| p.from.get(f)) else { continue };
            let status = p.fields.status.unwrap_or(p.item.status);
            let Err(Error::Validation(fields)) = StatusChange::new(status, p.fields.done_on, &p.fields.reason, today) else { continue };
            if fields.iter().any(|f| f.field == "done_on") {
                let done_on = p.fields.done_on.map(|d| d.to_string()).unwrap_or_default();
                let problem = Problem::AfterToday { today };
                at.problem(
                    report,
                    PlanColumn::DoneOn.label().zh,
                    &done_on,
                    format!("完成日期{}", problem.zh()),
                    format!("the done date {}", problem.en()),
                );
            } else {
                at.problem(
                    report,
                    PlanColumn::Reason.label().zh,
                    "",
                    "状态为「受阻」时必须填写受阻原因".into(),
                    "a Blocked item must say why it is blocked".into(),
                );
            }
        }
    }

    fn list_changes(&self, report: &mut ApplyReport) {
        for id in &self.order {
            let p = &self.by_item[id];
            let current = Fields::of(&p.item);
            for (field, _) in FIELDS {
                if let Some(at) = p.from.get(field) {
                    report.changes.push(TrackerChange {
                        file: at.file.clone(),
                        sheet: at.sheet.clone(),
                        line: at.line,
                        item_id: *id,
                        client_code: p.item.client_code.clone(),
                        item: p.item.title.clone(),
                        field,
                        from: current.show(field),
                        to: p.fields.show(field),
                    });
                }
            }
        }
    }
}

/// The tracker a file says it is. The outer error is the database's; the inner refuses the file.
fn read_meta(store: &Store, signer: Option<&Signer>, path: &Path, names: &[String]) -> Result<std::result::Result<Tracker, Unreadable>> {
    let not_ours = || Unreadable {
        zh: "不是 Rampart 导出的跟踪表（缺少隐藏的标识表），无法识别其中的行".into(),
        en: "not a tracker exported by Rampart (its hidden identity sheet is missing), so its rows cannot be matched".into(),
    };
    if !names.iter().any(|n| n == sheet::META) {
        return Ok(Err(not_ours()));
    }
    let mut meta: HashMap<String, String> = HashMap::new();
    let read = read_sheet(path, sheet::META, &mut |_, cells| {
        if let (Some(k), Some(v)) = (cells.first(), cells.get(1)) {
            meta.insert(values::text(k), values::text(v));
        }
        Flow::Continue
    });
    if let Err(u) = read {
        return Ok(Err(u));
    }
    let token = meta.get("token").cloned().filter(|t| !t.is_empty());
    let Some(token) = token else { return Ok(Err(not_ours())) };
    let campaign: Option<CampaignId> = meta.get("campaign").and_then(|c| c.parse().ok()).map(CampaignId);
    let checked = signer.and_then(|s| Some((s, s.parse_token(&token)?))).filter(|(_, scope)| Some(scope.campaign_id) == campaign);
    let Some((signer, scope)) = checked else {
        return Ok(Err(Unreadable {
            zh: "跟踪表的标识无法核对：它不是从这个数据库导出的，是旧版本导出的，或隐藏的标识表被修改过；请从本数据库重新导出跟踪表".into(),
            en: "the tracker's identity does not check: it was not exported from this database, was exported by an earlier version, or its hidden identity sheet was edited; export a fresh tracker from this database".into(),
        }));
    };
    store.campaigns().get(scope.campaign_id)?;
    let team = match scope.team_id {
        Some(id) => match store.org().teams()?.into_iter().find(|t| t.id == id) {
            Some(t) => Some((id, t.name)),
            None => {
                return Ok(Err(Unreadable {
                    zh: "这份跟踪表所属的团队已不存在，无法判断哪些行属于它".into(),
                    en: "the team this tracker was exported for no longer exists, so its rows cannot be placed".into(),
                }))
            }
        },
        None => None,
    };
    let lang = Lang::from_code(meta.get("language").map_or("", String::as_str));
    Ok(Ok(Tracker { signer: signer.clone(), token, scope, team, lang }))
}

type PlanHeader = Header<PlanColumn>;
type PlanRow<'r> = SheetRow<'r, PlanColumn>;

/// Refuses a sheet whose header row lacks columns the tracker wrote: its rows cannot be read,
/// and skipping them would lose the edits.
fn missing_columns(at: &Place, report: &mut ApplyReport, missing: &[Label], lang: Lang) {
    let zh: Vec<&str> = missing.iter().map(|l| l.zh).collect();
    let en: Vec<&str> = missing.iter().map(|l| l.en).collect();
    let shown: Vec<&str> = missing.iter().map(|l| l.get(lang)).collect();
    at.problem(
        report,
        &shown.join(", "),
        "",
        format!("第 {} 行表头缺少列：{}（列被改名或删除），此表无法读取，请使用原表头交回", at.line, zh.join("、")),
        format!("the header on line {} lacks the columns {} (renamed or deleted), so this sheet cannot be read; send it back with its header as exported", at.line, en.join(", ")),
    );
}

fn read_plans(
    store: &Store,
    path: &Path,
    tracker: &Tracker,
    mut at: Place,
    report: &mut ApplyReport,
    proposals: &mut Proposals,
) -> Result<()> {
    let needed = PLAN_COLUMNS.map(|(c, _)| c);
    let spec = sheet_row::SheetSpec { columns: &PLAN_COLUMNS, needed: &needed, legacy: |_| false, header_required: true };
    sheet_row::each_row(path, &mut at, &spec, tracker.lang, report, &mut |at, row, report| {
        check_row(store, tracker, at, row.cells, row.cols, report, proposals)
    })
}

/// Lists the locked cells of a plan row that differ from what was exported. The key carries a
/// check of the exported values, not the values; Rampart's own values may have moved on since.
/// So the edited cells are the fewest whose Rampart value, put back, makes the check agree;
/// when none do (Rampart changed a cell that was also edited), every cell that differs is.
fn ignored_locked_edits(item: &TrackerItem, exported: u32, returned: &[String; 5]) -> Vec<usize> {
    let current = item.locked_values();
    let differ: Vec<usize> = (0..5).filter(|&i| returned[i] != current[i].trim()).collect();
    if locked_check(&returned.each_ref().map(String::as_str)) == exported {
        return Vec::new();
    }
    let mut best: Option<Vec<usize>> = None;
    for mask in 1u32..(1 << differ.len()) {
        let edited: Vec<usize> = differ.iter().enumerate().filter(|(bit, _)| mask & (1 << bit) != 0).map(|(_, &i)| i).collect();
        if best.as_ref().is_some_and(|b| b.len() <= edited.len()) {
            continue;
        }
        let guess: [&str; 5] = std::array::from_fn(|i| if edited.contains(&i) { current[i] } else { returned[i].as_str() });
        if locked_check(&guess) == exported {
            best = Some(edited);
        }
    }
    best.unwrap_or(differ)
}

impl SheetRow<'_, PlanColumn> {
    fn head(&self, c: PlanColumn) -> String {
        self.found_head(c).unwrap_or_default()
    }

    fn date(&self, c: PlanColumn, at: &Place, report: &mut ApplyReport) -> Option<NaiveDate> {
        match values::date(&self.cell(c)) {
            Ok(d) => d,
            Err((zh, en)) => {
                at.problem(report, &self.head(c), &self.text(c), zh.into(), en.into());
                None
            }
        }
    }

    /// Reasons and notes are free text, but an error value or a stray control character is
    /// not something a planner wrote.
    fn note(&self, c: PlanColumn, at: &Place, report: &mut ApplyReport) -> String {
        match values::note_text(&self.cell(c)) {
            Ok(text) => text,
            Err((zh, en)) => {
                at.problem(report, &self.head(c), &self.text(c), zh.into(), en.into());
                String::new()
            }
        }
    }
}

/// One returned plan row: which item it is, what was edited, and whether that can stand.
fn check_row(
    store: &Store,
    tracker: &Tracker,
    at: &Place,
    cells: &[Cell],
    cols: &PlanHeader,
    report: &mut ApplyReport,
    proposals: &mut Proposals,
) -> Result<()> {
    let row = PlanRow { cells, cols };
    let Some((key, item)) = row_item(store, tracker, at, &row, report)? else { return Ok(()) };
    if let Some(exported) = key.locked {
        let returned: [String; 5] = PlanColumn::LOCKED.map(|c| row.text(c));
        let current = item.locked_values();
        for i in ignored_locked_edits(&item, exported, &returned) {
            report.ignore(IgnoredEdit {
                file: at.file.clone(),
                sheet: at.sheet.clone(),
                line: at.line,
                column: row.head(PlanColumn::LOCKED[i]),
                value: returned[i].clone(),
                kept: current[i].to_string(),
            });
        }
    }
    let Some((returned, was)) = returned_fields(&row, at, report) else { return Ok(()) };
    // A due date moved outside the campaign is refused here, with its cell, not by the store later.
    if let Some(due) = returned.due.filter(|d| Some(*d) != was.due) {
        let campaign = store.campaigns().get(tracker.scope.campaign_id)?;
        if !campaign.contains(due) {
            let problem = campaign.outside();
            at.problem(report, &row.head(PlanColumn::Due), &due.to_string(), problem.zh(), problem.en());
            return Ok(());
        }
    }
    let current = Fields::of(&item);
    for (field, column) in FIELDS {
        let (r, w, c) = (returned.show(field), was.show(field), current.show(field));
        if r == w || r == c {
            continue;
        }
        if c != w {
            at.stale(report, &row.head(column), (&w, &c, &r));
            continue;
        }
        proposals.propose(&item, field, &returned, at, &row.head(column), report);
    }
    Ok(())
}

/// The row's signed key and the live item it names, when that is within this tracker's team.
fn row_item(
    store: &Store,
    tracker: &Tracker,
    at: &Place,
    row: &PlanRow<'_>,
    report: &mut ApplyReport,
) -> Result<Option<(RowKey, TrackerItem)>> {
    let key_text = row.text(PlanColumn::Key);
    // An unsigned check would let a tracker name any item by its id: the key must be signed
    // for this tracker's own campaign and team.
    let Some(key) = tracker.signer.parse_key(tracker.scope, KeyKind::PlanItem, &key_text) else {
        at.bad_key(report, &row.head(PlanColumn::Key), &key_text);
        return Ok(None);
    };
    let Some(item) = store.tracker().item(PlanItemId(key.id))? else {
        at.problem(
            report,
            &row.head(PlanColumn::Key),
            &key_text,
            "对应的服务事项已不存在（可能已被删除）".into(),
            "the plan item of this row no longer exists (it may have been deleted)".into(),
        );
        return Ok(None);
    };
    if let Some((team_id, team)) = &tracker.team {
        if item.team_id != Some(*team_id) || item.campaign_id != tracker.scope.campaign_id {
            let now = item.team.clone().unwrap_or_default();
            at.outside_team(report, (&row.head(PlanColumn::Team), &row.text(PlanColumn::Team)), &now, team, ("事项", "item"));
            return Ok(None);
        }
    }
    Ok(Some((key, item)))
}

/// The row's values as returned and as exported (the hidden columns), or None when any
/// cannot be read (each reported).
fn returned_fields(row: &PlanRow<'_>, at: &Place, report: &mut ApplyReport) -> Option<(Fields, Fields)> {
    let before = report.problem_count();
    let due = row.date(PlanColumn::Due, at, report);
    let done_on = row.date(PlanColumn::DoneOn, at, report);
    let was_due = row.date(PlanColumn::WasDue, at, report);
    let was_done = row.date(PlanColumn::WasDoneOn, at, report);
    if due.is_none() && report.problem_count() == before {
        at.problem(report, &row.head(PlanColumn::Due), "", "截止日期不能为空".into(), "the due date is required".into());
    }
    let status_text = row.text(PlanColumn::Status);
    let status = ItemStatus::from_label(&status_text);
    if status.is_none() {
        let (zh, en) = (ItemStatus::ALL.map(|s| s.label_zh()), ItemStatus::ALL.map(|s| s.label_en()));
        at.not_a_status(report, &row.head(PlanColumn::Status), &status_text, &zh, &en);
    }
    let was_status = ItemStatus::from_code(&row.text(PlanColumn::WasStatus));
    if was_status.is_none() || was_due.is_none() {
        at.was_edited(report, &row.head(PlanColumn::WasStatus), &row.text(PlanColumn::WasStatus));
    }
    let reason = row.note(PlanColumn::Reason, at, report);
    let note = row.note(PlanColumn::Note, at, report);
    if report.problem_count() > before {
        return None;
    }
    let returned = Fields { due, status, done_on, reason, note };
    let was = Fields {
        due: was_due,
        status: was_status,
        done_on: was_done,
        reason: row.text(PlanColumn::WasReason),
        note: row.text(PlanColumn::WasNote),
    };
    Some((returned, was))
}

/// The header of a tracker's achievement sheet: every column the tracker wrote must be there,
/// or a renamed amount or note column would be dropped without a word.
fn achievement_header(cells: &[Cell]) -> Vec<Label> {
    let texts: Vec<String> = cells.iter().map(values::text).collect();
    ACHIEVEMENT_COLUMNS.iter().map(|c| c.label).filter(|l| !texts.iter().any(|t| l.matches(t))).collect()
}

fn read_achievements(
    store: &Store,
    path: &Path,
    tracker: &Tracker,
    mut at: Place,
    report: &mut ApplyReport,
    returned: &mut Returned,
) -> Result<()> {
    let mut rows = AchievementRows::new(store, tracker.scope.campaign_id)?;
    rows.within_team(tracker.team.clone());
    let mut headers: Option<Vec<String>> = None;
    let mut refused = false;
    read_sheet(path, &at.sheet.clone(), &mut |line, cells| {
        at.line = line;
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        let Some(heads) = &headers else {
            let missing = achievement_header(&cells);
            if missing.is_empty() && rows.header(&cells) {
                headers = Some(cells.iter().map(values::text).collect());
                return Flow::Continue;
            }
            missing_columns(&at, report, &missing, tracker.lang);
            refused = true;
            return Flow::Stop;
        };
        let mut problems = Vec::new();
        match rows.row(store, line, &cells, &mut problems) {
            Some(input) => {
                let texts = cells.iter().map(values::text).collect();
                returned.add(tracker, &at, heads, texts, input, report);
            }
            None => {
                for problem in problems {
                    report.refuse(TrackerProblem { file: at.file.clone(), sheet: at.sheet.clone(), problem });
                }
            }
        }
        Flow::Continue
    })
    .map_err(|u| Error::Unreadable { file: at.file.clone(), zh: u.zh, en: u.en })?;
    if headers.is_none() && !refused {
        at.line = 1;
        missing_columns(&at, report, &ACHIEVEMENT_COLUMNS.map(|c| c.label), tracker.lang);
    }
    Ok(())
}

/// One achievement row as returned.
struct ReturnedRow {
    file: String,
    sheet: String,
    /// The metric column's header as the file has it, for a refusal on this row.
    metric_header: String,
    line: u64,
    cells: Vec<String>,
    input: AchievementInput,
}

/// The achievement rows of every returned file, by the export they came from. A row is known
/// by its export and its line: applied again unchanged it adds nothing, and applied again
/// corrected it replaces what it added before.
#[derive(Default)]
struct Returned {
    exports: BTreeMap<String, (CampaignId, BTreeMap<u64, ReturnedRow>)>,
}

impl Returned {
    fn add(
        &mut self,
        tracker: &Tracker,
        at: &Place,
        headers: &[String],
        cells: Vec<String>,
        input: AchievementInput,
        report: &mut ApplyReport,
    ) {
        let (_, rows) = self.exports.entry(tracker.token.clone()).or_insert_with(|| (tracker.scope.campaign_id, BTreeMap::new()));
        if let Some(earlier) = rows.get(&at.line) {
            // Two copies of one export: the same row twice counts once; different rows on the
            // same line cannot both be that line.
            if earlier.input != input {
                let i = (0..cells.len().max(earlier.cells.len())).find(|&i| cells.get(i) != earlier.cells.get(i)).unwrap_or(0);
                at.problem(
                    report,
                    headers.get(i).map_or("", String::as_str),
                    cells.get(i).map_or("", String::as_str),
                    format!("{} 是同一份跟踪表的另一副本，其第 {} 行与此处不同；请只交回一份", earlier.file, earlier.line),
                    format!(
                        "{} is another copy of the same tracker and its line {} differs from this one; send back one copy",
                        earlier.file, earlier.line
                    ),
                );
            }
            return;
        }
        let metric_header = headers.iter().find(|h| ACHIEVEMENT_COLUMNS[1].label.matches(h)).cloned().unwrap_or_default();
        rows.insert(at.line, ReturnedRow { file: at.file.clone(), sheet: at.sheet.clone(), metric_header, line: at.line, cells, input });
    }

    /// Matches each export's rows with what earlier applications of it added: a row equal to
    /// one added before is already applied, a changed row on a line that added something
    /// replaces it, and the rest are new.
    fn reconcile(&self, store: &Store, report: &mut ApplyReport) -> Result<()> {
        for (token, (campaign_id, rows)) in &self.exports {
            let mut earlier: Vec<(i64, u64, u32, AchievementInput, bool)> = store
                .tracker()
                .achievements_of(token)?
                .into_iter()
                .filter_map(|(id, source, input)| {
                    let (line, n) = source_place(token, &source)?;
                    Some((id, line, n, input, false))
                })
                .collect();
            let rows: Vec<&ReturnedRow> = rows.values().collect();
            let mut outcome: Vec<Option<Outcome>> = vec![None; rows.len()];
            // Unchanged on its own line first, then unchanged but moved (rows were sorted).
            for same_line in [true, false] {
                for (i, row) in rows.iter().enumerate() {
                    if outcome[i].is_some() {
                        continue;
                    }
                    if let Some(e) = earlier.iter_mut().find(|e| !e.4 && e.3 == row.input && (!same_line || e.1 == row.line)) {
                        e.4 = true;
                        outcome[i] = Some(Outcome::Applied);
                    }
                }
            }
            for (i, row) in rows.iter().enumerate() {
                if outcome[i].is_some() {
                    continue;
                }
                if let Some(e) = earlier.iter_mut().find(|e| !e.4 && e.1 == row.line) {
                    e.4 = true;
                    outcome[i] = Some(Outcome::Corrects(e.0, e.3.clone()));
                }
            }
            let mut next: HashMap<u64, u32> = HashMap::new();
            for (_, line, n, _, _) in &earlier {
                let top = next.entry(*line).or_insert(0);
                *top = (*top).max(*n);
            }
            for (row, outcome) in rows.iter().zip(outcome) {
                if let Some(Outcome::Corrects(_, was)) = &outcome {
                    // A correction is refused once an award counting the achievement is locked,
                    // here on its row rather than as one error when the file is applied.
                    let locked = store.achievements().locked_awards_counting(*campaign_id, &was.metric)?.into_iter().next();
                    let locked = match locked {
                        Some(award) => Some(award),
                        None => store.achievements().locked_awards_counting(*campaign_id, &row.input.metric)?.into_iter().next(),
                    };
                    if let Some(award) = locked {
                        let problem = crate::error::Problem::CountsTowardLocked { award };
                        let at = Place { file: row.file.clone(), sheet: row.sheet.clone(), line: row.line };
                        at.problem(report, &row.metric_header, &row.input.metric, problem.zh(), problem.en());
                    }
                }
                let mut achievement = NewAchievement {
                    file: row.file.clone(),
                    line: row.line,
                    input: row.input.clone(),
                    already_applied: false,
                    corrects: None,
                    campaign_id: *campaign_id,
                    source: String::new(),
                    replaces: None,
                };
                match outcome {
                    Some(Outcome::Applied) => achievement.already_applied = true,
                    Some(Outcome::Corrects(id, was)) => {
                        achievement.replaces = Some(id);
                        achievement.corrects = Some(was);
                    }
                    None => {
                        let n = next.entry(row.line).or_insert(0);
                        *n += 1;
                        achievement.source = format!("{token}:{}:{n}", row.line);
                    }
                }
                report.achievements.push(achievement);
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
enum Outcome {
    Applied,
    Corrects(i64, AchievementInput),
}

/// The line (and its sequence on that line) of an achievement source `{token}:{line}:{n}`.
fn source_place(token: &str, source: &str) -> Option<(u64, u32)> {
    let (line, n) = source.strip_prefix(token)?.strip_prefix(':')?.split_once(':')?;
    Some((line.parse().ok()?, n.parse().ok()?))
}
