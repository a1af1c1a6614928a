//! Properties of the value parsers over arbitrary input: they never panic, whatever they accept
//! lies inside its range, and what Money prints reads back as the same amount. The case count
//! is bounded so this runs in a few seconds under `cargo test`.

use chrono::Datelike;
use proptest::prelude::*;
use rampart_core::domain::{fold_code, limits};
use rampart_core::import::cells::{Cell, Fault};
use rampart_core::import::values::{amount, client_code, date, fee, flag, line_text, quantity, term_months, whole_number};
use rampart_core::Money;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text that looks like what planners type, so the interesting paths are reached often:
/// digits (half- and full-width), separators, currency marks, date marks, signs, letters.
fn planner_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0", "1", "2", "3", "5", "9", "12", "123", "1990", "2027", "46477", "９", "１２", "０", ",", "，", ".", "．", "-", "+", "/", "年",
        "月", "日", "元", "¥", "￥", " ", "\u{3000}", "e", "E", "个月", "T", "是", "否", "Y", "n", "\0", "\u{7}", "ab", "ＡＢ", "\u{FEFF}",
        "#N/A",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![planner_text(), any::<String>()]
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        any_text().prop_map(Cell::Text),
        any::<f64>().prop_map(Cell::Number),
        (-1e12f64..1e12).prop_map(Cell::Number),
        any::<bool>().prop_map(Cell::Bool),
        Just(Cell::Fault(Fault::Error("#N/A".into()))),
        Just(Cell::Fault(Fault::Uncached)),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn money_parse_never_panics_and_reads_back_its_own_display(fen in any::<i64>(), text in any_text()) {
        let _ = Money::parse(&text);
        let m = Money::from_fen(fen);
        prop_assert_eq!(Money::parse(&m.to_string()), Some(m), "grouped display {} reads back", m);
        prop_assert_eq!(Money::parse(&m.plain()), Some(m), "plain display {} reads back", m.plain());
        prop_assert_eq!(Money::parse(&format!("{m}元")), Some(m));
    }

    #[test]
    fn money_from_any_float_never_panics(value in any::<f64>()) {
        if let Some(m) = Money::from_f64(value) {
            prop_assert!(value.is_finite(), "{value} gave {m}");
        }
    }

    #[test]
    fn accepted_amounts_are_inside_their_range(cell in any_cell()) {
        if let Ok(Some(m)) = fee(&cell) {
            prop_assert!(limits::FEE.contains(m), "{cell:?} gave the fee {m}");
        }
        if let Ok(Some(m)) = amount(&cell, limits::ACHIEVEMENT_AMOUNT) {
            prop_assert!(limits::ACHIEVEMENT_AMOUNT.contains(m), "{cell:?} gave {m}");
        }
    }

    #[test]
    fn fees_in_range_read_back_from_text_and_numbers(fen in limits::FEE.min.fen()..=limits::FEE.max.fen()) {
        let m = Money::from_fen(fen);
        prop_assert_eq!(fee(&Cell::Text(m.to_string())), Ok(Some(m)));
        prop_assert_eq!(fee(&Cell::Number(fen as f64 / 100.0)), Ok(Some(m)), "a number cell rounds to the same fen");
    }

    #[test]
    fn accepted_whole_numbers_are_inside_their_range(cell in any_cell(), low in -1_000i64..1_000, span in 0i64..1_000_000) {
        let range = low..=low + span;
        if let Ok(Some(n)) = whole_number(&cell, range.clone()) {
            prop_assert!(range.contains(&n), "{cell:?} gave {n}");
        }
        if let Ok(Some(n)) = term_months(&cell) {
            prop_assert!(limits::TERM_MONTHS.contains(&n), "{cell:?} gave the term {n}");
        }
        if let Ok(Some(n)) = quantity(&cell) {
            prop_assert!(limits::QUANTITY.contains(&n), "{cell:?} gave the quantity {n}");
        }
    }

    #[test]
    fn whole_numbers_read_back(n in limits::TERM_MONTHS) {
        prop_assert_eq!(term_months(&Cell::Text(n.to_string())), Ok(Some(n)));
        prop_assert_eq!(term_months(&Cell::Text(format!("{n}.0"))), Ok(Some(n)));
        prop_assert_eq!(term_months(&Cell::Number(n as f64)), Ok(Some(n)));
    }

    #[test]
    fn accepted_dates_are_inside_the_years(cell in any_cell()) {
        if let Ok(Some(d)) = date(&cell) {
            prop_assert!(limits::YEARS.contains(&d.year()), "{cell:?} gave {d}");
        }
    }

    #[test]
    fn dates_in_range_read_back(days in 0i64..40_000) {
        let d = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("d") + chrono::Duration::days(days);
        prop_assume!(limits::YEARS.contains(&d.year()));
        for text in [d.to_string(), d.format("%Y/%-m/%-d").to_string(), d.format("%Y年%-m月%-d日").to_string(), d.format("%Y%m%d").to_string()] {
            prop_assert_eq!(date(&Cell::Text(text.clone())), Ok(Some(d)), "{}", text);
        }
        prop_assert_eq!(date(&Cell::Date(d)), Ok(Some(d)));
    }

    #[test]
    fn flags_and_text_never_panic(cell in any_cell()) {
        let _ = flag(&cell);
        if let Ok(text) = line_text(&cell) {
            prop_assert!(!text.chars().any(char::is_control), "{cell:?} let a control character through");
        }
        if matches!(cell, Cell::Fault(_)) {
            prop_assert!(line_text(&cell).is_err() && fee(&cell).is_err() && date(&cell).is_err() && flag(&cell).is_err());
        }
    }

    #[test]
    fn code_folding_is_stable_and_ignores_width_and_case(text in any_text()) {
        let once = fold_code(&text);
        prop_assert_eq!(fold_code(&once), once.clone(), "folding a folded code changes nothing");
        prop_assert_eq!(fold_code(&text.to_ascii_lowercase()), once.clone(), "case never matters");
        prop_assert_eq!(once.trim(), once.as_str(), "no surrounding space survives");
        if let Ok(code) = client_code(&Cell::Text(text.clone())) {
            prop_assert_eq!(code, once);
        }
    }

    #[test]
    fn full_width_codes_fold_to_their_ascii_twins(code in "[A-Za-z0-9]{1,12}") {
        let wide: String = code.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
        prop_assert_eq!(fold_code(&wide), code.to_ascii_uppercase());
    }
}
