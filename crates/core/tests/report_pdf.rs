//! The PDF report writer, read back by a second reader (pdf-extract): Chinese text must come out
//! as text (not just shapes), numbers as set, and the embedded font must be a small subset.
//! Needs fonts-noto-cjk, which scripts/setup.sh installs.

use rampart_core::export::report_pdf::{write_pdf, Align, BarChart, Block, Cell, Column, FontSource, LineChart, ReportDocument, Table};
use rampart_core::{Error, Money};

fn sample_table(rows: usize) -> Table {
    Table {
        columns: vec![
            Column::new("团队", Align::Left, 3.0),
            Column::new("指标", Align::Left, 3.0),
            Column::new("数量", Align::Right, 1.5),
            Column::new("补贴金额（元）", Align::Right, 2.5),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    Cell::Text(format!("城东营销中心{}组", i + 1)),
                    Cell::Text("存量协议锁定".into()),
                    Cell::Number(i as i64 * 7 + 3),
                    Cell::Money(Money::from_fen(123_456_789 + i as i64 * 1_001)),
                ]
            })
            .collect(),
    }
}

fn weekly_report(table_rows: usize) -> ReportDocument {
    ReportDocument {
        title_lines: vec!["宽带保卫战周报".into(), "截至 2026-12-02　剩余 29 天".into(), "全活动".into()],
        footer: "2026 年存量保卫活动".into(),
        blocks: vec![
            Block::Heading("一、目标完成情况".into()),
            Block::Paragraph("本周高端移动用户发展 128 户，目的二完成率 64%，较上周提高 9 个百分点。".into()),
            Block::LineChart(LineChart {
                title: "保有率".into(),
                labels: vec!["11-04".into(), "11-11".into(), "11-18".into(), "11-25".into(), "12-02".into()],
                values: vec![91.0, 92.5, 93.0, 94.5, 95.5],
                unit: "%".into(),
                target: Some(95.0),
                sparkline: true,
            }),
            Block::Table(sample_table(table_rows)),
            Block::BarChart(BarChart {
                title: "各团队补贴使用".into(),
                bars: vec![("城东".into(), 420.0), ("城西".into(), 310.0), ("高新区".into(), 150.0)],
                unit: "万".into(),
            }),
            Block::LineChart(LineChart {
                title: "宽带预警保有率走势".into(),
                labels: vec!["11-04".into(), "11-11".into(), "11-18".into(), "11-25".into(), "12-02".into()],
                values: vec![88.0, 90.0, 89.5, 93.0, 95.5],
                unit: "%".into(),
                target: Some(95.0),
                sparkline: false,
            }),
        ],
        english: false,
    }
}

fn write(doc: &ReportDocument, name: &str) -> (Vec<u8>, String) {
    let bytes = write_pdf(doc, &FontSource::noto_sans_sc()).expect("fonts-noto-cjk is installed by setup");
    // Kept for looking at by eye (pdftoppm) when RAMPART_KEEP_PDF names a folder.
    if let Ok(dir) = std::env::var("RAMPART_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("keep the PDF");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).expect("write the PDF");
    let text = pdf_extract::extract_text(&path).expect("a second reader can open the PDF");
    (bytes, text)
}

/// Extraction may put spaces or line breaks between glyph runs; compare without them.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn chinese_title_table_and_charts_read_back_as_text() {
    let (bytes, text) = write(&weekly_report(6), "weekly.pdf");
    let text = squeezed(&text);
    assert!(bytes.starts_with(b"%PDF-"), "the writer produces a PDF file");
    let info = pdf_extract::Document::load_mem(&bytes).expect("lopdf (through pdf-extract) reads the PDF");
    assert_eq!(info.get_pages().len(), 2, "a cover page and one page of content");
    for expected in [
        "宽带保卫战周报",
        "截至2026-12-02",
        "一、目标完成情况",
        "高端移动用户发展128户",
        "城东营销中心1组",
        "存量协议锁定",
        "补贴金额（元）",
        "1,234,567.89",
        "1,234,617.94",
        "各团队补贴使用",
        "高新区",
        "420万",
        "宽带预警保有率走势",
        "95.5%",
    ] {
        assert!(text.contains(expected), "the PDF's text should contain {expected:?} (ToUnicode maps the CJK glyphs back); got {text}");
    }
    assert!(text.contains("第1/2页") && text.contains("第2/2页"), "cover and one content page, each numbered of 2: {text}");
}

#[test]
fn ten_page_report_stays_small_with_a_font_subset() {
    // About 40 rows fit a page: 360 rows run to ten pages or more.
    let (bytes, text) = write(&weekly_report(360), "ten_pages.pdf");
    let text = squeezed(&text);
    assert!(text.contains("第10/"), "the long table should run to at least ten pages: {}", &text[text.len().saturating_sub(200)..]);
    assert!(text.contains("城东营销中心360组"), "the last row is printed, on a continued page");
    // The whole face is about 16 MB; a subset of the few hundred glyphs used is tens of kB.
    assert!(bytes.len() < 150_000, "a ten-page report embeds a font subset, not the font: {} bytes", bytes.len());
}

#[test]
fn a_missing_font_names_the_package_to_install() {
    let source = FontSource { path: "/nonexistent/NotoSansCJK-Regular.ttc".into(), index: 2, package: "fonts-noto-cjk".into() };
    let err = write_pdf(&weekly_report(1), &source).expect_err("no font, no PDF: blanks instead of Chinese would mislead");
    assert!(matches!(err, Error::FontMissing { .. }), "a missing font is its own error: {err:?}");
    assert!(err.message_zh().contains("fonts-noto-cjk") && err.message_zh().contains("/nonexistent/"), "{}", err.message_zh());
    assert!(err.message_en().contains("install the fonts-noto-cjk package"), "{}", err.message_en());
}

#[test]
fn a_file_that_is_not_a_font_is_refused_like_a_missing_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("not-a-font.ttc");
    std::fs::write(&path, b"this is not a font").expect("write");
    let source = FontSource { path, index: 0, package: "fonts-noto-cjk".into() };
    let err = write_pdf(&weekly_report(1), &source).expect_err("a broken font file cannot set Chinese text");
    assert!(matches!(err, Error::FontMissing { .. }), "{err:?}");
}
