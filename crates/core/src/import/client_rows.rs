//! The checking half of the client import: each row read as people write it, rows of one
//! client compared, repeated contract numbers found. The writing half is in `mod.rs`.

use super::cells::Cell;
use super::header::{Columns, Field};
use super::keys::Keys;
use super::values::{self, Refusal};
use super::{ImportProblem, MAX_LISTED};
use crate::store::imports::{ClientFields, ContractFields};
use std::hash::BuildHasher;

/// What we remember of each client code seen in this file, to catch rows that disagree: the
/// first line, the client's number in the file (its id is the writer's to remember), and a
/// short hash of each client column's value (a clash between two hashes is one in four
/// billion; only a repeated row's differing value could hide behind one).
struct Seen {
    line: u64,
    index: usize,
    fields: Prints,
}

/// Each client column's hash, and which columns the row gave a value in (a bit each).
#[derive(Clone, Copy)]
struct Prints {
    hashes: [u32; 9],
    given: u16,
}

/// A row that passed every check, for the writer.
pub(super) struct Checked {
    pub(super) line: u64,
    /// The client's number in the file, counted from 0 in the order clients first appear.
    pub(super) index: usize,
    pub(super) client: ClientFields,
    pub(super) contract: Option<ContractFields>,
}

/// The problems of one side of an import, the first `MAX_LISTED` listed and the rest counted.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) listed: Vec<ImportProblem>,
    pub(super) more: u64,
}

impl Problems {
    pub(super) fn add(&mut self, columns: &Columns, line: u64, field: Field, value: &str, zh: String, en: String) {
        if self.listed.len() < MAX_LISTED {
            let column = columns.header(field).to_string();
            self.listed.push(ImportProblem { line, column, value: value.to_string(), message_zh: zh, message_en: en });
        } else {
            self.more += 1;
        }
    }

    pub(super) fn count(&self) -> u64 {
        self.listed.len() as u64 + self.more
    }

    /// Both sides' problems in line order, the first `MAX_LISTED` listed.
    pub(super) fn merge(mut self, other: Problems) -> Problems {
        self.listed.extend(other.listed);
        self.listed.sort_by_key(|p| p.line);
        let beyond = self.listed.len().saturating_sub(MAX_LISTED);
        self.listed.truncate(MAX_LISTED);
        Problems { listed: self.listed, more: self.more + other.more + beyond as u64 }
    }
}

/// The checks a row passes before it is written: values read as people write them, rows of
/// one client agreeing, no contract number twice. Needs no database, so it runs on its own
/// thread beside the writer.
pub(super) struct Check {
    pub(super) columns: Columns,
    clients: Keys<Seen>,
    contracts: Keys<u64>,
    hasher: hashbrown::DefaultHashBuilder,
    pub(super) problems: Problems,
    last_code: Option<String>,
}

fn fingerprints(hasher: &hashbrown::DefaultHashBuilder, client: &ClientFields) -> Prints {
    let mut prints = Prints { hashes: [0; 9], given: 0 };
    for (i, field) in CLIENT_COLUMNS.into_iter().enumerate() {
        if let Some(text) = client_text(client, field) {
            // The low half of a 64-bit hash: enough to tell two values apart.
            prints.hashes[i] = hasher.hash_one(text) as u32;
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
fn client_text(client: &ClientFields, field: Field) -> Option<&str> {
    match field {
        Field::Category => client.category.map(|c| c.code()),
        Field::Tier => client.tier.map(|t| t.code()),
        Field::ClientName => client.name.as_deref(),
        Field::Industry => client.industry.as_deref(),
        Field::District => client.district.as_deref(),
        Field::Team => client.team.as_deref(),
        Field::AccountManager => client.account_manager.as_deref(),
        Field::KeyPerson => client.key_person.as_deref(),
        _ => client.key_person_phone.as_deref(),
    }
}

const CONTRACT_COLUMNS: [Field; 6] =
    [Field::ProductType, Field::MonthlyFee, Field::DecFee, Field::TermMonths, Field::EndDate, Field::Fiber];

impl Check {
    pub(super) fn new(columns: Columns) -> Check {
        Check {
            columns,
            clients: Keys::new(),
            contracts: Keys::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            problems: Problems::default(),
            last_code: None,
        }
    }

    /// Makes room in the key tables for about `rows` more rows, judged by the `seen` rows
    /// checked so far: a large file's million keys are then placed once instead of moved at
    /// every doubling of their tables.
    pub(super) fn expect_rows(&mut self, rows: usize, seen: usize) {
        if seen == 0 {
            return;
        }
        self.clients.reserve_like(rows, seen);
        self.contracts.reserve_like(rows, seen);
    }

    fn problem(&mut self, line: u64, field: Field, value: &str, zh: String, en: String) {
        self.problems.add(&self.columns, line, field, value, zh, en);
    }

    fn refuse(&mut self, line: u64, field: Field, value: &str, (zh, en): Refusal) {
        self.problem(line, field, value, zh.into_owned(), en.into_owned());
    }

    fn cell<'c>(&self, cells: &'c [Cell], field: Field) -> &'c Cell {
        self.columns.index(field).and_then(|i| cells.get(i)).unwrap_or(&Cell::Empty)
    }

    /// A text field taken out of its cell (left empty), or None when it is empty or refused
    /// (an error value, a control character: reported against its cell).
    fn text(&mut self, line: u64, cells: &mut [Cell], field: Field) -> Option<String> {
        let mut absent = Cell::Empty;
        let cell = self.columns.index(field).and_then(|i| cells.get_mut(i)).unwrap_or(&mut absent);
        let read = if field == Field::ClientCode { values::take_client_code(cell) } else { values::take_line_text(cell) };
        match read {
            Ok(text) => Some(text).filter(|s| !s.is_empty()),
            Err(refusal) => {
                let shown = values::text(cell);
                self.refuse(line, field, &shown, refusal);
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
        let cell = self.cell(cells, field);
        match parse(cell) {
            Ok(v) => v,
            Err(refusal) => {
                self.refuse(line, field, &values::text(cell), refusal);
                None
            }
        }
    }

    fn labelled<T>(&mut self, line: u64, cells: &[Cell], field: Field, parse: fn(&str) -> std::result::Result<T, Refusal>) -> Option<T> {
        let cell = self.cell(cells, field);
        match values::line_str(cell) {
            Ok(text) if text.is_empty() => None,
            Ok(text) => match parse(&text) {
                Ok(v) => Some(v),
                Err(refusal) => {
                    self.refuse(line, field, &text, refusal);
                    None
                }
            },
            Err(refusal) => {
                self.refuse(line, field, &values::text(cell), refusal);
                None
            }
        }
    }

    /// The row, checked; None when it has a problem (reported).
    pub(super) fn row(&mut self, line: u64, cells: &mut [Cell]) -> Option<Checked> {
        let before = self.problems.count();
        let code = self.client_code(line, cells)?;
        self.last_code = Some(code.clone());
        let client = self.client_fields(line, cells, code.clone());
        let prints = fingerprints(&self.hasher, &client);
        let contract = self.contract_fields(line, cells);
        self.check_agreement(line, &code, &client, prints);
        if self.problems.count() > before {
            return None;
        }
        let next = self.clients.len();
        let index = self.clients.first_or_insert(&code, || Seen { line, index: next, fields: prints }).map_or(next, |s| s.index);
        Some(Checked { line, index, client, contract })
    }

    /// The row's client code; an empty code continues the client above (a merged cell).
    /// None when the row is refused (already reported).
    fn client_code(&mut self, line: u64, cells: &mut [Cell]) -> Option<String> {
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

    fn client_fields(&mut self, line: u64, cells: &mut [Cell], code: String) -> ClientFields {
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
    fn contract_fields(&mut self, line: u64, cells: &mut [Cell]) -> Option<ContractFields> {
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
            let value = client_text(client, field).unwrap_or_default().to_string();
            self.problem(
                line,
                field,
                &value,
                format!("与第 {first} 行（同一客户编码 {code}）不一致"),
                format!("differs from line {first} for the same client code {code}"),
            );
        }
    }
}
