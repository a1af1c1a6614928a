//! The 目标客户 and 交叉补贴 sheets, written together from one pass over the targets: a row per
//! client on one, a row per contract on the other, with each subsidy as a live formula.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Format, Formula, Worksheet};

use super::layout::{self, Formats};
use super::row_stream::{Num, RowStream};
use super::splice::SheetRows;
use crate::domain::ids::TeamId;
use crate::domain::risk::assess;
use crate::domain::subsidy::{RateSource, RuleTable, SubsidyFlag, SubsidyLine};
use crate::domain::tracker::{
    KeyKind, Lang, Scope, Signer, SUBSIDY_COLUMNS, SUB_AMOUNT, SUB_BASE, SUB_CATEGORY, SUB_RATE, SUB_TEAM, SUB_UPLIFT, TARGET_COLUMNS,
};
use crate::domain::{Campaign, Category, Contract};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::tracker::TrackerClient;
use crate::store::Store;

/// What the overview needs from the client sheets.
#[derive(Debug, Default)]
pub(crate) struct ClientTally {
    pub targets: u64,
    pub high_risk: u64,
    pub contracts: u64,
    pub total: Money,
    /// The cell holding the 合计 formula, for the overview to refer to.
    pub total_cell: String,
    /// Per category: targets, subsidy, and the cell of its subtotal.
    pub by_category: Vec<(Category, u64, Money, String)>,
}

pub(crate) struct Source<'a> {
    pub store: &'a Store,
    pub campaign: &'a Campaign,
    pub team_id: Option<TeamId>,
    pub rules: &'a RuleTable,
    pub lang: Lang,
    /// Keys are signed for this tracker's scope, so they check only when it comes back.
    pub signer: &'a Signer,
    pub scope: Scope,
}

fn column(col: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(col)
}

/// The subsidy formula for one sheet row (0-based): base × rate × (1 + uplift), computed in
/// whole fen and basis points so Excel's floating point rounds exactly as Rampart does.
fn subsidy_formula(row: u32) -> String {
    let r = row + 1;
    let (base, rate, uplift) = (column(SUB_BASE), column(SUB_RATE), column(SUB_UPLIFT));
    format!("=ROUND(ROUND({base}{r}*100,0)*ROUND({rate}{r}*10000,0)*(10000+ROUND({uplift}{r}*10000,0))/100000000,0)/100")
}

/// A SUMIFS criterion matching `value` exactly: quotes doubled, and the wildcard characters
/// escaped so a team called "A*" does not also count "AB".
fn exactly(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len() + 4);
    for c in value.chars() {
        match c {
            '"' => escaped.push_str("\"\""),
            '*' | '?' | '~' => {
                escaped.push('~');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    format!("\"={escaped}\"")
}

/// A formula's cached result, for readers that do not recalculate.
fn yuan(m: Money) -> String {
    m.plain()
}

/// Rows of data one sheet holds: Excel's limit, less the header and room for the totals.
pub(crate) fn rows_per_sheet(teams: usize) -> u32 {
    1_048_576 - 1 - (teams as u32 + 12)
}

/// One logical sheet spread over as many worksheets as its rows need ("交叉补贴", "交叉补贴 (2)"),
/// its data rows streamed outside the workbook (see `row_stream`).
pub(crate) struct Pages {
    /// Worksheet positions and names, in order.
    pub sheets: Vec<(usize, String)>,
    streams: Vec<RowStream>,
    page: usize,
    row: u32,
    per_sheet: u32,
    /// The last data row written on each page.
    last: Vec<u32>,
}

impl Pages {
    /// Pages whose rows are styled `formats` by column, streamed to temporary files in `dir`.
    pub fn new(sheets: Vec<(usize, String)>, per_sheet: u32, dir: &Path, formats: &[&Format], f: &Formats) -> Result<Pages> {
        let count = sheets.len();
        let streams = (0..count).map(|_| RowStream::new(dir, formats, f)).collect::<std::io::Result<_>>()?;
        Ok(Pages { sheets, streams, page: 0, row: 0, per_sheet, last: vec![0; count] })
    }

    /// The stream and row for the next data row, moving to the next page when one is full.
    fn next(&mut self) -> Result<(&mut RowStream, u32)> {
        if self.row >= self.per_sheet && self.page + 1 < self.sheets.len() {
            self.page += 1;
            self.row = 0;
        }
        self.row += 1;
        self.last[self.page] = self.row;
        let stream = &mut self.streams[self.page];
        stream.start_row(self.row)?;
        Ok((stream, self.row))
    }

    /// `'sheet'!L$2:L$n` for each page, to sum a column over all of them.
    fn spans(&self, col: u16) -> Vec<String> {
        let c = column(col);
        self.sheets.iter().zip(&self.last).map(|((_, name), last)| format!("'{name}'!{c}$2:{c}${}", last.max(&1) + 1)).collect()
    }

    /// Each page's streamed rows, for the splice.
    pub fn finish(&mut self) -> Result<Vec<SheetRows>> {
        let streams = std::mem::take(&mut self.streams);
        let mut rows = Vec::with_capacity(streams.len());
        for (stream, (sheet, _)) in streams.into_iter().zip(&self.sheets) {
            rows.push(stream.finish(*sheet)?);
        }
        Ok(rows)
    }
}

/// Each column's format on 目标客户.
pub(crate) fn target_formats(f: &Formats) -> Vec<&Format> {
    let mut formats = vec![&f.text; TARGET_COLUMNS.len()];
    formats[9] = &f.whole;
    formats[10] = &f.money;
    formats
}

/// Each column's format on 交叉补贴: the base and rates open for trials.
pub(crate) fn subsidy_formats(f: &Formats) -> Vec<&Format> {
    let mut formats = vec![&f.text; SUBSIDY_COLUMNS.len()];
    formats[7] = &f.whole;
    formats[usize::from(SUB_BASE)] = &f.open_money;
    formats[usize::from(SUB_RATE)] = &f.open_percent;
    formats[usize::from(SUB_UPLIFT)] = &f.open_percent;
    formats[usize::from(SUB_AMOUNT)] = &f.money;
    formats
}

/// Subsidy sums per category (targets and amount) and per team, for the subtotal rows.
#[derive(Default)]
struct Sums {
    categories: BTreeMap<u8, (Category, u64, Money)>,
    teams: BTreeMap<String, Money>,
}

/// Clients handed to the targets thread at a time, and batches in flight.
const BATCH: usize = 1_000;
const IN_FLIGHT: usize = 8;

pub(crate) fn write(
    sheets: &mut [Worksheet],
    (targets, subsidies): (&mut Pages, &mut Pages),
    src: &Source<'_>,
    f: &Formats,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<ClientTally> {
    let overrides = src.store.tracker().rate_overrides(src.campaign.id)?;
    let mut tally = ClientTally::default();
    let mut sums = Sums::default();
    headers(sheets, targets, subsidies, src.lang, f)?;
    // The targets rows are written on a thread of their own, fed the clients read here.
    let rows = TargetRows { campaign: src.campaign, lang: src.lang, signer: src.signer, scope: src.scope };
    let high_risk = std::thread::scope(|threads| -> Result<u64> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<TrackerClient>>(IN_FLIGHT);
        let pages = &mut *targets;
        let writer = threads.spawn(move || rows.write(pages, &receive));
        let mut batch = Vec::with_capacity(BATCH);
        let read = src.store.tracker().each_client(src.campaign.id, src.team_id, |c: TrackerClient| {
            let category = c.category.unwrap_or(Category::Sme);
            let mut client_total = Money::ZERO;
            for k in &c.contracts {
                let (stream, row) = subsidies.next()?;
                let line = src.rules.line(
                    k.product_type,
                    k.term_months,
                    k.dec_fee,
                    overrides.get(&k.id).map(|(bp, reason)| (*bp, reason.as_str())),
                );
                contract_row(stream, row, src, &c, k, &line)?;
                client_total += line.amount;
            }
            tally.targets += 1;
            tally.contracts += c.contracts.len() as u64;
            tally.total += client_total;
            let slot = sums.categories.entry(category as u8).or_insert((category, 0, Money::ZERO));
            slot.1 += 1;
            slot.2 += client_total;
            *sums.teams.entry(c.team.clone().unwrap_or_default()).or_insert(Money::ZERO) += client_total;
            batch.push(c);
            // A closed channel means the targets thread failed: its error is told below.
            if batch.len() >= BATCH && send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                return Err(Error::Cancelled);
            }
            if tally.targets % 10_000 == 0 && !progress(tally.targets) {
                return Err(Error::Cancelled);
            }
            Ok(())
        });
        let sent = read.and_then(|()| send.send(batch).map_err(|_| Error::Cancelled));
        drop(send);
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The targets thread's own failure explains a closed channel better than "cancelled".
        let high_risk = written?;
        sent?;
        Ok(high_risk)
    })?;
    tally.high_risk = high_risk;
    progress(tally.targets);
    for (pages, width) in [(&*targets, TARGET_COLUMNS.len()), (&*subsidies, SUBSIDY_COLUMNS.len())] {
        for ((at, _), last) in pages.sheets.iter().zip(&pages.last) {
            layout::finish(&mut sheets[*at], 0, *last, width as u16 - 1, true)?;
            layout::protect(&mut sheets[*at]);
        }
    }
    totals(sheets, subsidies, sums, src.lang, f, &mut tally)?;
    Ok(tally)
}

/// What the targets thread needs to write a client's row: no database, which stays with the
/// thread reading it.
#[derive(Clone, Copy)]
struct TargetRows<'a> {
    campaign: &'a Campaign,
    lang: Lang,
    signer: &'a Signer,
    scope: Scope,
}

impl TargetRows<'_> {
    /// Writes each client sent on `receive` as a row of the targets pages; returns how many
    /// are at risk.
    fn write(self, pages: &mut Pages, receive: &std::sync::mpsc::Receiver<Vec<TrackerClient>>) -> Result<u64> {
        let mut high_risk = 0;
        for batch in receive.iter() {
            for c in &batch {
                let (stream, _) = pages.next()?;
                high_risk += u64::from(target_row(stream, self, c)?);
            }
        }
        Ok(high_risk)
    }
}

fn headers(sheets: &mut [Worksheet], targets: &Pages, subsidies: &Pages, lang: Lang, f: &Formats) -> Result<()> {
    let sides = [(targets, &TARGET_COLUMNS[..], target_formats(f)), (subsidies, &SUBSIDY_COLUMNS[..], subsidy_formats(f))];
    for (pages, columns, formats) in sides {
        for (at, _) in &pages.sheets {
            layout::header(&mut sheets[*at], 0, columns, lang, f)?;
            layout::column_formats(&mut sheets[*at], &formats)?;
        }
    }
    Ok(())
}

fn category_label(c: &TrackerClient, lang: Lang) -> &'static str {
    let category = c.category.unwrap_or(Category::Sme);
    lang.pick(category.label_zh(), category.label_en())
}

/// One contract's row on 交叉补贴, its subsidy a live formula over the open base and rates.
fn contract_row(out: &mut RowStream, row: u32, src: &Source<'_>, c: &TrackerClient, k: &Contract, line: &SubsidyLine) -> Result<()> {
    let lang = src.lang;
    out.text(0, &src.signer.row_key(src.scope, KeyKind::Contract, k.id))?;
    out.text(1, &c.code)?;
    out.text(2, &c.name)?;
    out.text(SUB_CATEGORY, category_label(c, lang))?;
    out.text(SUB_TEAM, c.team.as_deref().unwrap_or(""))?;
    out.text(5, &k.number)?;
    out.text(6, lang.pick(k.product_type.label_zh(), k.product_type.label_en()))?;
    out.number(7, Num::Whole(k.term_months))?;
    out.number(SUB_BASE, Num::Hundredths(line.base.fen()))?;
    out.number(SUB_RATE, Num::TenThousandths(line.rate_bp.0))?;
    out.number(SUB_UPLIFT, Num::TenThousandths(line.uplift_bp.0))?;
    let formula = subsidy_formula(row);
    out.formula(SUB_AMOUNT, formula.trim_start_matches('='), Num::Hundredths(line.amount.fen()))?;
    let note = match (&line.source, line.flag) {
        (_, Some(SubsidyFlag::NoRule)) => lang.pick("无适用规则，不补贴", "no rule applies: no subsidy").to_string(),
        (RateSource::Override { reason }, Some(SubsidyFlag::OverrideOutOfRange)) => {
            format!("{}{reason}", lang.pick("待复核（调整比例超出范围）：", "to review (override out of range): "))
        }
        (RateSource::Override { reason }, _) => format!("{}{reason}", lang.pick("调整比例：", "override: ")),
        _ => String::new(),
    };
    out.text(12, &note)
}

/// One client's row on 目标客户; true when the client is at risk.
fn target_row(out: &mut RowStream, src: TargetRows<'_>, c: &TrackerClient) -> Result<bool> {
    let lang = src.lang;
    let risks = assess(&src.campaign.risk, src.campaign.end_date, &c.contracts);
    out.text(0, &src.signer.row_key(src.scope, KeyKind::Client, c.id))?;
    out.text(1, &c.code)?;
    out.text(2, &c.name)?;
    out.text(3, category_label(c, lang))?;
    out.text(4, c.tier.map_or("", |t| lang.pick(t.label_zh(), t.label_en())))?;
    out.text(5, &c.industry)?;
    out.text(6, &c.district)?;
    out.text(7, c.team.as_deref().unwrap_or(""))?;
    out.text(8, c.manager.as_deref().unwrap_or(""))?;
    out.number(9, Num::Whole(c.contracts.len() as i64))?;
    let spend = c.contracts.iter().fold(Money::ZERO, |sum, k| sum + k.monthly_fee);
    out.number(10, Num::Hundredths(spend.fen()))?;
    let flags: Vec<&str> = risks.iter().map(|r| lang.pick(r.flag.label_zh(), r.flag.label_en())).collect();
    out.text(11, &flags.join(lang.pick("、", ", ")))?;
    let why: Vec<&str> = risks.iter().map(|r| lang.pick(&r.zh, &r.en)).collect();
    out.text(12, &why.join(lang.pick("；", "; ")))?;
    Ok(!risks.is_empty())
}

/// Subtotals and the total sit under the data of the last subsidy page and sum every page.
fn totals(sheets: &mut [Worksheet], subsidies: &Pages, sums: Sums, lang: Lang, f: &Formats, tally: &mut ClientTally) -> Result<()> {
    let (last_at, last_name) = subsidies.sheets.last().cloned().unwrap_or_default();
    let amount = column(SUB_AMOUNT);
    let sum_where = |col: u16, value: &str| {
        let parts: Vec<String> = subsidies
            .spans(SUB_AMOUNT)
            .iter()
            .zip(subsidies.spans(col))
            .map(|(sum, by)| format!("SUMIFS({sum},{by},{})", exactly(value)))
            .collect();
        format!("={}", parts.join("+"))
    };
    let ws = &mut sheets[last_at];
    let mut row = subsidies.last.last().copied().unwrap_or(0) + 2;
    let subtotal = lang.pick("小计 · ", "Subtotal · ");
    for (category, count, sum) in sums.categories.into_values() {
        let label = lang.pick(category.label_zh(), category.label_en());
        layout::text(ws, row, 1, &format!("{subtotal}{label}"), f)?;
        ws.write_formula(row, SUB_AMOUNT, Formula::new(sum_where(SUB_CATEGORY, label)).set_result(yuan(sum)))?;
        tally.by_category.push((category, count, sum, format!("'{last_name}'!${amount}${}", row + 1)));
        row += 1;
    }
    for (team, sum) in sums.teams {
        let label = if team.is_empty() { lang.pick("（无团队）", "(no team)").to_string() } else { team.clone() };
        layout::text(ws, row, 1, &format!("{subtotal}{label}"), f)?;
        ws.write_formula(row, SUB_AMOUNT, Formula::new(sum_where(SUB_TEAM, &team)).set_result(yuan(sum)))?;
        row += 1;
    }
    ws.write_string_with_format(row, 1, lang.pick("合计", "Total"), &f.total_label)?;
    let total = format!("=SUM({})", subsidies.spans(SUB_AMOUNT).join(","));
    ws.write_formula_with_format(row, SUB_AMOUNT, Formula::new(total).set_result(yuan(tally.total)), &f.total_money)?;
    tally.total_cell = format!("'{last_name}'!${amount}${}", row + 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_match_exactly_and_cannot_break_out_of_the_string() {
        assert_eq!(exactly("北区"), "\"=北区\"");
        assert_eq!(exactly("A*\"x"), "\"=A~*\"\"x\"", "wildcards escaped, quotes doubled");
    }

    #[test]
    fn rows_beyond_a_sheet_continue_on_the_next_and_totals_span_them_all() {
        let sheets = vec![(2, "交叉补贴".to_string()), (3, "交叉补贴 (2)".to_string())];
        let (dir, f) = (tempfile::tempdir().expect("in a test"), Formats::new());
        let mut pages = Pages::new(sheets, 2, dir.path(), &subsidy_formats(&f), &f).expect("in a test");
        let rows: Vec<u32> = (0..3).map(|_| pages.next().expect("in a test").1).collect();
        assert_eq!(rows, [1, 2, 1], "a full sheet hands over to the next, below its header");
        assert_eq!(pages.spans(11), ["'交叉补贴'!L$2:L$3", "'交叉补贴 (2)'!L$2:L$2"]);
        let written: Vec<(usize, u32)> = pages.finish().expect("in a test").iter().map(|r| (r.sheet, r.segment.last_row)).collect();
        assert_eq!(written, [(2, 3), (3, 2)], "each page's rows end where its data ends (sheet rows, 1-based)");
    }

    #[test]
    fn formula_refers_to_its_own_row() {
        let f = subsidy_formula(1);
        assert!(f.contains("I2*100") && f.contains("J2*10000") && f.contains("K2*10000"), "{f}");
    }
}
