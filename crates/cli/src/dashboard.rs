//! `rampart dashboard`: the campaign's progress on a day (概览), as text or JSON.

use rampart_core::domain::awards::Scope;
use rampart_core::domain::dashboard::{Dashboard, KpiProgress};
use rampart_core::domain::kpi::KpiStatus;
use rampart_core::Money;

use crate::output::{chinese, print_json, print_text, yuan_everywhere};

/// Money fields anywhere in the dashboard, printed in yuan with `*_fen` beside them.
const MONEY: [&str; 9] = ["budget", "used", "total", "remaining", "cost", "per_ranking", "offered", "paying", "prize_cost"];

pub fn print(d: &Dashboard, json: bool) {
    if json {
        let mut value = serde_json::to_value(d).unwrap_or_default();
        yuan_everywhere(&mut value, &MONEY);
        print_json(&value);
        return;
    }
    let zh = chinese();
    let t = |zh_text: &str, en_text: &str| if zh { zh_text.to_string() } else { en_text.to_string() };
    let mut out = Vec::new();
    let team = d.team_name.clone().unwrap_or_else(|| t("全部团队", "all teams"));
    out.push(format!("{} · {} · {team}", d.campaign_name, d.as_of));
    let c = d.calendar;
    out.push(if zh {
        format!("剩余 {} 天（{} 至 {}，已进行 {}/{} 天）", c.days_left, d.start_date, d.end_date, c.days_run, c.days_total)
    } else {
        format!("{} days left ({} to {}, day {} of {})", c.days_left, d.start_date, d.end_date, c.days_run, c.days_total)
    });
    for g in &d.goals {
        out.push(g.goal.name.clone());
        kpi_lines(&mut out, &g.kpis, zh);
    }
    for p in &d.parts {
        let kind = if zh { p.part.kind.label_zh() } else { p.part.kind.label_en() };
        let owner = p.part.owner_team.as_deref().map(|o| format!(" ({o})")).unwrap_or_default();
        out.push(format!("{kind} {}{owner}", p.part.name));
        kpi_lines(&mut out, &p.kpis, zh);
    }
    let s = d.subsidy;
    let share = s.used_bp.map(|bp| format!(" ({:.2}%)", bp as f64 / 100.0)).unwrap_or_default();
    out.push(format!(
        "{} {} / {} 元{share}{}",
        t("补贴预算", "Subsidy budget"),
        s.used,
        s.budget,
        if s.over { t(" 超支", " over") } else { String::new() }
    ));
    let i = &d.incentive;
    let budget = i.budget.map_or_else(|| "—".to_string(), |m| m.to_string());
    out.push(format!(
        "{} {} / {budget} 元{}",
        t("激励预算", "Incentive budget"),
        i.total,
        if i.over { t(" 超支", " over") } else { String::new() }
    ));
    out.push(t("一户一案：团队 目标客户 有方案 事项 完成 逾期", "Plans: team targets planned items done overdue"));
    for p in &d.plans {
        let name = if p.team_id.is_none() && p.team_name.is_empty() { t("合计", "total") } else { p.team_name.clone() };
        out.push(format!("  {name:<12} {:>8} {:>8} {:>8} {:>8} {:>6}", p.targets, p.planned, p.items, p.done, p.overdue));
    }
    let w = &d.warnings;
    let ages: Vec<String> = w.by_age.iter().map(|(age, n)| format!("{} {n}", if zh { age.label_zh() } else { age.label_en() })).collect();
    let retention = w.retention_bp.map_or_else(|| "—".to_string(), |bp| format!("{:.2}%", bp as f64 / 100.0));
    out.push(if zh {
        format!("未关闭预警 {}（{}），挽留率 {retention}（挽留 {}，流失 {}）", w.open, ages.join("，"), w.retained, w.lost)
    } else {
        format!("Open warnings {} ({}), retention {retention} ({} retained, {} lost)", w.open, ages.join(", "), w.retained, w.lost)
    });
    for l in &d.leaders {
        let scope = match (l.scope, zh) {
            (Scope::Team, true) => "团队",
            (Scope::Person, true) => "个人",
            (Scope::Team, false) => "teams",
            (Scope::Person, false) => "people",
        };
        let industry = l.industry.as_deref().map(|i| format!(" · {i}")).unwrap_or_default();
        let names: Vec<String> = l.leaders.iter().map(|e| format!("{}. {} {}", e.rank, e.name, e.score)).collect();
        let none = t("暂无", "none yet");
        out.push(format!(
            "{} ({scope}{industry}, {} 元): {}",
            l.name,
            l.prize_cost,
            if names.is_empty() { none } else { names.join("; ") }
        ));
    }
    let g = d.gaps;
    out.push(if zh {
        format!("高风险目标客户 {}：未补贴 {}，无方案 {}，无光纤到户 {}", g.high_risk, g.without_subsidy, g.without_plan, g.without_fibre)
    } else {
        format!(
            "High-risk targets {}: {} without a subsidy, {} without a plan, {} without fibre",
            g.high_risk, g.without_subsidy, g.without_plan, g.without_fibre
        )
    });
    print_text(&out.join("\n"));
}

fn kpi_lines(out: &mut Vec<String>, kpis: &[KpiProgress], zh: bool) {
    for k in kpis {
        let r = &k.reading;
        let value = r.value.map_or_else(|| "—".to_string(), |v| figure(v, &r.kpi.unit));
        let status = if zh { r.status.label_zh() } else { r.status.label_en() };
        let mark = match r.status {
            KpiStatus::Met => "✓",
            KpiStatus::AtRisk => "!",
            KpiStatus::Behind => "✗",
            KpiStatus::NoData => " ",
        };
        out.push(format!("  {mark} {:<20} {value:>14} / {:<14} {status}", r.kpi.name, figure(r.kpi.target, &r.kpi.unit)));
    }
}

/// A figure in its unit: percent and 元 with two decimals, counts without trailing zeros.
fn figure(value: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{value:.2}%"),
        "元" => format!("{} 元", Money::from_fen((value * 100.0).round() as i64)),
        _ => {
            let text = format!("{value:.2}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            format!("{text}{unit}")
        }
    }
}
