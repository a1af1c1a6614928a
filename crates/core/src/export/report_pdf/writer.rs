//! Lays a `ReportDocument` out on A4 pages and renders it with krilla. Layout runs first into
//! a list of drawing steps per page, so the footer can say "page i of n".

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::Document;

use super::font::{FontSource, ReportFont};
use super::model::{Align, BarChart, Block, Cell, LineChart, ReportDocument, Table};
use crate::error::{Error, Result};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = PAGE_H - 60.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 10.5;
const TABLE_TEXT: f32 = 9.5;
const ROW_H: f32 = 18.0;

type Rgb = (u8, u8, u8);
const INK: Rgb = (33, 37, 41);
const MUTED: Rgb = (108, 117, 125);
const RULE: Rgb = (206, 212, 218);
const HEADER_BG: Rgb = (233, 236, 239);
const ACCENT: Rgb = (13, 110, 253);
const TARGET: Rgb = (220, 53, 69);

enum Step {
    Text { x: f32, y: f32, size: f32, color: Rgb, text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    Line { points: Vec<(f32, f32)>, width: f32, color: Rgb, dashed: bool },
}

struct Layout<'f> {
    font: &'f ReportFont,
    pages: Vec<Vec<Step>>,
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(font: &'f ReportFont) -> Self {
        Layout { font, pages: vec![Vec::new()], y: TOP }
    }

    fn page(&mut self) -> &mut Vec<Step> {
        self.pages.last_mut().expect("layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits; an empty page is never left behind.
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, color: Rgb, text: impl Into<String>) {
        self.page().push(Step::Text { x, y, size, color, text: text.into() });
    }

    /// Text placed inside the span [x, x + w] by alignment, cut with an ellipsis if it does not fit.
    fn text_in(&mut self, (x, w): (f32, f32), y: f32, size: f32, color: Rgb, align: Align, text: &str) {
        let text = fit(self.font, text, size, w);
        let tw = self.font.width(&text, size);
        let tx = match align {
            Align::Left => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        self.text(tx, y, size, color, text);
    }

    fn line(&mut self, points: Vec<(f32, f32)>, width: f32, color: Rgb, dashed: bool) {
        self.page().push(Step::Line { points, width, color, dashed });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.page().push(Step::Rect { x, y, w, h, color });
    }

    fn cover(&mut self, lines: &[String]) {
        let mut y = PAGE_H * 0.36;
        for (i, line) in lines.iter().enumerate() {
            let size = if i == 0 { 26.0 } else { 14.0 };
            let color = if i == 0 { INK } else { MUTED };
            self.text_in((MARGIN_X, CONTENT_W), y, size, color, Align::Center, line);
            if i == 0 {
                self.line(vec![(MARGIN_X + 80.0, y + 16.0), (PAGE_W - MARGIN_X - 80.0, y + 16.0)], 1.0, ACCENT, false);
                y += 52.0;
            } else {
                y += 26.0;
            }
        }
    }

    fn heading(&mut self, text: &str) {
        // Kept with at least two lines of what follows.
        self.room_for(70.0);
        if self.y > TOP {
            self.y += 14.0;
        }
        self.y += 16.0;
        self.text_in((MARGIN_X, CONTENT_W), self.y, 15.0, INK, Align::Left, text);
        self.y += 6.0;
        self.line(vec![(MARGIN_X, self.y), (PAGE_W - MARGIN_X, self.y)], 0.6, RULE, false);
        self.y += 10.0;
    }

    fn paragraph(&mut self, text: &str) {
        for line in wrap(self.font, text, BODY, CONTENT_W) {
            self.room_for(16.0);
            self.y += 14.0;
            self.text(MARGIN_X, self.y, BODY, INK, line);
            self.y += 2.0;
        }
        self.y += 6.0;
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.0)).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table.columns.iter().map(|c| CONTENT_W * c.weight.max(0.0) / total).collect();
        self.room_for(ROW_H * 2.0);
        self.table_header(table, &widths);
        for row in &table.rows {
            if self.y + ROW_H > BOTTOM {
                self.new_page();
                self.table_header(table, &widths);
            }
            let mut x = MARGIN_X;
            for (i, col) in table.columns.iter().enumerate() {
                let cell = row.get(i).unwrap_or(&Cell::Empty);
                let align = match cell {
                    Cell::Money(_) | Cell::Number(_) if col.align == Align::Left => Align::Right,
                    _ => col.align,
                };
                self.text_in((x + 4.0, widths[i] - 8.0), self.y + 12.5, TABLE_TEXT, INK, align, &cell.text());
                x += widths[i];
            }
            self.y += ROW_H;
            self.line(vec![(MARGIN_X, self.y), (PAGE_W - MARGIN_X, self.y)], 0.4, RULE, false);
        }
        self.y += 10.0;
    }

    fn table_header(&mut self, table: &Table, widths: &[f32]) {
        self.rect(MARGIN_X, self.y, CONTENT_W, ROW_H, HEADER_BG);
        let mut x = MARGIN_X;
        for (col, w) in table.columns.iter().zip(widths) {
            self.text_in((x + 4.0, w - 8.0), self.y + 12.5, TABLE_TEXT, INK, col.align, &col.header);
            x += w;
        }
        self.y += ROW_H;
    }

    fn bar_chart(&mut self, chart: &BarChart) {
        let plot_h = 130.0;
        self.room_for(plot_h + 60.0);
        self.y += 14.0;
        self.text(MARGIN_X, self.y, 11.0, INK, chart.title.clone());
        self.y += 20.0;
        let top = self.y;
        let base = top + plot_h;
        let max = chart.bars.iter().map(|b| b.1).fold(0.0_f64, f64::max);
        let slot = CONTENT_W / chart.bars.len().max(1) as f32;
        for (i, (label, value)) in chart.bars.iter().enumerate() {
            let h = if max > 0.0 { (value.max(0.0) / max) as f32 * (plot_h - 14.0) } else { 0.0 };
            let x = MARGIN_X + slot * i as f32;
            let bar_w = (slot * 0.6).min(48.0);
            let bx = x + (slot - bar_w) / 2.0;
            self.rect(bx, base - h, bar_w, h, ACCENT);
            self.text_in((x, slot), base - h - 3.0, 8.0, INK, Align::Center, &format!("{}{}", number(*value), chart.unit));
            self.text_in((x + 2.0, slot - 4.0), base + 12.0, 8.0, MUTED, Align::Center, label);
        }
        self.line(vec![(MARGIN_X, base), (PAGE_W - MARGIN_X, base)], 0.8, MUTED, false);
        self.y = base + 26.0;
    }

    fn line_chart(&mut self, chart: &LineChart) {
        // A full chart leaves 36 pt on the right so the last value's label stays inside the margin.
        let (plot_w, plot_h, x0) = if chart.sparkline {
            (140.0, 28.0, MARGIN_X + CONTENT_W - 140.0 - 70.0)
        } else {
            (CONTENT_W - 40.0 - 36.0, 120.0, MARGIN_X + 40.0)
        };
        self.room_for(plot_h + if chart.sparkline { 16.0 } else { 60.0 });
        let top = if chart.sparkline {
            self.y += 4.0;
            self.text_in((MARGIN_X, x0 - MARGIN_X - 10.0), self.y + plot_h / 2.0 + 4.0, BODY, INK, Align::Left, &chart.title);
            self.y
        } else {
            self.y += 14.0;
            self.text(MARGIN_X, self.y, 11.0, INK, chart.title.clone());
            self.y + 14.0
        };
        let mut lo = chart.values.iter().copied().chain(chart.target).fold(f64::INFINITY, f64::min);
        let mut hi = chart.values.iter().copied().chain(chart.target).fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if !chart.sparkline {
            lo = lo.min(0.0);
        }
        if (hi - lo).abs() < f64::EPSILON {
            hi = lo + 1.0;
        }
        let n = chart.values.len();
        let px = |i: usize| x0 + if n > 1 { plot_w * i as f32 / (n - 1) as f32 } else { plot_w / 2.0 };
        let py = |v: f64| top + plot_h - ((v - lo) / (hi - lo)) as f32 * plot_h;
        if !chart.sparkline {
            self.line(vec![(x0, top), (x0, top + plot_h), (x0 + plot_w, top + plot_h)], 0.8, MUTED, false);
            self.text_in((MARGIN_X, 36.0), top + 4.0, 8.0, MUTED, Align::Right, &number(hi));
            self.text_in((MARGIN_X, 36.0), top + plot_h, 8.0, MUTED, Align::Right, &number(lo));
            // Every label when they fit; otherwise every k-th so they never overlap.
            let step = n.div_ceil(12).max(1);
            for (i, label) in chart.labels.iter().enumerate().take(n) {
                if i % step == 0 || i + 1 == n {
                    let slot = (plot_w / n.max(1) as f32).max(40.0);
                    self.text_in((px(i) - slot / 2.0, slot), top + plot_h + 12.0, 8.0, MUTED, Align::Center, label);
                }
            }
        }
        if let Some(t) = chart.target {
            self.line(vec![(x0, py(t)), (x0 + plot_w, py(t))], 0.8, TARGET, true);
        }
        let points: Vec<(f32, f32)> = chart.values.iter().enumerate().map(|(i, v)| (px(i), py(*v))).collect();
        if points.len() > 1 {
            self.line(points.clone(), if chart.sparkline { 1.2 } else { 1.6 }, ACCENT, false);
        }
        for (x, y) in &points {
            if !chart.sparkline || Some(&(*x, *y)) == points.last() {
                self.rect(x - 1.8, y - 1.8, 3.6, 3.6, ACCENT);
            }
        }
        if let (Some(last), Some((x, y))) = (chart.values.last(), points.last()) {
            self.text(x + 5.0, y + 3.0, 8.0, INK, format!("{}{}", number(*last), chart.unit));
        }
        self.y = top + plot_h + if chart.sparkline { 10.0 } else { 28.0 };
    }
}

/// A chart value as a label: whole numbers without decimals, others with one.
fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn fit(font: &ReportFont, text: &str, size: f32, width: f32) -> String {
    if font.width(text, size) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && font.width(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{out}…")
}

/// Breaks between any two Chinese characters, and between Latin words where it can.
fn wrap(font: &ReportFont, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for ch in paragraph.chars() {
            line.push(ch);
            if font.width(&line, size) > width {
                line.pop();
                let carry = match line.rfind(' ') {
                    Some(at) if ch.is_ascii_alphanumeric() && at > 0 => {
                        let rest = line[at + 1..].to_string();
                        line.truncate(at);
                        rest
                    }
                    _ => String::new(),
                };
                lines.push(std::mem::take(&mut line));
                line = carry;
                line.push(ch);
            }
        }
        lines.push(line);
    }
    lines
}

fn fill(color: Rgb) -> Fill {
    Fill { paint: rgb::Color::new(color.0, color.1, color.2).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// Every page's drawing steps, the cover first.
fn lay_out<'f>(doc: &ReportDocument, font: &'f ReportFont) -> Layout<'f> {
    let mut layout = Layout::new(font);
    if !doc.title_lines.is_empty() {
        layout.cover(&doc.title_lines);
        if !doc.blocks.is_empty() {
            layout.new_page();
        }
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            // A heading, or a line introducing a table or a chart, stays on the page with the
            // start of what follows it.
            Block::Heading(t) => {
                layout.room_for(keep_with(&doc.blocks, i, font));
                layout.heading(t)
            }
            Block::Paragraph(t) => {
                layout.room_for(keep_with(&doc.blocks, i, font));
                layout.paragraph(t)
            }
            Block::Table(t) => layout.table(t),
            Block::BarChart(c) => layout.bar_chart(c),
            Block::LineChart(c) => layout.line_chart(c),
            Block::PageBreak => {
                if layout.y > TOP {
                    layout.new_page();
                }
            }
        }
    }
    layout
}

/// The height block `i` needs on its page so it is not left there alone: a heading or a
/// paragraph with the start of what follows (a table's header and first row, a chart whole).
fn keep_with(blocks: &[Block], i: usize, font: &ReportFont) -> f32 {
    match blocks.get(i) {
        Some(Block::Heading(_)) => 46.0 + keep_with(blocks, i + 1, font),
        Some(Block::Paragraph(t)) => {
            let lines = wrap(font, t, BODY, CONTENT_W).len() as f32;
            lines * 16.0
                + 6.0
                + match blocks.get(i + 1) {
                    Some(Block::Paragraph(_) | Block::Heading(_)) | None => 0.0,
                    Some(_) => keep_with(blocks, i + 1, font),
                }
        }
        Some(Block::Table(_)) => ROW_H * 2.0 + 10.0,
        Some(Block::LineChart(c)) if c.sparkline => 42.0,
        Some(Block::LineChart(_) | Block::BarChart(_)) => 190.0,
        Some(Block::PageBreak) | None => 0.0,
    }
}

/// Renders the report as A4 PDF bytes, embedding a subset of the font from `font`.
pub fn write_pdf(doc: &ReportDocument, font: &FontSource) -> Result<Vec<u8>> {
    let font = ReportFont::load(font)?;
    let layout = lay_out(doc, &font);
    let pages = layout.pages;
    let total = pages.len();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| Error::PdfWrite("A4 page size".into()))?;
    let shaper = font.shaper().ok_or_else(|| Error::PdfWrite("the font's layout tables cannot be read".into()))?;
    let mut pdf = Document::new();
    // The viewer's window title and the language screen readers and text search assume.
    let language = if doc.english { "en" } else { "zh-CN" };
    let mut metadata = Metadata::new().language(language.into()).creator("Rampart".into());
    if let Some(title) = doc.title_lines.first() {
        metadata = metadata.title(title.clone());
    }
    pdf.set_metadata(metadata);
    for (i, steps) in pages.into_iter().enumerate() {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for step in steps.iter().chain(std::iter::once(&footer(&font, doc, i + 1, total))) {
            match step {
                Step::Text { x, y, size, color, text } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*color)));
                    let glyphs = shaper.shape(text);
                    surface.draw_glyphs(Point::from_xy(*x, *y), &glyphs, font.face.clone(), text, *size, false);
                }
                Step::Rect { x, y, w, h, color } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x, *y);
                    pb.line_to(x + w, *y);
                    pb.line_to(x + w, y + h);
                    pb.line_to(*x, y + h);
                    pb.close();
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
                Step::Line { points, width, color, dashed } => {
                    let mut pb = PathBuilder::new();
                    for (k, (x, y)) in points.iter().enumerate() {
                        if k == 0 {
                            pb.move_to(*x, *y);
                        } else {
                            pb.line_to(*x, *y);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(color.0, color.1, color.2).into(),
                            width: *width,
                            dash: dashed.then(|| StrokeDash { array: vec![4.0, 3.0], offset: 0.0 }),
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| Error::PdfWrite(format!("{e:?}")))
}

fn footer(font: &ReportFont, doc: &ReportDocument, page: usize, total: usize) -> Step {
    let number = if doc.english { format!("Page {page} of {total}") } else { format!("第 {page} / {total} 页") };
    let text = if doc.footer.is_empty() { number } else { format!("{}　{number}", doc.footer) };
    let w = font.width(&text, 8.5);
    Step::Text { x: (PAGE_W - w) / 2.0, y: PAGE_H - 30.0, size: 8.5, color: MUTED, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::report_pdf::model::Column;
    use crate::Money;

    fn font() -> ReportFont {
        ReportFont::load(&FontSource::noto_sans_sc()).expect("fonts-noto-cjk is installed by setup")
    }

    /// (x, text width) of every text step whose text is in `wanted`.
    fn placed(layout: &Layout<'_>, wanted: &[&str]) -> Vec<(f32, f32)> {
        layout.pages[0]
            .iter()
            .filter_map(|s| match s {
                Step::Text { x, size, text, .. } if wanted.contains(&text.as_str()) => Some((*x, layout.font.width(text, *size))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn money_lines_up_on_the_right_even_in_a_left_aligned_column() {
        let font = font();
        let mut layout = Layout::new(&font);
        let table = Table {
            columns: vec![Column::new("团队", Align::Left, 2.0), Column::new("金额", Align::Left, 1.0)],
            rows: vec![
                vec![Cell::Text("城东".into()), Cell::Money(Money::from_fen(100))],
                vec![Cell::Text("高新区营销中心".into()), Cell::Money(Money::from_fen(123_456_789))],
            ],
        };
        layout.table(&table);
        let money = placed(&layout, &["1.00", "1,234,567.89"]);
        assert_eq!(money.len(), 2, "both amounts are set");
        let (a, b) = (money[0].0 + money[0].1, money[1].0 + money[1].1);
        assert!((a - b).abs() < 0.01, "amounts end at the same x so their digits line up: {a} vs {b}");
        assert!(money[0].0 > money[1].0, "the shorter amount starts further right");
        let names = placed(&layout, &["城东", "高新区营销中心"]);
        assert!((names[0].0 - names[1].0).abs() < 0.01, "left-aligned text starts at the same x");
    }

    #[test]
    fn wrapped_lines_fit_the_width_and_lose_no_character() {
        let font = font();
        let text = "本周高端移动用户发展 128 户，目的二完成率 64%，较上周提高 9 个百分点。".repeat(5);
        let lines = wrap(&font, &text, BODY, 200.0);
        assert!(lines.len() > 3, "a long paragraph wraps onto several lines");
        for line in &lines {
            assert!(font.width(line, BODY) <= 200.0, "line {line:?} is wider than the column");
        }
        let rejoined: String = lines.concat();
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&rejoined), squeeze(&text), "wrapping only moves breaks, it never drops text");
    }

    #[test]
    fn a_line_introducing_a_table_moves_to_the_next_page_with_it() {
        let table = Table { columns: vec![Column::new("客户", Align::Left, 1.0)], rows: vec![vec![Cell::Text("徐州".into())]; 3] };
        // 31 one-line paragraphs of 22 pt end 40 pt above the bottom: room for the line (22 pt),
        // not for it and the table's header and first row.
        let mut blocks = vec![Block::Paragraph("填充".into()); 31];
        blocks.push(Block::Paragraph("城东：3 项".into()));
        blocks.push(Block::Table(table));
        let doc = ReportDocument { blocks, ..Default::default() };
        let font = font();
        let layout = lay_out(&doc, &font);
        let last_page = layout.pages.last().expect("a page");
        let on_last = last_page.iter().any(|s| matches!(s, Step::Text { text, .. } if text == "城东：3 项"));
        assert!(on_last && layout.pages.len() == 2, "the introducing line starts the second page, with its table");
    }

    #[test]
    fn a_cell_too_wide_is_cut_with_an_ellipsis_inside_its_column() {
        let font = font();
        let cut = fit(&font, "宽带保卫战城东营销中心第一网格存量协议锁定", TABLE_TEXT, 60.0);
        assert!(cut.ends_with('…') && font.width(&cut, TABLE_TEXT) <= 60.0, "{cut:?} should fit 60 pt");
    }
}
