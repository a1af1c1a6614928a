//! The 待走访 sheet of a returned tracker: a row with its visit filled in is a visit to record.
//! The row is known by the export's token and its signed key (client and due day), so the same
//! tracker applied again records nothing twice, and a row changed since corrects its visit.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::sheet_row::{each_row, SheetRow, SheetSpec};
use super::{ApplyReport, Place, Tracker};
use crate::domain::ids::{CampaignId, ClientId};
use crate::domain::plan::By;
use crate::domain::tracker::{VisitColumn, VISIT_COLUMNS};
use crate::domain::visit::VisitInput;
use crate::error::{Error, Result};
use crate::import::values;
use crate::store::Store;

/// A visit a returned tracker records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct TrackerVisit {
    pub file: String,
    pub sheet: String,
    pub line: u64,
    pub client_id: ClientId,
    pub client_code: String,
    pub client: String,
    /// The day the visit was due by.
    pub due: NaiveDate,
    #[serde(flatten)]
    pub input: VisitInput,
    /// Recorded by an earlier application of the same tracker: skipped.
    pub already_applied: bool,
    /// What an earlier application of this row recorded, which this row corrects.
    pub corrects: Option<VisitInput>,
    #[serde(skip)]
    campaign_id: CampaignId,
    #[serde(skip)]
    tracker_row: String,
    #[serde(skip)]
    replaces: Option<i64>,
}

type Row<'r> = SheetRow<'r, VisitColumn>;

impl SheetRow<'_, VisitColumn> {
    fn head(&self, c: VisitColumn) -> String {
        self.found_head(c).unwrap_or_else(|| c.label().zh.to_string())
    }
}

/// The visits of every returned file, by the row they came from.
#[derive(Default)]
pub(super) struct VisitRows {
    by_row: BTreeMap<String, TrackerVisit>,
}

pub(super) fn read_visits(
    store: &Store,
    path: &Path,
    tracker: &Tracker,
    mut at: Place,
    today: NaiveDate,
    report: &mut ApplyReport,
    rows: &mut VisitRows,
) -> Result<()> {
    let campaign = store.campaigns().get(tracker.scope.campaign_id)?;
    let needed =
        [VisitColumn::Key, VisitColumn::VisitedOn, VisitColumn::Met, VisitColumn::Needs, VisitColumn::Competitors, VisitColumn::NextSteps];
    let spec = SheetSpec { columns: &VISIT_COLUMNS, needed: &needed, legacy: |_| false, header_required: false };
    each_row(path, &mut at, &spec, tracker.lang, report, &mut |at, row, report| {
        if let Some(visit) = read_row(store, tracker, at, row, (today, (campaign.start_date, campaign.end_date)), report)? {
            rows.add(visit, at, row, report);
        }
        Ok(())
    })
}

/// The visit a row records, or None when it records none or has problems (each reported).
fn read_row(
    store: &Store,
    tracker: &Tracker,
    at: &Place,
    row: &Row<'_>,
    (today, campaign): (NaiveDate, (NaiveDate, NaiveDate)),
    report: &mut ApplyReport,
) -> Result<Option<TrackerVisit>> {
    use VisitColumn as C;
    if C::OPEN.iter().all(|c| row.cell(*c).is_blank()) {
        return Ok(None);
    }
    let key_text = row.text(C::Key);
    if key_text.is_empty() {
        at.problem(
            report,
            &row.head(C::Key),
            "",
            "此行没有行键：待走访只列 Rampart 排出的走访；其他走访请在 Rampart 中记录".into(),
            "this row has no key: the sheet lists the visits Rampart scheduled; record other visits in Rampart".into(),
        );
        return Ok(None);
    }
    let Some((client_id, due)) = tracker.signer.parse_visit_key(tracker.scope, &key_text) else {
        at.bad_key(report, &row.head(C::Key), &key_text);
        return Ok(None);
    };
    let client = match store.clients().get(ClientId(client_id)) {
        Ok(c) if c.campaign_ids.contains(&tracker.scope.campaign_id) => c,
        Ok(_) | Err(Error::NotFound { .. }) => {
            let (zh, en) = ("此客户已不是本活动的目标客户", "this client is no longer a target of the campaign");
            at.problem(report, &row.head(C::ClientCode), &row.text(C::ClientCode), zh.into(), en.into());
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if let Some((team_id, team)) = &tracker.team {
        if client.row.team_id != Some(*team_id) {
            let now = client.row.team.clone().unwrap_or_default();
            at.outside_team(report, (&row.head(C::Team), &row.text(C::Team)), &now, team, ("走访", "visit"));
            return Ok(None);
        }
    }
    let before = report.problem_count();
    let visited_on = match values::date(&row.cell(C::VisitedOn)) {
        Ok(Some(day)) => Some(day),
        Ok(None) => {
            let (zh, en) = ("请填写走访日期", "the visit date is required");
            at.problem(report, &row.head(C::VisitedOn), "", zh.into(), en.into());
            None
        }
        Err((zh, en)) => {
            at.problem(report, &row.head(C::VisitedOn), &row.text(C::VisitedOn), zh.into(), en.into());
            None
        }
    };
    let mut text = |c: VisitColumn| match values::note_text(&row.cell(c)) {
        Ok(t) => t,
        Err((zh, en)) => {
            at.problem(report, &row.head(c), &row.text(c), zh.into(), en.into());
            String::new()
        }
    };
    let (met, needs, competitors, next_steps) = (text(C::Met), text(C::Needs), text(C::Competitors), text(C::NextSteps));
    let Some(visited_on) = visited_on else { return Ok(None) };
    if report.problem_count() > before {
        return Ok(None);
    }
    let input = VisitInput { visited_on, met, needs, competitors, next_steps, request: None };
    let input = match input.validate(today, campaign) {
        Ok(input) => input,
        Err(Error::Validation(fields)) => {
            for f in fields {
                let column = match f.field.as_str() {
                    "visited_on" => C::VisitedOn,
                    "met" => C::Met,
                    "needs" => C::Needs,
                    "competitors" => C::Competitors,
                    _ => C::NextSteps,
                };
                at.problem(report, &row.head(column), &row.text(column), f.problem.zh(), f.problem.en());
            }
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    Ok(Some(TrackerVisit {
        file: at.file.clone(),
        sheet: at.sheet.clone(),
        line: at.line,
        client_id: ClientId(client_id),
        client_code: client.row.code.clone(),
        client: client.row.name.clone(),
        due,
        input,
        already_applied: false,
        corrects: None,
        campaign_id: tracker.scope.campaign_id,
        tracker_row: format!("{}:{}", tracker.token, key_text.trim()),
        replaces: None,
    }))
}

impl VisitRows {
    /// Two copies of one tracker may return the same row; they must agree.
    fn add(&mut self, visit: TrackerVisit, at: &Place, row: &Row<'_>, report: &mut ApplyReport) {
        if let Some(earlier) = self.by_row.get(&visit.tracker_row) {
            if earlier.input != visit.input {
                let place = Place { file: earlier.file.clone(), sheet: earlier.sheet.clone(), line: earlier.line };
                let theirs = earlier.input.visited_on.to_string();
                let column = row.head(VisitColumn::VisitedOn);
                at.conflict(report, &column, &visit.input.visited_on.to_string(), &place, &theirs, ("走访", "visit"));
            }
            return;
        }
        self.by_row.insert(visit.tracker_row.clone(), visit);
    }

    /// Each row against what earlier applications of its tracker recorded, into the report.
    pub(super) fn reconcile(self, store: &Store, report: &mut ApplyReport) -> Result<()> {
        for (_, mut visit) in self.by_row {
            if let Some((id, earlier)) = store.visits().from_tracker_row(&visit.tracker_row)? {
                let same = VisitInput { request: earlier.request, ..visit.input.clone() } == earlier;
                if same {
                    visit.already_applied = true;
                } else {
                    visit.replaces = Some(id);
                    visit.corrects = Some(earlier);
                }
            }
            report.visits.push(visit);
        }
        report.visits.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Ok(())
    }
}

/// Records (or corrects) the report's visits, inside the caller's transaction.
pub(super) fn apply(store: &Store, report: &ApplyReport, today: NaiveDate, by: &By) -> Result<()> {
    for v in report.visits.iter().filter(|v| !v.already_applied) {
        match v.replaces {
            Some(id) => {
                store.visits().correct(id, &v.input, today, by)?;
            }
            None => {
                store.visits().record_from_tracker(v.campaign_id, v.client_id, &v.input, today, &v.tracker_row, by)?;
            }
        }
    }
    Ok(())
}
