//! Shared checks for free-text fields.

use crate::error::{FieldError, Problem};

/// Trims `value` and checks it against a length limit; `required` refuses empty text.
pub(crate) fn check(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let trimmed = value.trim().to_string();
    if required && trimmed.is_empty() {
        errors.push(FieldError::new(field, Problem::Required));
    } else if trimmed.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    }
    trimmed
}
