//! The 预警 sheet of a returned tracker: each warning's status and note as the account manager
//! left them. An edit is a cell that differs from the value exported (kept in hidden columns);
//! each is checked with the app's own workflow (`WarningStatus::check_change`) and applied with
//! the app's own writes, so the warning log names who changed what.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::sheet_row::{each_row, SheetRow, SheetSpec};
use super::{ApplyReport, Place, Tracker};
use crate::domain::ids::WarningId;
use crate::domain::plan::By;
use crate::domain::tracker::{KeyKind, WarningColumn, WARNING_COLUMNS};
use crate::domain::warning::{Warning, WarningStatus};
use crate::error::{Error, Result};
use crate::import::values;
use crate::store::Store;

/// One field (status or note) of one warning that a returned tracker changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct WarningChange {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub warning_id: WarningId,
    pub contract: String,
    pub client_code: String,
    /// "status" or "note".
    pub field: &'static str,
    /// Statuses as their codes, so the UI shows them in its own language.
    pub from: String,
    pub to: String,
}

/// A warning's returned status and note, each with the row that set it.
struct Proposal {
    warning: Warning,
    status: Option<(WarningStatus, Place)>,
    note: Option<(String, Place)>,
}

#[derive(Default)]
pub(super) struct WarningProposals {
    by_id: HashMap<WarningId, Proposal>,
    order: Vec<WarningId>,
}

type Row<'r> = SheetRow<'r, WarningColumn>;

/// The columns the way back needs; the rest only say which row is which.
const NEEDED: [WarningColumn; 5] =
    [WarningColumn::Key, WarningColumn::Status, WarningColumn::Note, WarningColumn::WasStatus, WarningColumn::WasNote];

impl SheetRow<'_, WarningColumn> {
    fn head(&self, c: WarningColumn) -> String {
        self.found_head(c).unwrap_or_else(|| c.label().zh.to_string())
    }
}

pub(super) fn read_warnings(
    store: &Store,
    path: &Path,
    tracker: &Tracker,
    mut at: Place,
    today: NaiveDate,
    report: &mut ApplyReport,
    proposals: &mut WarningProposals,
) -> Result<()> {
    let spec = SheetSpec {
        columns: &WARNING_COLUMNS,
        needed: &NEEDED,
        // A tracker written before warnings could be returned has none of the hidden
        // columns: its sheet was for reading only, and holds no edits to apply.
        legacy: |found| {
            let missing = NEEDED.iter().filter(|c| !found.contains_key(c)).count();
            missing == NEEDED.len() - 2 && !found.contains_key(&WarningColumn::Key)
        },
        header_required: false,
    };
    each_row(path, &mut at, &spec, tracker.lang, report, &mut |at, row, report| {
        check_row(store, tracker, at, SheetRow { cells: row.cells, cols: row.cols }, today, report, proposals)
    })
}

fn check_row(
    store: &Store,
    tracker: &Tracker,
    at: &Place,
    row: Row<'_>,
    today: NaiveDate,
    report: &mut ApplyReport,
    proposals: &mut WarningProposals,
) -> Result<()> {
    use WarningColumn as C;
    let key_text = row.text(C::Key);
    if key_text.is_empty() {
        // The "no warnings" line, or a row typed in: only a row with a status or note is an edit.
        if !row.text(C::Status).is_empty() || !row.text(C::Note).is_empty() {
            at.problem(
                report,
                &row.head(C::Key),
                "",
                "此行没有行键：预警只由账单快照产生，不能在跟踪表中新增".into(),
                "this row has no key: warnings come from billing snapshots and cannot be added in a tracker".into(),
            );
        }
        return Ok(());
    }
    let Some(key) = tracker.signer.parse_key(tracker.scope, KeyKind::Warning, &key_text) else {
        at.bad_key(report, &row.head(C::Key), &key_text);
        return Ok(());
    };
    let id = WarningId(key.id);
    let Some((campaign_id, team_id)) = store.warnings().scope_of(id)? else {
        at.problem(report, &row.head(C::Key), &key_text, "对应的预警已不存在".into(), "the warning of this row no longer exists".into());
        return Ok(());
    };
    let warning = store.warnings().get(id, today)?;
    let outside_team = tracker.team.as_ref().is_some_and(|(team, _)| team_id != Some(*team));
    if campaign_id != tracker.scope.campaign_id || outside_team {
        let team = tracker.team.as_ref().map_or("", |(_, name)| name.as_str());
        let now = warning.team.clone().unwrap_or_default();
        at.outside_team(report, (&row.head(C::Team), &row.text(C::Team)), &now, team, ("预警", "warning"));
        return Ok(());
    }

    let before = report.problem_count();
    let status_text = row.text(C::Status);
    let status = WarningStatus::from_label(&status_text);
    if status.is_none() {
        let (zh, en) = (WarningStatus::ALL.map(|s| s.label_zh()), WarningStatus::ALL.map(|s| s.label_en()));
        at.not_a_status(report, &row.head(C::Status), &status_text, &zh, &en);
    }
    let was_status = WarningStatus::from_code(&row.text(C::WasStatus));
    if was_status.is_none() {
        at.was_edited(report, &row.head(C::WasStatus), &row.text(C::WasStatus));
    }
    let note = match values::note_text(&row.cell(C::Note)) {
        Ok(text) => text,
        Err((zh, en)) => {
            at.problem(report, &row.head(C::Note), &row.text(C::Note), zh.into(), en.into());
            String::new()
        }
    };
    let (Some(status), Some(was_status)) = (status, was_status) else { return Ok(()) };
    if report.problem_count() > before {
        return Ok(());
    }
    let was_note = row.text(C::WasNote);
    let fields: [(&'static str, C, String, String, String); 2] = [
        ("status", C::Status, status.code().into(), was_status.code().into(), warning.status.code().into()),
        ("note", C::Note, note.clone(), was_note, warning.note.trim().to_string()),
    ];
    for (field, column, returned, was, current) in fields {
        if returned == was || returned == current {
            continue;
        }
        if current != was {
            let show = |v: &str| {
                if field == "status" {
                    WarningStatus::from_code(v).map_or(v, |s| s.label_zh()).to_string()
                } else {
                    v.to_string()
                }
            };
            let (w, c, r) = (show(&was), show(&current), show(&returned));
            at.stale(report, &row.head(column), (&w, &c, &r));
            continue;
        }
        proposals.propose(&warning, field, (status, &note), at, &row.head(column), report);
    }
    Ok(())
}

impl WarningProposals {
    /// Records that `at` sets `field` of `warning`, unless another file already set it to
    /// something else.
    fn propose(
        &mut self,
        warning: &Warning,
        field: &'static str,
        (status, note): (WarningStatus, &str),
        at: &Place,
        column: &str,
        report: &mut ApplyReport,
    ) {
        let p = self.by_id.entry(warning.id).or_insert_with(|| {
            self.order.push(warning.id);
            Proposal { warning: warning.clone(), status: None, note: None }
        });
        let earlier = match field {
            "status" => p.status.as_ref().map(|(s, place)| (s.label_zh().to_string(), place, status.label_zh().to_string())),
            _ => p.note.as_ref().map(|(n, place)| (n.clone(), place, note.to_string())),
        };
        if let Some((theirs, place, to)) = earlier {
            if theirs != to {
                at.conflict(report, column, &to, place, &theirs, ("预警", "warning"));
            }
            return;
        }
        match field {
            "status" => p.status = Some((status, at.clone())),
            _ => p.note = Some((note.to_string(), at.clone())),
        }
    }

    /// The app's workflow, move by move: the moves it allows, and a reason written in this
    /// return's note for a warning marked lost (the app asks for it in the move itself).
    pub(super) fn check(&self, store: &Store, report: &mut ApplyReport) -> Result<()> {
        for id in &self.order {
            let p = &self.by_id[id];
            let Some((to, at)) = &p.status else { continue };
            let note = p.note.as_ref().map_or("", |(n, _)| n.as_str());
            let checked = p.warning.status.check_change(*to, note);
            if checked.is_ok() && to.is_open() && !p.warning.status.is_open() && store.warnings().has_open_twin(*id)? {
                at.problem(
                    report,
                    WarningColumn::Status.label().zh,
                    to.label_zh(),
                    "此合同已有一条同类的未结预警，不能重新打开这一条；请在那条预警上跟进".into(),
                    "this contract already has an open warning of the same kind, so this one cannot be reopened; follow up on that one"
                        .into(),
                );
                continue;
            }
            let Err(Error::Validation(fields)) = checked else { continue };
            let (from, to) = (p.warning.status, *to);
            for f in fields {
                if f.field == "note" {
                    let at = p.note.as_ref().map_or(at, |(_, place)| place);
                    at.problem(
                        report,
                        WarningColumn::Note.label().zh,
                        note,
                        "标为「已流失」时须在本次交回的说明中写明原因".into(),
                        "a warning marked Lost must say why in the note sent back with it".into(),
                    );
                } else {
                    let zh: Vec<&str> = from.next().iter().map(|s| s.label_zh()).collect();
                    let en: Vec<&str> = from.next().iter().map(|s| s.label_en()).collect();
                    at.problem(
                        report,
                        WarningColumn::Status.label().zh,
                        to.label_zh(),
                        format!("不能从「{}」改为「{}」：只能改为 {}", from.label_zh(), to.label_zh(), zh.join("、")),
                        format!("cannot go from {} to {}: only to {}", from.label_en(), to.label_en(), en.join(", ")),
                    );
                }
            }
        }
        Ok(())
    }

    pub(super) fn list_changes(&self, report: &mut ApplyReport) {
        for id in &self.order {
            let p = &self.by_id[id];
            let w = &p.warning;
            let change = |field, at: &Place, from: String, to: String| WarningChange {
                file: at.file.clone(),
                sheet: at.sheet.clone(),
                line: at.line,
                warning_id: w.id,
                contract: w.contract.clone(),
                client_code: w.client_code.clone(),
                field,
                from,
                to,
            };
            if let Some((to, at)) = &p.status {
                report.warning_changes.push(change("status", at, w.status.code().into(), to.code().into()));
            }
            if let Some((note, at)) = &p.note {
                report.warning_changes.push(change("note", at, w.note.clone(), note.clone()));
            }
        }
    }

    /// Applies every change with the app's own writes (inside the caller's transaction).
    pub(super) fn apply(&self, store: &Store, today: NaiveDate, by: &By) -> Result<()> {
        for id in &self.order {
            let p = &self.by_id[id];
            let note = p.note.as_ref().map(|(n, _)| n.as_str());
            if let Some((to, _)) = &p.status {
                store.warnings().set_status(*id, *to, note.unwrap_or(""), today, by)?;
            }
            // A move writes a non-empty note itself; a note alone, or one cleared, is its own step.
            if let Some(note) = note.filter(|n| p.status.is_none() || n.is_empty()) {
                store.warnings().set_note(*id, note, today, by)?;
            }
        }
        Ok(())
    }
}
