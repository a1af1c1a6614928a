//! Client import from planners' own files (.xlsx, .xls, .csv in UTF-8 or GB18030): find the
//! header, read values as people write them, report every problem with its line and column,
//! and write all of it or nothing.

pub mod achievements;
pub mod cells;
pub mod green_requests;
pub mod header;
mod keys;
pub mod members;
pub mod snapshots;
pub mod switchboard_lines;
mod table;
pub mod tracker;
pub mod values;

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use self::cells::{read_rows, Cell, Flow};
use self::header::{Columns, Field};
use self::keys::Keys;
use self::values::Refusal;
use crate::domain::ids::CampaignId;
use crate::error::{Error, Result};
use crate::store::imports::{ClientFields, ClientWrite, ContractFields, ContractWrite, ImportCounts, ImportWriter};
use crate::store::Store;

/// How many problems a report lists; the rest are counted.
pub(crate) const MAX_LISTED: usize = 1_000;
/// How far down a header may sit under title rows.
const HEADER_SEARCH_ROWS: u64 = 50;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub campaign_id: Option<CampaignId>,
    pub dry_run: bool,
    /// Extra header → field assignments the planner made (normalised headers).
    pub mapping: HashMap<String, Field>,
    pub author: String,
    pub now: NaiveDateTime,
}

/// One thing wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportProblem {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ImportReport {
    pub file: String,
    /// The sheet that was read (the active one, or the first visible); None for CSV and text.
    pub sheet: Option<String>,
    pub header_line: u64,
    pub rows: u64,
    pub ignored_columns: Vec<String>,
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: u64,
    pub counts: ImportCounts,
    pub dry_run: bool,
    /// True only when the rows are in the database now.
    pub written: bool,
}

/// What we remember of each client code seen in this file, to catch rows that disagree: the
/// first line, the client written, and a short hash of each client column's value (a clash
/// between two hashes is one in four billion; only a repeated row's differing value could hide
/// behind one).
struct Seen {
    line: u64,
    id: Option<i64>,
    fields: Prints,
}

/// Each client column's hash, and which columns the row gave a value in (a bit each).
#[derive(Clone, Copy)]
struct Prints {
    hashes: [u32; 9],
    given: u16,
}

struct Run<'s> {
    writer: ImportWriter<'s>,
    columns: Columns,
    clients: Keys<Seen>,
    contracts: Keys<u64>,
    hasher: hashbrown::DefaultHashBuilder,
    problems: Vec<ImportProblem>,
    more: u64,
    last_code: Option<String>,
}

fn fingerprints(hasher: &hashbrown::DefaultHashBuilder, client: &ClientFields) -> Prints {
    let mut prints = Prints { hashes: [0; 9], given: 0 };
    for (i, field) in CLIENT_COLUMNS.into_iter().enumerate() {
        if let Some(text) = client_text(client, field) {
            // The low half of a 64-bit hash: enough to tell two values apart.
            prints.hashes[i] = hasher.hash_one(&text) as u32;
            prints.given |= 1 << i;
        }
    }
    prints
}

const CLIENT_COLUMNS: [Field; 9] = [
    Field::ClientName,
    Field::Category,
    Field::Tier,
    Field::Industry,
    Field::District,
    Field::Team,
    Field::AccountManager,
    Field::KeyPerson,
    Field::KeyPersonPhone,
];

/// A client column's value as text, to compare rows of one client.
fn client_text(client: &ClientFields, field: Field) -> Option<String> {
    match field {
        Field::Category => client.category.map(|c| c.code().to_string()),
        Field::Tier => client.tier.map(|t| t.code().to_string()),
        Field::ClientName => client.name.clone(),
        Field::Industry => client.industry.clone(),
        Field::District => client.district.clone(),
        Field::Team => client.team.clone(),
        Field::AccountManager => client.account_manager.clone(),
        Field::KeyPerson => client.key_person.clone(),
        _ => client.key_person_phone.clone(),
    }
}

const CONTRACT_COLUMNS: [Field; 6] =
    [Field::ProductType, Field::MonthlyFee, Field::DecFee, Field::TermMonths, Field::EndDate, Field::Fiber];

impl Run<'_> {
    fn problem(&mut self, line: u64, field: Field, value: &str, zh: String, en: String) {
        if self.problems.len() < MAX_LISTED {
            let column = self.columns.header(field).to_string();
            self.problems.push(ImportProblem { line, column, value: value.to_string(), message_zh: zh, message_en: en });
        } else {
            self.more += 1;
        }
    }

    fn refuse(&mut self, line: u64, field: Field, value: &str, (zh, en): Refusal) {
        self.problem(line, field, value, zh.into_owned(), en.into_owned());
    }

    fn cell<'c>(&self, cells: &'c [Cell], field: Field) -> &'c Cell {
        self.columns.index(field).and_then(|i| cells.get(i)).unwrap_or(&Cell::Empty)
    }

    /// A text field, or None when it is empty or refused (an error value, a control
    /// character: reported against its cell).
    fn text(&mut self, line: u64, cells: &[Cell], field: Field) -> Option<String> {
        let cell = self.cell(cells, field).clone();
        let read = if field == Field::ClientCode { values::client_code(&cell) } else { values::line_text(&cell) };
        match read {
            Ok(text) => Some(text).filter(|s| !s.is_empty()),
            Err(refusal) => {
                self.refuse(line, field, &values::text(&cell), refusal);
                None
            }
        }
    }

    /// Parses a value, reporting a refusal against its cell.
    fn parsed<T>(
        &mut self,
        line: u64,
        cells: &[Cell],
        field: Field,
        parse: impl Fn(&Cell) -> std::result::Result<Option<T>, Refusal>,
    ) -> Option<T> {
        let cell = self.cell(cells, field).clone();
        match parse(&cell) {
            Ok(v) => v,
            Err(refusal) => {
                self.refuse(line, field, &values::text(&cell), refusal);
                None
            }
        }
    }

    fn labelled<T>(&mut self, line: u64, cells: &[Cell], field: Field, parse: fn(&str) -> std::result::Result<T, Refusal>) -> Option<T> {
        let text = self.text(line, cells, field)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(refusal) => {
                self.refuse(line, field, &text, refusal);
                None
            }
        }
    }

    fn row(&mut self, line: u64, cells: &[Cell]) -> Result<()> {
        let before = self.problems.len() as u64 + self.more;
        let Some(code) = self.client_code(line, cells) else { return Ok(()) };
        self.last_code = Some(code.clone());
        let client = self.client_fields(line, cells, code.clone());
        let prints = fingerprints(&self.hasher, &client);
        let contract = self.contract_fields(line, cells);
        self.check_agreement(line, &code, &client, prints);
        if self.problems.len() as u64 + self.more > before {
            return Ok(());
        }
        let id = match self.clients.get(&code).and_then(|s| s.id) {
            Some(id) => Some(id),
            None => self.write_client(line, &client)?,
        };
        self.clients.first_or_insert(&code, || Seen { line, id, fields: prints });
        if let (Some(id), Some(contract)) = (id, contract) {
            if let ContractWrite::OwnedBy(owner) = self.writer.contract(id, &contract)? {
                self.problem(
                    line,
                    Field::ContractNo,
                    &contract.number,
                    format!("已属于客户 {owner}"),
                    format!("already belongs to client {owner}"),
                );
            }
        }
        Ok(())
    }

    /// The row's client code; an empty code continues the client above (a merged cell).
    /// None when the row is refused (already reported).
    fn client_code(&mut self, line: u64, cells: &[Cell]) -> Option<String> {
        let code_cell_filled = !self.cell(cells, Field::ClientCode).is_blank();
        match self.text(line, cells, Field::ClientCode) {
            Some(code) => Some(code),
            None if code_cell_filled => None,
            None if self.last_code.is_some() => self.last_code.clone(),
            None => {
                self.refuse(line, Field::ClientCode, "", ("不能为空".into(), "is required".into()));
                None
            }
        }
    }

    fn client_fields(&mut self, line: u64, cells: &[Cell], code: String) -> ClientFields {
        ClientFields {
            code,
            name: self.text(line, cells, Field::ClientName),
            category: self.labelled(line, cells, Field::Category, values::category),
            tier: self.labelled(line, cells, Field::Tier, values::tier),
            industry: self.text(line, cells, Field::Industry),
            district: self.text(line, cells, Field::District),
            team: self.text(line, cells, Field::Team),
            account_manager: self.text(line, cells, Field::AccountManager),
            key_person: self.text(line, cells, Field::KeyPerson),
            key_person_phone: self.text(line, cells, Field::KeyPersonPhone),
        }
    }

    /// The row's contract, when it names one; its values without a number are a problem.
    fn contract_fields(&mut self, line: u64, cells: &[Cell]) -> Option<ContractFields> {
        let number_filled = !self.cell(cells, Field::ContractNo).is_blank();
        let Some(number) = self.text(line, cells, Field::ContractNo) else {
            // A refused number was reported already.
            if !number_filled {
                self.contract_values_without_number(line, cells);
            }
            return None;
        };
        let product = self.labelled(line, cells, Field::ProductType, values::product);
        if product.is_none() && self.cell(cells, Field::ProductType).is_blank() {
            self.refuse(
                line,
                Field::ProductType,
                "",
                ("不能为空（有合同号时必填）".into(), "is required when there is a contract number".into()),
            );
        }
        let fields = ContractFields {
            number: number.clone(),
            product_type: product.unwrap_or(crate::domain::ProductType::Mobile),
            monthly_fee: self.parsed(line, cells, Field::MonthlyFee, values::fee),
            dec_fee: self.parsed(line, cells, Field::DecFee, values::fee),
            term_months: self.parsed(line, cells, Field::TermMonths, values::term_months),
            end_date: self.parsed(line, cells, Field::EndDate, values::date),
            fiber: self.parsed(line, cells, Field::Fiber, values::flag),
        };
        if let Some(&first) = self.contracts.first_or_insert(&number, || line) {
            self.problem(
                line,
                Field::ContractNo,
                &number,
                format!("与第 {first} 行的合同号重复"),
                format!("repeats the contract number of line {first}"),
            );
        }
        Some(fields)
    }

    /// Contract values without a number cannot be stored; say so rather than drop them.
    fn contract_values_without_number(&mut self, line: u64, cells: &[Cell]) {
        let Some(first) = CONTRACT_COLUMNS.into_iter().find(|f| !self.cell(cells, *f).is_blank()) else { return };
        let value = values::text(self.cell(cells, first));
        let header = self.columns.header(first).to_string();
        self.problem(
            line,
            Field::ContractNo,
            "",
            format!("不能为空：本行有{header}“{value}”"),
            format!("is required: this row gives {header} {value:?}"),
        );
    }

    /// Rows of one client must agree wherever both give a value.
    fn check_agreement(&mut self, line: u64, code: &str, client: &ClientFields, prints: Prints) {
        let Some(seen) = self.clients.get(code) else { return };
        let (first, then) = (seen.line, seen.fields);
        let both = prints.given & then.given;
        let clashes: Vec<Field> = CLIENT_COLUMNS
            .into_iter()
            .enumerate()
            .filter(|(i, _)| both & (1 << i) != 0 && prints.hashes[*i] != then.hashes[*i])
            .map(|(_, f)| f)
            .collect();
        for field in clashes {
            let value = client_text(client, field).unwrap_or_default();
            self.problem(
                line,
                field,
                &value,
                format!("与第 {first} 行（同一客户编码 {code}）不一致"),
                format!("differs from line {first} for the same client code {code}"),
            );
        }
    }

    /// Writes a client met for the first time; a new client missing a required field is a
    /// problem on each such field.
    fn write_client(&mut self, line: u64, client: &ClientFields) -> Result<Option<i64>> {
        match self.writer.client(client)? {
            ClientWrite::Written(id) => Ok(Some(id)),
            ClientWrite::Missing(fields) => {
                for name in fields {
                    let field = match name {
                        "client_name" => Field::ClientName,
                        "category" => Field::Category,
                        _ => Field::Tier,
                    };
                    self.refuse(line, field, "", ("新客户必须填写".into(), "is required for a new client".into()));
                }
                Ok(None)
            }
        }
    }
}

/// Reads `path` and upserts its clients and contracts. Returns the report; the rows are
/// written only if there were no problems and this is not a dry run. `progress` is told the
/// rows read so far and may return false to cancel (nothing is written then).
pub fn import_clients(store: &Store, path: &Path, options: &ImportOptions, progress: &mut dyn FnMut(u64) -> bool) -> Result<ImportReport> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    store.transaction_keep_if(|s| {
        let mut run: Option<Run<'_>> = None;
        let mut header_line = 0;
        let mut rows = 0u64;
        let mut failure: Option<Error> = None;
        let mut cancelled = false;
        let mut lines_seen = 0u64;
        let read = read_rows(path, &mut |line, cells| {
            if cells.iter().all(Cell::is_blank) {
                return Flow::Continue;
            }
            lines_seen += 1;
            let Some(r) = run.as_mut() else {
                // Title rows may sit above the header; the first row that names known columns is it.
                match Columns::from_row(&cells, &options.mapping) {
                    Some(columns) => match s.imports().begin(&file, options.campaign_id, &options.author, options.now) {
                        Ok(writer) => {
                            header_line = line;
                            run = Some(Run {
                                writer,
                                columns,
                                clients: Keys::new(),
                                contracts: Keys::new(),
                                hasher: hashbrown::DefaultHashBuilder::default(),
                                problems: Vec::new(),
                                more: 0,
                                last_code: None,
                            });
                        }
                        Err(e) => {
                            failure = Some(e);
                            return Flow::Stop;
                        }
                    },
                    None if lines_seen > HEADER_SEARCH_ROWS => return Flow::Stop,
                    None => {}
                }
                return Flow::Continue;
            };
            rows += 1;
            if let Err(e) = r.row(line, &cells) {
                failure = Some(e);
                return Flow::Stop;
            }
            if rows.is_multiple_of(1_000) && !progress(rows) {
                cancelled = true;
                return Flow::Stop;
            }
            Flow::Continue
        });
        let sheet = read.map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
        if let Some(e) = failure {
            return Err(e);
        }
        if cancelled {
            return Err(Error::Cancelled);
        }
        let Some(run) = run else {
            return Err(Error::Unreadable {
                file: file.clone(),
                zh: "找不到表头：表头行至少要有“客户编码”和另外两个可识别的列（如 客户名称、客户类别）".into(),
                en: "no header row found: it needs 客户编码 (client_code) and two other known columns such as 客户名称, 客户类别".into(),
            });
        };
        let (problems, more, ignored) = (run.problems, run.more, run.columns.ignored);
        let counts = run.writer.finish()?;
        let keep = problems.is_empty() && !options.dry_run;
        progress(rows);
        Ok((
            ImportReport {
                file: file.clone(),
                sheet,
                header_line,
                rows,
                ignored_columns: ignored,
                problems,
                more_problems: more,
                counts,
                dry_run: options.dry_run,
                written: keep,
            },
            keep,
        ))
    })
}

/// A file's header as the importer reads it, before anything is written: for the mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Inspection {
    pub file: String,
    pub sheet: Option<String>,
    /// 0 when no row qualifies as a header yet; `columns` then holds the likeliest row.
    pub header_line: u64,
    pub columns: Vec<InspectedColumn>,
    /// Required fields no column provides.
    pub missing: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct InspectedColumn {
    pub header: String,
    pub field: Option<Field>,
    /// The column's first few values under the header, so the planner can see what it holds
    /// while choosing how to read it.
    pub samples: Vec<String>,
}

/// How many rows under the header the mapping step shows values from.
const SAMPLE_ROWS: usize = 3;

/// Finds the header row (or the likeliest candidate) and how each column would be read.
pub fn inspect(path: &Path, mapping: &HashMap<String, Field>) -> Result<Inspection> {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut found: Option<(u64, Vec<Cell>)> = None;
    let mut candidate: Option<(u64, Vec<Cell>)> = None;
    let mut seen = 0u64;
    // The rows read (a bounded few), so the chosen header's next rows can be shown as samples.
    let mut read: Vec<(u64, Vec<Cell>)> = Vec::new();
    let mut after_header = 0;
    let sheet = read_rows(path, &mut |line, cells| {
        if cells.iter().all(Cell::is_blank) {
            return Flow::Continue;
        }
        if found.is_some() {
            read.push((line, cells));
            after_header += 1;
            return if after_header >= SAMPLE_ROWS { Flow::Stop } else { Flow::Continue };
        }
        seen += 1;
        read.push((line, cells.clone()));
        if Columns::from_row(&cells, mapping).is_some() {
            found = Some((line, cells));
            return Flow::Continue;
        }
        let filled = cells.iter().filter(|c| !c.is_blank()).count();
        if candidate.as_ref().is_none_or(|(_, c)| c.iter().filter(|x| !x.is_blank()).count() < filled) {
            candidate = Some((line, cells));
        }
        if seen >= HEADER_SEARCH_ROWS {
            Flow::Stop
        } else {
            Flow::Continue
        }
    })
    .map_err(|u| Error::Unreadable { file: file.clone(), zh: u.zh, en: u.en })?;
    let (header_line, chosen_line, cells) = match (found, candidate) {
        (Some((line, cells)), _) => (line, line, cells),
        (None, Some((line, cells))) => (0, line, cells),
        (None, None) => (0, 0, Vec::new()),
    };
    let below: Vec<&Vec<Cell>> = read.iter().filter(|(line, _)| *line > chosen_line).map(|(_, c)| c).take(SAMPLE_ROWS).collect();
    let mut used = Vec::new();
    let columns: Vec<InspectedColumn> = cells
        .iter()
        .map(values::text)
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .map(|(i, header)| {
            let field = header::match_header(&header, mapping).filter(|f| !used.contains(f));
            if let Some(f) = field {
                used.push(f);
            }
            let samples = below.iter().filter_map(|row| row.get(i)).map(values::text).filter(|v| !v.is_empty()).collect();
            InspectedColumn { header, field, samples }
        })
        .collect();
    let missing = [Field::ClientCode, Field::ClientName, Field::Category, Field::Tier].into_iter().filter(|f| !used.contains(f)).collect();
    Ok(Inspection { file, sheet, header_line, columns, missing })
}
