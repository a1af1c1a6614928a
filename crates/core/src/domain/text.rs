//! Shared checks for free-text fields, and the folding that makes two spellings of one code equal.

use crate::error::{FieldError, Problem};

/// Trims `value` and checks it against a length limit; `required` refuses empty text, and a
/// control character (a NUL pasted from another system, say) is refused rather than stored.
pub(crate) fn check(errors: &mut Vec<FieldError>, field: &'static str, value: &str, max: usize, required: bool) -> String {
    let trimmed = value.trim().to_string();
    if required && trimmed.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if trimmed.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    } else if has_control(&trimmed, matches!(field, "notes" | "goals" | "needs" | "competitors" | "next_steps")) {
        errors.push(FieldError::new(field, Problem::ControlCharacter));
    }
    trimmed
}

/// Whether `text` holds a control character; `multiline` text may hold line breaks and tabs.
pub fn has_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

/// Full-width ASCII (ＡＢ０１, as Chinese input methods type it) to its half-width twin, and the
/// ideographic space to a space. Written out rather than full NFKC, which would also turn
/// superscripts and circled digits into digits ("10²" into "102") — a guess, not a fold.
pub fn fold_width(text: &str) -> std::borrow::Cow<'_, str> {
    let folds = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    // Most values have nothing to fold: they are read as they are, without a copy.
    if text.is_ascii() || !text.chars().any(folds) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Printable ASCII without lower case is already a folded code (no spaces, no zero-width marks).
fn is_folded(code: &str) -> bool {
    code.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase())
}

/// `fold_code` of a code the caller owns: kept as it is when already folded.
pub fn fold_code_owned(code: String) -> String {
    if is_folded(&code) {
        code
    } else {
        fold_code(&code)
    }
}

/// A column header as it is compared: width-folded, with no spaces at all, lower case, so
/// "协议期限（月）" and "协议期限 (月)", or "Client_Code" and "ＣＬＩＥＮＴ＿ＣＯＤＥ", are one header.
pub fn fold_header(header: &str) -> String {
    fold_width(header).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A client code as it is stored and compared: width-folded, without zero-width characters,
/// trimmed, ASCII letters upper-cased. `ab01`, ` AB01 ` and `ＡＢ01` are one client `AB01`.
/// Only ASCII is case-folded: codes are ASCII in practice, and Unicode case rules (ß → SS)
/// would merge codes nobody meant to merge.
pub fn fold_code(code: &str) -> String {
    if is_folded(code) {
        return code.to_string();
    }
    fold_width(code)
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .collect::<String>()
        .trim()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_fold_to_one_spelling() {
        for code in ["ab01", "AB01", " AB01 ", "ＡＢ01", "ａｂ０１", "\u{3000}AB01\u{FEFF}"] {
            assert_eq!(fold_code(code), "AB01", "{code:?} names the same client as AB01");
        }
        assert_eq!(fold_code("客户01"), "客户01", "Chinese characters are kept as they are");
        assert_ne!(fold_code("AB01"), fold_code("AB1"), "folding never drops a real character");
    }

    #[test]
    fn headers_fold_across_width_spacing_and_case() {
        assert_eq!(fold_header("协议期限（月）"), fold_header("协议期限 (月)"), "full-width brackets are the ASCII ones");
        assert_eq!(fold_header(" 客户\u{3000}编码\t"), "客户编码", "every space goes, the ideographic one too");
        assert_eq!(fold_header("ＣＬＩＥＮＴ＿ＣＯＤＥ"), "client_code", "full-width Latin folds, then lower-cases");
        assert_eq!(fold_header("月费(元)"), "月费(元)", "a header with nothing to fold is kept");
    }

    #[test]
    fn control_characters_are_found() {
        assert!(has_control("徐州\0公司", false));
        assert!(has_control("a\nb", false), "a name is one line");
        assert!(!has_control("第一行\n第二行\t", true), "notes may have line breaks");
        assert!(has_control("a\u{7}b", true), "a bell is never text");
        assert!(!has_control("ＡＢ 01", false));
    }
}
