//! The weekly report as a PDF document: a cover, then each section with its table and, where
//! the app draws one, its chart (each KPI's weekly trend, plan coverage by team, open warnings
//! by age).

use super::figures::{self, Kind};
use super::WeeklyReport;
use crate::domain::dashboard::{KpiProgress, WarningAge};
use crate::domain::report_lists::by_team;
use crate::domain::tracker::Lang;
use crate::export::report_pdf::{Align, BarChart, Block, Cell, Column, LineChart, ReportDocument, Table};

/// Section headings, numbered the way each language numbers them.
const SECTIONS: [(&str, &str); 9] = [
    ("目标与关键指标", "Goals and KPIs"),
    ("攻坚战与服务维挽专题", "Battles and workstreams"),
    ("预算", "Budget"),
    ("奖项排名", "Standings"),
    ("一户一案", "Plans (一户一案)"),
    ("宽带预警", "Early warnings"),
    ("高风险客户缺口", "High-risk targets without help"),
    ("逾期方案事项（按团队）", "Late plan items by team"),
    ("未关闭预警（按团队）", "Open warnings by team"),
];

fn heading(n: usize, lang: Lang) -> Block {
    const ZH_NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (zh, en) = SECTIONS[n];
    Block::Heading(match lang {
        Lang::Zh => format!("{}、{zh}", ZH_NUMERALS[n]),
        Lang::En => format!("{}. {en}", n + 1),
    })
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn col(lang: Lang, zh: &str, en: &str, align: Align, weight: f32) -> Column {
    Column::new(lang.pick(zh, en), align, weight)
}

pub(super) fn build(report: &WeeklyReport, lang: Lang) -> ReportDocument {
    let d = &report.dashboard;
    let c = &d.calendar;
    let title_lines = vec![
        format!("{}{}", d.campaign_name, lang.pick(" 周报", " — weekly report")),
        format!("{}{}", lang.pick("截至 ", "As of "), d.as_of),
        format!("{}{}", lang.pick("团队：", "Team: "), figures::report_team(d.team_name.as_deref(), lang)),
        match lang {
            Lang::Zh => format!("剩余 {} 天（共 {} 天，已进行 {} 天）", c.days_left, c.days_total, c.days_run),
            Lang::En => format!("{} days left ({} days in all, {} run)", c.days_left, c.days_total, c.days_run),
        },
        format!("{} – {}", d.start_date, d.end_date),
    ];
    let mut blocks = Vec::new();
    goals(&mut blocks, report, lang);
    parts(&mut blocks, report, lang);
    budget(&mut blocks, report, lang);
    standings(&mut blocks, report, lang);
    plans(&mut blocks, report, lang);
    warnings(&mut blocks, report, lang);
    gaps(&mut blocks, report, lang);
    late_items(&mut blocks, report, lang);
    open_warnings(&mut blocks, report, lang);
    ReportDocument { title_lines, footer: format!("{}　{}", d.campaign_name, d.as_of), blocks, english: lang == Lang::En }
}

/// A KPI's weekly trend as a small line with its target dashed; weeks without a figure are left out.
fn trend(report: &WeeklyReport, title: String, k: &KpiProgress) -> Option<Block> {
    let unit = &k.reading.kpi.unit;
    let (labels, values): (Vec<String>, Vec<f64>) =
        report.dashboard.week_ends.iter().zip(&k.trend).filter_map(|(day, v)| v.map(|v| (day.format("%m-%d").to_string(), v))).unzip();
    if values.is_empty() {
        return None;
    }
    let unit = match figures::kind(unit) {
        Kind::Yuan => "元".to_string(),
        _ => unit.trim().to_string(),
    };
    Some(Block::LineChart(LineChart { title, labels, values, unit, target: Some(k.reading.kpi.target), sparkline: true }))
}

fn kpi_cells(k: &KpiProgress, lang: Lang) -> [Cell; 4] {
    let kpi = &k.reading.kpi;
    let value = match (figures::kind(&kpi.unit), k.reading.value) {
        (Kind::Yuan, Some(v)) => Cell::Money(figures::money(v)),
        (_, v) => text(figures::value_text(v, &kpi.unit)),
    };
    let target = match figures::kind(&kpi.unit) {
        Kind::Yuan => Cell::Money(figures::money(kpi.target)),
        _ => text(figures::value_text(Some(kpi.target), &kpi.unit)),
    };
    [text(kpi.name.clone()), value, target, text(figures::status(k.reading.status, lang))]
}

fn kpi_columns(lang: Lang, first: Column) -> Vec<Column> {
    vec![
        first,
        col(lang, "指标", "KPI", Align::Left, 3.4),
        col(lang, "当前值", "Now", Align::Right, 1.7),
        col(lang, "目标值", "Target", Align::Right, 1.7),
        col(lang, "状态", "Status", Align::Center, 1.1),
    ]
}

fn goals(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let d = &report.dashboard;
    blocks.push(heading(0, lang));
    let all: Vec<&KpiProgress> = d.goals.iter().flat_map(|g| &g.kpis).chain(d.parts.iter().flat_map(|p| &p.kpis)).collect();
    let count = |s| all.iter().filter(|k| k.reading.status == s).count();
    use crate::domain::kpi::KpiStatus::*;
    blocks.push(Block::Paragraph(match lang {
        Lang::Zh => format!(
            "共 {} 项指标：达标 {}，有风险 {}，落后 {}，暂无数据 {}。",
            all.len(),
            count(Met),
            count(AtRisk),
            count(Behind),
            count(NoData)
        ),
        Lang::En => format!(
            "{} KPIs: {} met, {} at risk, {} behind, {} without data.",
            all.len(),
            count(Met),
            count(AtRisk),
            count(Behind),
            count(NoData)
        ),
    }));
    let rows: Vec<Vec<Cell>> = d
        .goals
        .iter()
        .flat_map(|g| g.kpis.iter().map(move |k| (g, k)))
        .map(|(g, k)| std::iter::once(text(g.goal.name.clone())).chain(kpi_cells(k, lang)).collect())
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Paragraph(lang.pick("本活动尚未设置目标指标。", "No goal KPIs are set for this campaign.").into()));
    } else {
        blocks.push(Block::Table(Table { columns: kpi_columns(lang, col(lang, "目标", "Goal", Align::Left, 2.6)), rows }));
        blocks.push(Block::Paragraph(lang.pick("每周走势（虚线为目标值）：", "Weekly trend (dashed: target):").into()));
        blocks.extend(d.goals.iter().flat_map(|g| &g.kpis).filter_map(|k| trend(report, k.reading.kpi.name.clone(), k)));
    }
}

fn parts(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    use crate::domain::skeleton::PartKind;
    let d = &report.dashboard;
    blocks.push(heading(1, lang));
    if d.parts.iter().all(|p| p.kpis.is_empty()) {
        blocks.push(Block::Paragraph(lang.pick("本活动尚未设置攻坚战或专题指标。", "No battle or workstream KPIs are set.").into()));
        return;
    }
    // Widths from the longest names the seed's defaults use, so none is cut: a lead team like
    // 各区、县公司政企客户部 takes eleven characters.
    let columns = || {
        vec![
            col(lang, "名称", "Name", Align::Left, 1.9),
            col(lang, "牵头团队", "Lead team", Align::Left, 2.4),
            col(lang, "指标", "KPI", Align::Left, 2.5),
            col(lang, "当前值", "Now", Align::Right, 1.25),
            col(lang, "目标值", "Target", Align::Right, 1.25),
            col(lang, "状态", "Status", Align::Center, 0.9),
        ]
    };
    for kind in [PartKind::Battle, PartKind::Workstream] {
        let rows: Vec<Vec<Cell>> = d
            .parts
            .iter()
            .filter(|p| p.part.kind == kind)
            .flat_map(|p| p.kpis.iter().map(move |k| (p, k)))
            .map(|(p, k)| {
                let owner = p.part.owner_team.clone().unwrap_or_default();
                [text(p.part.name.clone()), text(owner)].into_iter().chain(kpi_cells(k, lang)).collect()
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Paragraph(lang.pick(kind.label_zh(), kind.label_en()).into()));
            blocks.push(Block::Table(Table { columns: columns(), rows }));
        }
    }
    blocks.push(Block::Paragraph(lang.pick("每周走势（虚线为目标值）：", "Weekly trend (dashed: target):").into()));
    for p in &d.parts {
        for k in &p.kpis {
            blocks.extend(trend(report, format!("{} · {}", p.part.name, k.reading.kpi.name), k));
        }
    }
}

fn budget(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let d = &report.dashboard;
    blocks.push(heading(2, lang));
    let (s, i) = (&d.subsidy, &d.incentive);
    let money_or_dash = |m: Option<crate::Money>| m.map(Cell::Money).unwrap_or_else(|| text("—"));
    let incentive_bp = i.budget.and_then(|b| figures::share_bp(i.total.fen(), b.fen()));
    let over = |over: bool| text(if over { lang.pick("超出预算", "Over budget") } else { "" });
    blocks.push(Block::Table(Table {
        columns: vec![
            col(lang, "项目", "Item", Align::Left, 3.0),
            col(lang, "预算（元）", "Budget (yuan)", Align::Right, 2.2),
            col(lang, "已用（元）", "Used (yuan)", Align::Right, 2.2),
            col(lang, "使用率", "Used", Align::Right, 1.3),
            col(lang, "余额（元）", "Left (yuan)", Align::Right, 2.2),
            col(lang, "", "", Align::Center, 1.4),
        ],
        rows: vec![
            vec![
                text(lang.pick("交叉补贴", "Cross-subsidy")),
                Cell::Money(s.budget),
                Cell::Money(s.used),
                text(figures::share_text(s.used_bp)),
                // What is left is the whole campaign's to say; one team's use does not tell it.
                if d.team_id.is_none() { Cell::Money(crate::Money::from_fen(s.budget.fen() - s.used.fen())) } else { text("—") },
                over(s.over),
            ],
            vec![
                text(lang.pick("激励奖金（按当前名次）", "Prizes (standings now)")),
                money_or_dash(i.budget),
                Cell::Money(i.total),
                text(figures::share_text(incentive_bp)),
                money_or_dash(i.remaining),
                over(i.over),
            ],
        ],
    }));
    if d.team_id.is_some() {
        blocks.push(Block::Paragraph(
            lang.pick(
                "补贴已用为本团队的金额，预算与奖金为全活动的数字。",
                "Subsidy used is this team's; budgets and prizes are the whole campaign's.",
            )
            .into(),
        ));
    }
}

fn standings(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let d = &report.dashboard;
    blocks.push(heading(3, lang));
    if d.leaders.is_empty() {
        blocks.push(Block::Paragraph(lang.pick("本活动尚未设置奖项。", "No awards are set for this campaign.").into()));
        return;
    }
    let mut rows = Vec::new();
    for award in &d.leaders {
        let scope = figures::scope(award.scope, award.industry.as_deref(), lang);
        if award.leaders.is_empty() {
            rows.push(vec![
                text(award.name.clone()),
                text(scope.clone()),
                Cell::Empty,
                text(lang.pick("暂无成绩", "No results yet")),
                Cell::Empty,
            ]);
        }
        for e in &award.leaders {
            rows.push(vec![
                text(award.name.clone()),
                text(scope.clone()),
                Cell::Number(i64::from(e.rank)),
                text(e.name.clone()),
                text(if figures::score_is_share(&award.unit) {
                    format!("{} {}", figures::score_text(e.score, &award.unit), figures::score_unit(&award.unit, lang))
                } else {
                    figures::score_text(e.score, &award.unit)
                }),
            ]);
        }
    }
    blocks.push(Block::Paragraph(
        lang.pick("各奖项前三名（并列时多于三名）：", "The top three of each award (more when places are shared):").into(),
    ));
    blocks.push(Block::Table(Table {
        columns: vec![
            col(lang, "奖项", "Award", Align::Left, 3.0),
            col(lang, "范围", "Ranking", Align::Left, 2.0),
            col(lang, "名次", "Place", Align::Center, 0.9),
            col(lang, "名称", "Name", Align::Left, 2.4),
            col(lang, "得分", "Score", Align::Right, 2.2),
        ],
        rows,
    }));
    let mut cost_rows: Vec<Vec<Cell>> = d.incentive.awards.iter().map(|a| vec![text(a.name.clone()), Cell::Money(a.cost.cost)]).collect();
    cost_rows.push(vec![text(lang.pick("合计", "Total")), Cell::Money(d.incentive.total)]);
    blocks.push(Block::Table(Table {
        columns: vec![col(lang, "奖项", "Award", Align::Left, 3.0), col(lang, "奖金成本（元）", "Prize cost (yuan)", Align::Right, 2.0)],
        rows: cost_rows,
    }));
}

fn plans(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let d = &report.dashboard;
    blocks.push(heading(4, lang));
    let rows = d
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The whole campaign comes last.
            let name = if i + 1 == d.plans.len() { lang.pick("合计", "Total").to_string() } else { figures::team(&p.team_name, lang) };
            vec![
                text(name),
                Cell::Number(p.targets),
                Cell::Number(p.planned),
                text(figures::share_text(figures::share_bp(p.planned, p.targets))),
                Cell::Number(p.items),
                Cell::Number(p.done),
                text(figures::share_text(figures::share_bp(p.done, p.items))),
                Cell::Number(p.overdue),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns: vec![
            col(lang, "团队", "Team", Align::Left, 2.6),
            col(lang, "目标客户", "Targets", Align::Right, 1.2),
            col(lang, "已有方案", "Planned", Align::Right, 1.2),
            col(lang, "覆盖率", "Coverage", Align::Right, 1.3),
            col(lang, "事项", "Items", Align::Right, 1.0),
            col(lang, "已完成", "Done", Align::Right, 1.1),
            col(lang, "完成率", "Completion", Align::Right, 1.4),
            col(lang, "逾期", "Late", Align::Right, 1.0),
        ],
        rows,
    }));
    let bars: Vec<(String, f64)> = team_plans(report)
        .map(|p| (figures::team(&p.team_name, lang), figures::share_bp(p.planned, p.targets).unwrap_or(0) as f64 / 100.0))
        .collect();
    if !bars.is_empty() {
        blocks.push(Block::BarChart(BarChart {
            title: lang.pick("各团队一户一案覆盖率", "Plan coverage by team").into(),
            bars,
            unit: "%".into(),
        }));
    }
}

/// The per-team rows of the plans table, without the whole.
pub(super) fn team_plans(report: &WeeklyReport) -> impl Iterator<Item = &crate::domain::dashboard::TeamPlans> {
    let plans = &report.dashboard.plans;
    plans[..plans.len().saturating_sub(1)].iter()
}

fn warnings(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let w = &report.dashboard.warnings;
    blocks.push(heading(5, lang));
    blocks.push(Block::Paragraph(match lang {
        Lang::Zh => format!(
            "未关闭预警 {} 条；已挽留 {} 条，已流失 {} 条，挽留率 {}。",
            w.open,
            w.retained,
            w.lost,
            figures::share_text(w.retention_bp)
        ),
        Lang::En => format!(
            "{} warnings open; {} retained, {} lost, {} retained of those closed.",
            w.open,
            w.retained,
            w.lost,
            figures::share_text(w.retention_bp)
        ),
    }));
    let age = |a: WarningAge| lang.pick(a.label_zh(), a.label_en()).to_string();
    blocks.push(Block::BarChart(BarChart {
        title: lang.pick("未关闭预警按时长", "Open warnings by age").into(),
        bars: w.by_age.iter().map(|(a, n)| (age(*a), *n as f64)).collect(),
        unit: String::new(),
    }));
    if !w.open_by_team.is_empty() {
        blocks.push(Block::Table(Table {
            columns: vec![col(lang, "团队", "Team", Align::Left, 3.0), col(lang, "未关闭预警", "Open warnings", Align::Right, 1.5)],
            rows: w.open_by_team.iter().map(|(t, n)| vec![text(figures::team(t, lang)), Cell::Number(*n)]).collect(),
        }));
    }
}

fn gaps(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    let g = &report.dashboard.gaps;
    blocks.push(heading(6, lang));
    blocks.push(Block::Table(Table {
        columns: vec![col(lang, "高风险目标客户", "High-risk targets", Align::Left, 3.0), col(lang, "户数", "Clients", Align::Right, 1.5)],
        rows: vec![
            vec![text(lang.pick("全部", "All")), Cell::Number(g.high_risk)],
            vec![text(lang.pick("尚无补贴", "Without a subsidy")), Cell::Number(g.without_subsidy)],
            vec![text(lang.pick("尚无方案", "Without a plan")), Cell::Number(g.without_plan)],
            vec![text(lang.pick("尚无光纤到户", "Without fibre to the premises")), Cell::Number(g.without_fibre)],
        ],
    }));
}

fn group_line(team: &str, n: usize, lang: Lang) -> Block {
    Block::Paragraph(match lang {
        Lang::Zh => format!("{}：{n} 项", figures::team(team, lang)),
        Lang::En => format!("{}: {n}", figures::team(team, lang)),
    })
}

fn late_items(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    blocks.push(heading(7, lang));
    if report.late_items.is_empty() {
        blocks.push(Block::Paragraph(lang.pick("截至当日没有逾期事项。", "No plan item is late on the day.").into()));
    }
    for (team, items) in by_team(&report.late_items, |i| &i.team) {
        blocks.push(group_line(team, items.len(), lang));
        blocks.push(Block::Table(Table {
            columns: vec![
                col(lang, "客户", "Client", Align::Left, 3.0),
                col(lang, "事项", "Item", Align::Left, 3.0),
                col(lang, "负责人", "Owner", Align::Left, 1.4),
                col(lang, "到期日", "Due", Align::Center, 1.6),
                col(lang, "逾期天数", "Days late", Align::Right, 1.2),
            ],
            rows: items
                .iter()
                .map(|i| {
                    vec![
                        text(i.client.clone()),
                        text(i.item.clone()),
                        text(i.owner.clone().unwrap_or_default()),
                        text(i.due_date.to_string()),
                        Cell::Number(i.days_late),
                    ]
                })
                .collect(),
        }));
    }
}

fn open_warnings(blocks: &mut Vec<Block>, report: &WeeklyReport, lang: Lang) {
    blocks.push(heading(8, lang));
    if report.open_warnings.is_empty() {
        blocks.push(Block::Paragraph(lang.pick("截至当日没有未关闭的预警。", "No warning is open on the day.").into()));
    }
    for (team, rows) in by_team(&report.open_warnings, |w| &w.team) {
        blocks.push(group_line(team, rows.len(), lang));
        blocks.push(Block::Table(Table {
            columns: vec![
                col(lang, "客户", "Client", Align::Left, 3.0),
                col(lang, "合同号", "Contract", Align::Left, 2.0),
                col(lang, "原因", "Reason", Align::Left, 1.5),
                col(lang, "预警日期", "Raised", Align::Center, 1.6),
                col(lang, "已过天数", "Age (days)", Align::Right, 1.3),
                col(lang, "负责人", "Owner", Align::Left, 1.5),
            ],
            rows: rows
                .iter()
                .map(|w| {
                    vec![
                        text(w.client.clone()),
                        text(w.contract.clone()),
                        text(lang.pick(w.reason.label_zh(), w.reason.label_en())),
                        text(w.raised_on.to_string()),
                        Cell::Number(w.age_days),
                        text(w.owner.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }));
    }
}
