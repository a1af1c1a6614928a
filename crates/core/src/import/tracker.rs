//! The way back: returned trackers (as saved by Excel, WPS or LibreOffice) read into a list of
//! changes, checked together, and applied all or nothing. An edit is a cell that differs from
//! the value the tracker was exported with (kept in hidden columns), so a stale copy never
//! overwrites newer work, and two trackers that change the same item differently are refused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::achievements::AchievementRows;
use super::cells::{read_sheet, sheet_names, Cell, Flow, Unreadable};
use super::{values, ImportProblem};
use crate::domain::awards::AchievementInput;
use crate::domain::plan::{By, ItemEdit, ItemStatus, StatusChange};
use crate::domain::tracker::{parse_key, sheet, KeyKind, Label, PlanColumn, PLAN_COLUMNS};
use crate::error::{Error, Result};
use crate::store::tracker::TrackerItem;
use crate::store::Store;

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
pub struct TrackerProblem {
    pub file: String,
    pub sheet: String,
    #[serde(flatten)]
    pub problem: ImportProblem,
}

/// One field of one plan item that a returned tracker changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackerChange {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub item_id: i64,
    pub client_code: String,
    pub item: String,
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAchievement {
    pub file: String,
    pub line: u64,
    #[serde(flatten)]
    pub input: AchievementInput,
    /// Already added by an earlier application of the same tracker: skipped.
    pub already_applied: bool,
    #[serde(skip)]
    campaign_id: i64,
    #[serde(skip)]
    source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    pub files: Vec<String>,
    pub changes: Vec<TrackerChange>,
    pub achievements: Vec<NewAchievement>,
    pub problems: Vec<TrackerProblem>,
    pub dry_run: bool,
    pub applied: bool,
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
        Fields { due: Some(item.due), status: Some(item.status), done_on: item.done_on, reason: item.reason.clone(), note: item.note.clone() }
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
        achievements: Vec::new(),
        problems: Vec::new(),
        dry_run: opts.dry_run,
        applied: false,
    };
    let mut proposals = Proposals::default();
    for path in paths {
        let file = file_name(path);
        let unreadable = |u: Unreadable| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en };
        let names = sheet_names(path).map_err(unreadable)?;
        let (token, campaign_id) = read_meta(path, &names).map_err(unreadable)?;
        let plans = find_sheet(&names, sheet::PLANS).ok_or_else(|| Error::Unreadable {
            file: file.clone(),
            zh: "找不到「一户一案」工作表：这不是 Rampart 导出的跟踪表，或表名被修改".into(),
            en: "there is no Plans (一户一案) sheet: this is not a Rampart tracker, or the sheet was renamed".into(),
        })?;
        let at = Place { file: file.clone(), sheet: plans.clone(), line: 0 };
        read_plans(store, path, at, &mut report, &mut proposals)?;
        if let Some(sheet) = find_sheet(&names, sheet::ACHIEVEMENTS) {
            let at = Place { file: file.clone(), sheet, line: 0 };
            read_achievements(store, path, at, (campaign_id, &token), &mut report)?;
        }
    }
    proposals.check_status_rules(opts.today, &mut report);
    proposals.list_changes(&mut report);
    if !report.problems.is_empty() || opts.dry_run {
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
                s.update_item(*id, &edit, &by)?;
            }
            if ["status", "done_on", "blocked_reason"].iter().any(|f| p.from.contains_key(f)) {
                let status = p.fields.status.unwrap_or(p.item.status);
                s.set_item_status(*id, status, p.fields.done_on, &p.fields.reason, &by)?;
            }
        }
        for a in report.achievements.iter().filter(|a| !a.already_applied) {
            s.add_achievement_from(a.campaign_id, &a.input, &a.source)?;
        }
        Ok(())
    })?;
    report.applied = true;
    Ok(report)
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
        report.problems.push(TrackerProblem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            problem: ImportProblem { line: self.line, column: column.into(), value: value.into(), message_zh: zh, message_en: en },
        });
    }
}

#[derive(Default)]
struct Proposals {
    by_item: HashMap<i64, Proposal>,
    order: Vec<i64>,
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
                at.problem(
                    report,
                    column,
                    &to,
                    format!("与 {} 第 {} 行对同一事项的修改（「{theirs}」）不一致，请先统一", earlier.file, earlier.line),
                    format!("conflicts with {} line {}, which changes the same item to \"{theirs}\"; agree on one first", earlier.file, earlier.line),
                );
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
            if StatusChange::new(status, p.fields.done_on, &p.fields.reason, today).is_err() {
                let column = PlanColumn::Reason.label();
                at.problem(
                    report,
                    column.zh,
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

fn read_meta(path: &Path, names: &[String]) -> std::result::Result<(String, i64), Unreadable> {
    let not_ours = || Unreadable {
        zh: "不是 Rampart 导出的跟踪表（缺少隐藏的标识表），无法识别其中的行".into(),
        en: "not a tracker exported by Rampart (its hidden identity sheet is missing), so its rows cannot be matched".into(),
    };
    if !names.iter().any(|n| n == sheet::META) {
        return Err(not_ours());
    }
    let mut meta: HashMap<String, String> = HashMap::new();
    read_sheet(path, sheet::META, &mut |_, cells| {
        if let (Some(k), Some(v)) = (cells.first(), cells.get(1)) {
            meta.insert(values::text(k), values::text(v));
        }
        Flow::Continue
    })?;
    let token = meta.get("token").cloned().filter(|t| !t.is_empty()).ok_or_else(not_ours)?;
    let campaign = meta.get("campaign").and_then(|c| c.parse().ok()).ok_or_else(not_ours)?;
    Ok((token, campaign))
}

type PlanHeader = HashMap<PlanColumn, (usize, String)>;

fn plan_header(cells: &[Cell]) -> PlanHeader {
    PLAN_COLUMNS
        .iter()
        .filter_map(|(c, col)| {
            cells.iter().enumerate().find_map(|(i, x)| {
                let text = values::text(x);
                col.label.matches(&text).then_some((*c, (i, text)))
            })
        })
        .collect()
}

fn read_plans(store: &Store, path: &Path, mut at: Place, report: &mut ApplyReport, proposals: &mut Proposals) -> Result<()> {
    let mut header: Option<PlanHeader> = None;
    let mut failure: Option<Error> = None;
    read_sheet(path, &at.sheet.clone(), &mut |line, cells| {
        at.line = line;
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        let Some(cols) = &header else {
            let found = plan_header(&cells);
            if found.len() == PLAN_COLUMNS.len() {
                header = Some(found);
            } else if found.contains_key(&PlanColumn::Key) {
                let missing: Vec<&str> =
                    PLAN_COLUMNS.iter().filter(|(c, _)| !found.contains_key(c)).map(|(_, col)| col.label.zh).collect();
                at.problem(
                    report,
                    "",
                    "",
                    format!("表头缺少列：{}（请勿删除或改名列）", missing.join("、")),
                    format!("the header is missing columns: {} (do not delete or rename columns)", missing.join(", ")),
                );
                return Flow::Stop;
            }
            return Flow::Continue;
        };
        match check_row(store, &at, &cells, cols, report, proposals) {
            Ok(()) => Flow::Continue,
            Err(e) => {
                failure = Some(e);
                Flow::Stop
            }
        }
    })
    .map_err(|u| Error::Unreadable { file: at.file.clone(), zh: u.zh, en: u.en })?;
    failure.map_or(Ok(()), Err)
}

/// One returned plan row: which item it is, what was edited, and whether that can stand.
fn check_row(store: &Store, at: &Place, cells: &[Cell], cols: &PlanHeader, report: &mut ApplyReport, proposals: &mut Proposals) -> Result<()> {
    let cell = |c: PlanColumn| cols.get(&c).and_then(|(i, _)| cells.get(*i)).cloned().unwrap_or(Cell::Empty);
    let head = |c: PlanColumn| cols.get(&c).map(|(_, h)| h.clone()).unwrap_or_default();
    let key = values::text(&cell(PlanColumn::Key));
    let Some(id) = parse_key(KeyKind::PlanItem, &key) else {
        at.problem(
            report,
            &head(PlanColumn::Key),
            &key,
            "行键被修改或无法识别（请勿修改隐藏列），此行无法对应到任何服务事项".into(),
            "the row key was edited or is not recognised (do not edit hidden columns); this row matches no plan item".into(),
        );
        return Ok(());
    };
    let Some(item) = store.tracker_item(id)? else {
        at.problem(
            report,
            &head(PlanColumn::Key),
            &key,
            "对应的服务事项已不存在（可能已被删除）".into(),
            "the plan item of this row no longer exists (it may have been deleted)".into(),
        );
        return Ok(());
    };
    let before = report.problems.len();
    let date_of = |c: PlanColumn, report: &mut ApplyReport| match values::date(&cell(c)) {
        Ok(d) => d,
        Err((zh, en)) => {
            at.problem(report, &head(c), &values::text(&cell(c)), zh.into(), en.into());
            None
        }
    };
    let due = date_of(PlanColumn::Due, report);
    let done_on = date_of(PlanColumn::DoneOn, report);
    let was_due = date_of(PlanColumn::WasDue, report);
    let was_done = date_of(PlanColumn::WasDoneOn, report);
    if due.is_none() && report.problems.len() == before {
        at.problem(report, &head(PlanColumn::Due), "", "截止日期不能为空".into(), "the due date is required".into());
    }
    let status_text = values::text(&cell(PlanColumn::Status));
    let status = ItemStatus::from_label(&status_text);
    if status.is_none() {
        let allowed: Vec<&str> = ItemStatus::ALL.iter().map(|s| s.label_zh()).collect();
        at.problem(
            report,
            &head(PlanColumn::Status),
            &status_text,
            format!("不是有效状态，请从下拉列表选择：{}", allowed.join(" / ")),
            format!("is not a status; pick one of {}", ItemStatus::ALL.map(|s| s.label_en()).join(" / ")),
        );
    }
    let was_status = ItemStatus::from_code(&values::text(&cell(PlanColumn::WasStatus)));
    if was_status.is_none() || was_due.is_none() {
        at.problem(
            report,
            &head(PlanColumn::WasStatus),
            &values::text(&cell(PlanColumn::WasStatus)),
            "隐藏的原值列被修改，无法判断哪些是新的改动".into(),
            "the hidden original-value columns were edited, so the changes cannot be told apart".into(),
        );
    }
    if report.problems.len() > before {
        return Ok(());
    }
    let returned = Fields {
        due,
        status,
        done_on,
        reason: values::text(&cell(PlanColumn::Reason)),
        note: values::text(&cell(PlanColumn::Note)),
    };
    let was = Fields {
        due: was_due,
        status: was_status,
        done_on: was_done,
        reason: values::text(&cell(PlanColumn::WasReason)),
        note: values::text(&cell(PlanColumn::WasNote)),
    };
    let current = Fields::of(&item);
    for (field, column) in FIELDS {
        let (r, w, c) = (returned.show(field), was.show(field), current.show(field));
        if r == w || r == c {
            continue;
        }
        if c != w {
            at.problem(
                report,
                &head(column),
                &r,
                format!("导出后已在 Rampart 中由「{w}」改为「{c}」，与此处的「{r}」冲突；请核对后重新导出跟踪表"),
                format!("was changed in Rampart from \"{w}\" to \"{c}\" after export, which conflicts with \"{r}\" here; check and export a fresh tracker"),
            );
            continue;
        }
        proposals.propose(&item, field, &returned, at, &head(column), report);
    }
    Ok(())
}

fn read_achievements(store: &Store, path: &Path, mut at: Place, (campaign_id, token): (i64, &str), report: &mut ApplyReport) -> Result<()> {
    let mut rows = AchievementRows::new(store, campaign_id)?;
    let mut seen: HashMap<u32, u32> = HashMap::new();
    let mut failure: Option<Error> = None;
    read_sheet(path, &at.sheet.clone(), &mut |line, cells| {
        at.line = line;
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        if !rows.has_header() {
            rows.header(&cells);
            return Flow::Continue;
        }
        let mut problems = Vec::new();
        let Some(input) = rows.row(store, line, &cells, &mut problems) else {
            report.problems.extend(problems.into_iter().map(|problem| TrackerProblem {
                file: at.file.clone(),
                sheet: at.sheet.clone(),
                problem,
            }));
            return Flow::Continue;
        };
        // The same row in the same export counts once however often the file is applied,
        // even if rows were sorted in between; identical rows count once each.
        let content: Vec<String> = cells.iter().map(values::text).collect();
        let hash = crc32fast::hash(content.join("\u{1f}").as_bytes());
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        let source = format!("{token}:{hash:08x}:{n}");
        match store.achievement_source_used(&source) {
            Ok(used) => report.achievements.push(NewAchievement {
                file: at.file.clone(),
                line,
                input,
                already_applied: used,
                campaign_id,
                source,
            }),
            Err(e) => {
                failure = Some(e);
                return Flow::Stop;
            }
        }
        Flow::Continue
    })
    .map_err(|u| Error::Unreadable { file: at.file.clone(), zh: u.zh, en: u.en })?;
    failure.map_or(Ok(()), Err)
}
