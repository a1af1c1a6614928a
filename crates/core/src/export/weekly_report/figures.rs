//! How the report's figures read, the same in the PDF and the workbook: a KPI's value in its
//! unit, shares, scores, and the labels of statuses, scopes and teams in either language.

use crate::domain::awards::Scope;
use crate::domain::kpi::KpiStatus;
use crate::domain::tracker::Lang;
use crate::money::Money;

/// What a KPI's number is, by its unit: a percentage (0–100), an amount in 元, or a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Percent,
    Yuan,
    Plain,
}

pub(super) fn kind(unit: &str) -> Kind {
    match unit.trim() {
        "%" => Kind::Percent,
        "元" => Kind::Yuan,
        _ => Kind::Plain,
    }
}

/// `yuan` as money, rounded to the fen.
pub(super) fn money(yuan: f64) -> Money {
    Money::from_fen((yuan * 100.0).round() as i64)
}

/// A KPI's figure as text in its unit; a dash for none.
pub(super) fn value_text(value: Option<f64>, unit: &str) -> String {
    let Some(v) = value else {
        return "—".into();
    };
    match kind(unit) {
        Kind::Percent => format!("{v:.1}%"),
        Kind::Yuan => format!("{} 元", money(v)),
        Kind::Plain if (v - v.round()).abs() < 1e-9 => format!("{v:.0}{}", unit.trim()),
        Kind::Plain => format!("{v:.2}{}", unit.trim()),
    }
}

/// Basis points as a percentage with two decimals; a dash for none.
pub(super) fn share_text(bp: Option<i64>) -> String {
    bp.map(|bp| format!("{:.2}%", bp as f64 / 100.0)).unwrap_or_else(|| "—".into())
}

/// `part` out of `whole` in basis points; none without a whole.
pub(super) fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| part * 10_000 / whole)
}

/// A ranking score: a count, or basis points for attainment and weighted scores.
pub(super) fn score_is_share(unit: &str) -> bool {
    unit != "quantity"
}

pub(super) fn score_text(score: i64, unit: &str) -> String {
    if score_is_share(unit) {
        share_text(Some(score))
    } else {
        score.to_string()
    }
}

pub(super) fn score_unit(unit: &str, lang: Lang) -> &'static str {
    match unit {
        "attainment_bp" => lang.pick("目标完成率", "of target"),
        "weighted_bp" => lang.pick("加权得分", "weighted"),
        _ => lang.pick("数量", "count"),
    }
}

pub(super) fn status(status: KpiStatus, lang: Lang) -> &'static str {
    lang.pick(status.label_zh(), status.label_en())
}

pub(super) fn scope(scope: Scope, industry: Option<&str>, lang: Lang) -> String {
    let who = match scope {
        Scope::Team => lang.pick("团队", "Teams"),
        Scope::Person => lang.pick("个人", "People"),
    };
    match industry {
        Some(industry) if !industry.is_empty() => format!("{who}（{industry}）"),
        _ => who.to_string(),
    }
}

/// A team's name, or what to call clients without a team.
pub(super) fn team(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        lang.pick("未分配团队", "No team").to_string()
    } else {
        name.to_string()
    }
}

/// The team the report is narrowed to, or everyone.
pub(super) fn report_team(name: Option<&str>, lang: Lang) -> String {
    name.map(str::to_string).unwrap_or_else(|| lang.pick("全部", "All teams").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_reads_in_its_unit() {
        assert_eq!(value_text(Some(64.25), "%"), "64.2%", "percent KPIs to one decimal");
        assert_eq!(value_text(Some(1234.5), "元"), "1,234.50 元", "money as money");
        assert_eq!(value_text(Some(128.0), "户"), "128户", "a whole count without decimals");
        assert_eq!(value_text(None, "%"), "—", "no figure yet is a dash, not zero");
        assert_eq!(share_text(Some(3333)), "33.33%");
        assert_eq!(share_bp(1, 3), Some(3333));
        assert_eq!(share_bp(1, 0), None, "nothing to divide by");
    }
}
