//! Basis points (1 bp = 0.01 %) as a planner reads them. Apart from the subsidy rules so that
//! error messages can show a rate without the error type depending on the rules that raise it.

/// "40%", "52.5%", "52.25%".
pub fn percent(bp: i64) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_reads_naturally() {
        assert_eq!(percent(4_000), "40%");
        assert_eq!(percent(5_250), "52.5%", "no trailing zero");
        assert_eq!(percent(5_225), "52.25%");
    }
}
