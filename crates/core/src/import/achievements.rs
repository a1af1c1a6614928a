//! Achievements from planners' files (日期, 指标, 团队, 人员, 数量, 金额, 客户编码, 行业, 说明), read
//! with the same tolerance and the same all-or-nothing rule as the client import. Each row
//! passes the same checks as the form (`domain::achievement`), reported on its line and column.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::cells::{read_rows, Cell, Flow};
use super::header::find_columns;
use super::{values, ImportProblem};
use crate::domain::achievement::AchievementRules;
use crate::domain::awards::AchievementInput;
use crate::domain::ids::{CampaignId, PersonId, TeamId};
use crate::domain::limits;
use crate::error::{Error, Problem, Result};
use crate::money::Money;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Metric,
    Team,
    Person,
    Quantity,
    Amount,
    ClientCode,
    Industry,
    Note,
}

const COLUMNS: [(Column, &[&str]); 9] = [
    (Column::Date, &["日期", "达成日期", "date"]),
    (Column::Metric, &["指标", "metric"]),
    (Column::Team, &["团队", "team"]),
    (Column::Person, &["人员", "姓名", "person"]),
    (Column::Quantity, &["数量", "quantity"]),
    (Column::Amount, &["金额", "金额(元)", "amount"]),
    (Column::ClientCode, &["客户编码", "client_code", "client code"]),
    (Column::Industry, &["行业", "industry"]),
    (Column::Note, &["说明", "备注", "note"]),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AchievementReport {
    pub file: String,
    /// The sheet that was read; None for CSV and text.
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub added: u64,
    pub problems: Vec<ImportProblem>,
    pub dry_run: bool,
    pub written: bool,
}

fn header_map(cells: &[Cell]) -> Option<Vec<(usize, Column, String)>> {
    let found = find_columns(cells, &COLUMNS);
    let has = |c: Column| found.iter().any(|(_, f, _)| *f == c);
    (has(Column::Date) && has(Column::Metric) && (has(Column::Team) || has(Column::Person))).then_some(found)
}

/// Reads achievement rows under a header it finds itself; shared by the achievement import and
/// the 新增业绩 sheet of a returned tracker.
pub(crate) struct AchievementRows {
    /// What every row is checked against, as the form's achievements are.
    rules: AchievementRules,
    teams: HashMap<String, TeamId>,
    people: HashMap<String, (PersonId, Option<TeamId>)>,
    columns: Option<Vec<(usize, Column, String)>>,
    /// A team's tracker credits only that team and its people: (id, name).
    team_scope: Option<(TeamId, String)>,
}

impl AchievementRows {
    pub(crate) fn new(store: &Store, campaign_id: CampaignId) -> Result<AchievementRows> {
        Ok(AchievementRows {
            rules: store.achievements().rules(campaign_id)?,
            teams: store.org().teams()?.into_iter().map(|t| (t.name, t.id)).collect(),
            people: store.org().people()?.into_iter().map(|p| (p.name, (p.id, p.team_id))).collect(),
            columns: None,
            team_scope: None,
        })
    }

    /// Refuses rows that credit another team or a person outside `team`.
    pub(crate) fn within_team(&mut self, team: Option<(TeamId, String)>) {
        self.team_scope = team;
    }

    /// Takes `cells` as the header if none was found yet and they are one; true if so.
    pub(crate) fn header(&mut self, cells: &[Cell]) -> bool {
        if self.columns.is_none() {
            self.columns = header_map(cells);
            return self.columns.is_some();
        }
        false
    }

    pub(crate) fn has_header(&self) -> bool {
        self.columns.is_some()
    }

    /// One row as an achievement, or its problems added to `problems`.
    pub(crate) fn row(&self, store: &Store, line: u64, cells: &[Cell], problems: &mut Vec<ImportProblem>) -> Option<AchievementInput> {
        let cols = self.columns.as_ref()?;
        let before = problems.len();
        let mut row = RowCheck { line, cells, cols, problems };
        let metric_text = row.get(Column::Metric).map(|(cell, header)| (row.read(&cell, &header, values::line_text), cell, header));
        let person_text = row.text(Column::Person, values::line_text);
        let team_text = row.text(Column::Team, values::line_text);
        let code_text = row.text(Column::ClientCode, values::client_code);
        let industry = row.text(Column::Industry, values::line_text).map(|(t, _)| t);
        let note = row.text(Column::Note, values::note_text).map(|(t, _)| t).unwrap_or_default();
        let date = row.date();
        // A refused metric was reported above; an empty one is "not a metric" below.
        let metric = metric_text
            .filter(|(t, cell, _)| t.is_some() || cell.is_blank())
            .and_then(|(text, _, header)| self.metric(&mut row, text.unwrap_or_default(), &header));
        let person = person_text
            .and_then(|(name, header)| row.known(self.people.get(&name).copied(), &header, &name, "找不到此人员", "no such person"));
        let team =
            team_text.and_then(|(name, header)| row.known(self.teams.get(&name).copied(), &header, &name, "找不到此团队", "no such team"));
        self.check_scope(&mut row, team, person);
        let quantity = row.quantity();
        let amount = row.amount();
        let client = code_text.and_then(|(code, header)| {
            let found = store.clients().id_by_code(&code).ok().flatten();
            row.known(found, &header, &code, "找不到此客户编码", "no such client code")
        });
        if person.is_none() && team.is_none() && row.problems.len() == before {
            let header = row.get(Column::Person).or_else(|| row.get(Column::Team)).map(|(_, h)| h).unwrap_or_default();
            row.problem(&header, "", "团队和人员至少填写一项".into(), "needs a team or a person".into());
        }
        if row.problems.len() > before {
            return None;
        }
        let input = AchievementInput {
            date: date?,
            metric: metric?,
            team_id: team,
            person_id: person.map(|p| p.0),
            quantity,
            amount,
            client_id: client,
            industry,
            note,
        };
        let checked = store.achievements().named(&input).and_then(|named| self.rules.check(&input, &named));
        match checked {
            Ok(input) => Some(input),
            Err(Error::Validation(fields)) => {
                for f in fields {
                    row.field_problem(&f.field, &f.problem);
                }
                None
            }
            Err(other) => {
                // A database failure while reading names: reported on the row, the import writes nothing.
                row.problem("", "", other.message_zh(), other.message_en());
                None
            }
        }
    }

    /// The metric's code, given its code or its name.
    fn metric(&self, row: &mut RowCheck<'_>, text: String, header: &str) -> Option<String> {
        let metrics = &self.rules.metrics;
        let found = metrics.iter().find(|(code, name)| *code == text || *name == text).map(|(code, _)| code.clone());
        if found.is_none() {
            let known = metrics.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("、");
            row.problem(header, &text, format!("不是本活动的指标（可用：{known}）"), format!("is not a metric of this campaign ({known})"));
        }
        found
    }

    /// A team's tracker may credit only that team and its people.
    fn check_scope(&self, row: &mut RowCheck<'_>, team: Option<TeamId>, person: Option<(PersonId, Option<TeamId>)>) {
        let Some((scope, scope_name)) = &self.team_scope else { return };
        if let (Some(id), Some((cell, header))) = (team, row.get(Column::Team)) {
            if id != *scope {
                row.problem(
                    &header,
                    &values::text(&cell),
                    format!("本跟踪表属于「{scope_name}」，不能为其他团队登记业绩"),
                    format!("this tracker is {scope_name}'s; it cannot credit another team"),
                );
            }
        }
        if let (Some((_, team_of)), Some((cell, header))) = (person, row.get(Column::Person)) {
            if team_of != Some(*scope) {
                row.problem(
                    &header,
                    &values::text(&cell),
                    format!("此人员不属于「{scope_name}」，本跟踪表不能为其登记业绩"),
                    format!("is not in {scope_name}, so this tracker cannot credit them"),
                );
            }
        }
    }
}

/// One row being read: its cells, where the columns are, and the problems found so far.
struct RowCheck<'r> {
    line: u64,
    cells: &'r [Cell],
    cols: &'r [(usize, Column, String)],
    problems: &'r mut Vec<ImportProblem>,
}

impl RowCheck<'_> {
    /// The cell under `column` and the header the file gave it, when the file has that column.
    fn get(&self, column: Column) -> Option<(Cell, String)> {
        self.cols.iter().find(|(_, f, _)| *f == column).map(|(i, _, h)| (self.cells.get(*i).cloned().unwrap_or(Cell::Empty), h.clone()))
    }

    fn problem(&mut self, column: &str, value: &str, zh: String, en: String) {
        self.problems.push(ImportProblem { line: self.line, column: column.into(), value: value.into(), message_zh: zh, message_en: en });
    }

    /// A field error of the shared achievement checks, on the column that holds that field.
    fn field_problem(&mut self, field: &str, problem: &Problem) {
        let column = match field {
            "date" => Some(Column::Date),
            "metric" => Some(Column::Metric),
            "team_id" => self.get(Column::Team).map(|_| Column::Team).or(Some(Column::Person)),
            "person_id" => Some(Column::Person),
            "quantity" => Some(Column::Quantity),
            "amount" => Some(Column::Amount),
            "client_id" => Some(Column::ClientCode),
            "industry" => Some(Column::Industry),
            _ => None,
        };
        let (value, header) = match column.and_then(|c| self.get(c)) {
            Some((cell, header)) => (values::text(&cell), header),
            // An industry is needed and the file has no 行业 column: name the column to add.
            None if field == "industry" => (String::new(), "行业".to_string()),
            None => (String::new(), field.to_string()),
        };
        self.problem(&header, &value, problem.zh(), problem.en());
    }

    /// A text cell, or None when empty or refused (an error value, a control character).
    fn read(&mut self, cell: &Cell, header: &str, read: fn(&Cell) -> Result<String, values::Refusal>) -> Option<String> {
        match read(cell) {
            Ok(text) => Some(text).filter(|t| !t.is_empty()),
            Err((zh, en)) => {
                self.problem(header, &values::text(cell), zh.into_owned(), en.into_owned());
                None
            }
        }
    }

    /// A text column's value and header, or None when the column is absent, empty or refused.
    fn text(&mut self, column: Column, read: fn(&Cell) -> Result<String, values::Refusal>) -> Option<(String, String)> {
        let (cell, header) = self.get(column)?;
        self.read(&cell, &header, read).map(|t| (t, header))
    }

    /// `found`, or a problem saying what the row names does not exist.
    fn known<T>(&mut self, found: Option<T>, header: &str, value: &str, zh: &str, en: &str) -> Option<T> {
        if found.is_none() {
            self.problem(header, value, zh.into(), en.into());
        }
        found
    }

    fn date(&mut self) -> Option<chrono::NaiveDate> {
        let (cell, header) = self.get(Column::Date)?;
        match values::date(&cell) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                self.problem(&header, "", "不能为空".into(), "is required".into());
                None
            }
            Err((zh, en)) => {
                self.problem(&header, &values::text(&cell), zh.into(), en.into());
                None
            }
        }
    }

    /// The quantity, 1 when the column is absent or empty.
    fn quantity(&mut self) -> i64 {
        let Some((cell, header)) = self.get(Column::Quantity) else { return 1 };
        match values::quantity(&cell) {
            Ok(q) => q.unwrap_or(1),
            Err((zh, en)) => {
                self.problem(&header, &values::text(&cell), zh.into(), en.into());
                0
            }
        }
    }

    fn amount(&mut self) -> Money {
        let Some((cell, header)) = self.get(Column::Amount) else { return Money::ZERO };
        match values::amount(&cell, limits::ACHIEVEMENT_AMOUNT) {
            Ok(a) => a.unwrap_or(Money::ZERO),
            Err((zh, en)) => {
                self.problem(&header, &values::text(&cell), zh.into(), en.into());
                Money::ZERO
            }
        }
    }
}

/// Reads achievements for `campaign_id` and adds them all, or none if any row has a problem.
pub fn import_achievements(store: &Store, path: &Path, campaign_id: CampaignId, dry_run: bool) -> Result<AchievementReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut reader = AchievementRows::new(store, campaign_id)?;
    store.transaction_keep_if(|s| {
        let mut report = AchievementReport {
            file: file.clone(),
            sheet: None,
            header_line: 0,
            rows: 0,
            added: 0,
            problems: Vec::new(),
            dry_run,
            written: false,
        };
        let mut failure: Option<Error> = None;
        report.sheet = read_rows(path, &mut |line, cells| {
            if cells.iter().all(Cell::is_blank) {
                return Flow::Continue;
            }
            if !reader.has_header() {
                if reader.header(&cells) {
                    report.header_line = line;
                }
                return Flow::Continue;
            }
            report.rows += 1;
            let Some(input) = reader.row(s, line, &cells, &mut report.problems) else { return Flow::Continue };
            match s.achievements().add(campaign_id, &input) {
                Ok(_) => report.added += 1,
                Err(e) => {
                    failure = Some(e);
                    return Flow::Stop;
                }
            }
            Flow::Continue
        })
        .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
        if let Some(e) = failure {
            return Err(e);
        }
        if report.header_line == 0 {
            return Err(Error::Unreadable {
                file: file.clone(),
                zh: "找不到表头：需要 日期、指标，以及 团队 或 人员 列".into(),
                en: "no header row found: it needs 日期 (date), 指标 (metric), and 团队 (team) or 人员 (person)".into(),
            });
        }
        let keep = report.problems.is_empty() && !dry_run;
        report.written = keep;
        Ok((report, keep))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tracker::{Lang, ACHIEVEMENT_COLUMNS};

    #[test]
    fn the_trackers_achievement_sheet_is_read_in_either_language() {
        for lang in [Lang::Zh, Lang::En] {
            let cells: Vec<Cell> = ACHIEVEMENT_COLUMNS.iter().map(|c| Cell::Text(c.label.get(lang).into())).collect();
            let found = header_map(&cells).expect("the header is recognised");
            assert_eq!(found.len(), ACHIEVEMENT_COLUMNS.len(), "every column the tracker writes is read back ({lang:?})");
        }
    }
}
