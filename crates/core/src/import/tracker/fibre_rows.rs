//! The 光纤准备 sheet of a returned tracker: each client's preparation status, its days and the
//! reason it cannot be covered. An edit is a cell that differs from the value exported (kept in
//! hidden columns); the moves are checked together with the app's own rule
//! (`FibreUpdate::validate`) and applied with the app's own write, which logs them.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::sheet_row::{each_row, SheetRow, SheetSpec};
use super::{ApplyReport, Place, Tracker};
use crate::domain::fibre::{FibreRow, FibreStatus, FibreUpdate};
use crate::domain::ids::{CampaignId, ClientId};
use crate::domain::plan::By;
use crate::domain::tracker::{FibreColumn, KeyKind, FIBRE_COLUMNS};
use crate::error::{Error, Result};
use crate::import::values;
use crate::store::Store;

/// One field of one client's fibre preparation that a returned tracker changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FibreChange {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    /// "status", "surveyed_on", "scheduled_on", "done_on" or "reason".
    pub field: &'static str,
    /// Statuses as their codes, so the UI shows them in its own language; days as YYYY-MM-DD.
    pub from: String,
    pub to: String,
}

type Row<'r> = SheetRow<'r, FibreColumn>;

impl SheetRow<'_, FibreColumn> {
    fn head(&self, c: FibreColumn) -> String {
        self.found_head(c).unwrap_or_else(|| c.label().zh.to_string())
    }
}

/// A preparation's fields as text, in `FibreColumn::FIELDS` order: the status as its code.
type Fields = [String; 5];
const NAMES: [&str; 5] = ["status", "surveyed_on", "scheduled_on", "done_on", "reason"];

fn fields_of(r: &FibreRow) -> Fields {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    [r.status.code().to_string(), day(r.surveyed_on), day(r.scheduled_on), day(r.done_on), r.reason.trim().to_string()]
}

fn update_of(f: &Fields) -> FibreUpdate {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    FibreUpdate {
        status: FibreStatus::parse(&f[0]).unwrap_or(FibreStatus::ToSurvey),
        reason: f[4].clone(),
        surveyed_on: day(&f[1]),
        scheduled_on: day(&f[2]),
        done_on: day(&f[3]),
    }
}

/// A client's proposed fields and the row that set each changed one.
struct Proposal {
    campaign_id: CampaignId,
    current: FibreRow,
    fields: Fields,
    from: [Option<Place>; 5],
    /// The fields' column headers as the returned file has them.
    heads: [String; 5],
}

#[derive(Default)]
pub(super) struct FibreProposals {
    by_client: HashMap<ClientId, Proposal>,
    order: Vec<ClientId>,
}

pub(super) fn read_fibre(
    store: &Store,
    path: &Path,
    tracker: &Tracker,
    mut at: Place,
    report: &mut ApplyReport,
    proposals: &mut FibreProposals,
) -> Result<()> {
    let needed: Vec<FibreColumn> = FIBRE_COLUMNS.iter().map(|(c, _)| *c).filter(|c| c.hidden() || c.editable()).collect();
    let spec = SheetSpec { columns: &FIBRE_COLUMNS, needed: &needed, legacy: |_| false, header_required: false };
    each_row(path, &mut at, &spec, tracker.lang, report, &mut |at, row, report| check_row(store, tracker, at, row, report, proposals))
}

/// The row's fields as returned (`open`) or exported (`was`), or None when any cannot be read.
fn read_fields(row: &Row<'_>, at: &Place, report: &mut ApplyReport, was: bool) -> Option<Fields> {
    let before = report.problem_count();
    let mut out: Fields = Default::default();
    for (i, (open, hidden)) in FibreColumn::FIELDS.into_iter().enumerate() {
        let c = if was { hidden } else { open };
        let cell = row.cell(c);
        out[i] = if c.is_date() {
            match values::date(&cell) {
                Ok(d) => d.map(|d| d.to_string()).unwrap_or_default(),
                Err((zh, en)) if !was => {
                    at.problem(report, &row.head(c), &row.text(c), zh.into(), en.into());
                    continue;
                }
                Err(_) => {
                    at.was_edited(report, &row.head(c), &row.text(c));
                    continue;
                }
            }
        } else if i == 0 {
            let text = row.text(c);
            let status = if was { FibreStatus::ALL.into_iter().find(|s| s.code() == text) } else { FibreStatus::parse(&text) };
            match status {
                Some(s) => s.code().to_string(),
                None if was => {
                    at.was_edited(report, &row.head(c), &text);
                    continue;
                }
                None => {
                    let (zh, en) = (FibreStatus::ALL.map(|s| s.label_zh()), FibreStatus::ALL.map(|s| s.label_en()));
                    at.not_a_status(report, &row.head(c), &text, &zh, &en);
                    continue;
                }
            }
        } else {
            match values::note_text(&cell) {
                Ok(t) => t,
                Err((zh, en)) => {
                    at.problem(report, &row.head(c), &row.text(c), zh.into(), en.into());
                    continue;
                }
            }
        };
    }
    (report.problem_count() == before).then_some(out)
}

fn check_row(
    store: &Store,
    tracker: &Tracker,
    at: &Place,
    row: &Row<'_>,
    report: &mut ApplyReport,
    proposals: &mut FibreProposals,
) -> Result<()> {
    use FibreColumn as C;
    let key_text = row.text(C::Key);
    if key_text.is_empty() {
        if FibreColumn::FIELDS.iter().any(|(open, _)| !row.cell(*open).is_blank()) {
            at.problem(
                report,
                &row.head(C::Key),
                "",
                "此行没有行键：光纤准备清单由 Rampart 按高风险且无光纤的目标客户生成，不能在跟踪表中新增".into(),
                "this row has no key: the fibre list is Rampart's high-risk targets without fibre, and cannot be added to in a tracker"
                    .into(),
            );
        }
        return Ok(());
    }
    let Some(key) = tracker.signer.parse_key(tracker.scope, KeyKind::Fibre, &key_text) else {
        at.bad_key(report, &row.head(C::Key), &key_text);
        return Ok(());
    };
    let current = match store.fibre().get(tracker.scope.campaign_id, ClientId(key.id)) {
        Ok(r) => r,
        Err(Error::Validation(_) | Error::NotFound { .. }) => {
            let (zh, en) = (
                "此客户已不在光纤准备清单上（已有光纤，或已不是高风险目标客户）",
                "this client is no longer on the fibre list (it has fibre now, or is no longer a high-risk target)",
            );
            at.problem(report, &row.head(C::ClientCode), &row.text(C::ClientCode), zh.into(), en.into());
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    if let Some((team_id, team)) = &tracker.team {
        if current.team_id != Some(*team_id) {
            let now = current.team_name.clone();
            at.outside_team(report, (&row.head(C::Team), &row.text(C::Team)), &now, team, ("客户", "client"));
            return Ok(());
        }
    }
    let (Some(returned), Some(was)) = (read_fields(row, at, report, false), read_fields(row, at, report, true)) else { return Ok(()) };
    let now = fields_of(&current);
    let show = |i: usize, v: &str| match FibreStatus::parse(v) {
        Some(s) if i == 0 => s.label_zh().to_string(),
        _ => v.to_string(),
    };
    for (i, (column, _)) in FibreColumn::FIELDS.into_iter().enumerate() {
        let (r, w, c) = (&returned[i], &was[i], &now[i]);
        if r == w || r == c {
            continue;
        }
        if c != w {
            at.stale(report, &row.head(column), (&show(i, w), &show(i, c), &show(i, r)));
            continue;
        }
        let heads = FibreColumn::FIELDS.map(|(open, _)| row.head(open));
        proposals.propose((tracker.scope.campaign_id, &current), i, r, at, heads, report);
    }
    Ok(())
}

impl FibreProposals {
    fn propose(
        &mut self,
        (campaign_id, current): (CampaignId, &FibreRow),
        i: usize,
        to: &str,
        at: &Place,
        heads: [String; 5],
        report: &mut ApplyReport,
    ) {
        let p = self.by_client.entry(current.client_id).or_insert_with(|| {
            self.order.push(current.client_id);
            Proposal { campaign_id, current: current.clone(), fields: fields_of(current), from: Default::default(), heads: heads.clone() }
        });
        if let Some(earlier) = &p.from[i] {
            if p.fields[i] != to {
                at.conflict(report, &heads[i], to, earlier, &p.fields[i], ("客户的光纤准备", "client's fibre preparation"));
            }
            return;
        }
        p.fields[i] = to.to_string();
        p.from[i] = Some(at.clone());
    }

    /// Each client's fields together, by the app's rule, with each problem on a changed cell.
    pub(super) fn check(&self, today: NaiveDate, report: &mut ApplyReport) {
        for id in &self.order {
            let p = &self.by_client[id];
            let Err(Error::Validation(errors)) = update_of(&p.fields).validate(today) else { continue };
            let first = p.from.iter().flatten().next();
            for e in errors {
                let Some(i) = NAMES.iter().position(|n| *n == e.field) else { continue };
                let Some(at) = p.from[i].as_ref().or(first) else { continue };
                at.problem(report, &p.heads[i], &p.fields[i], e.problem.zh(), e.problem.en());
            }
        }
    }

    pub(super) fn list_changes(&self, report: &mut ApplyReport) {
        for id in &self.order {
            let p = &self.by_client[id];
            let now = fields_of(&p.current);
            for (i, at) in p.from.iter().enumerate() {
                let Some(at) = at else { continue };
                report.fibre_changes.push(FibreChange {
                    file: at.file.clone(),
                    sheet: at.sheet.clone(),
                    line: at.line,
                    client_id: p.current.client_id,
                    client_code: p.current.code.clone(),
                    client: p.current.name.clone(),
                    field: NAMES[i],
                    from: now[i].clone(),
                    to: p.fields[i].clone(),
                });
            }
        }
    }

    /// Applies every client's move with the app's own write (inside the caller's transaction).
    pub(super) fn apply(&self, store: &Store, today: NaiveDate, by: &By) -> Result<()> {
        for id in &self.order {
            let p = &self.by_client[id];
            store.fibre().set(p.campaign_id, *id, &update_of(&p.fields), today, by)?;
        }
        Ok(())
    }
}
