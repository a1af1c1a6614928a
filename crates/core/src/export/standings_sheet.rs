//! The 奖项排名 sheet: every ranking of every award as of the export day, and a bar chart of
//! each award's leading ranking.

use rust_xlsxwriter::{Chart, ChartType, Worksheet};

use super::layout::{self, Formats};
use crate::domain::awards::{AwardKind, Scope, Standing};
use crate::domain::tracker::{Lang, STANDING_COLUMNS};
use crate::error::Result;

const MAX_CHARTS: usize = 6;

fn unit_label(unit: &str, lang: Lang) -> &'static str {
    match unit {
        "attainment_bp" => lang.pick("目标完成率", "of target"),
        "weighted_bp" => lang.pick("加权得分", "weighted"),
        _ => lang.pick("数量", "count"),
    }
}

/// The leader of each award's first ranking, for the overview: (award, leader names).
pub(crate) fn leaders(standings: &[Standing]) -> Vec<(String, String)> {
    standings
        .iter()
        .filter_map(|s| {
            let ranking = s.rankings.first()?;
            let top: Vec<&str> = ranking.entries.iter().filter(|e| e.rank == 1 && e.score > 0).map(|e| e.name.as_str()).collect();
            Some((s.name.clone(), top.join("、")))
        })
        .collect()
}

pub(crate) fn write(ws: &mut Worksheet, sheet_name: &str, standings: &[Standing], lang: Lang, f: &Formats) -> Result<()> {
    layout::header(ws, 0, &STANDING_COLUMNS, lang, f)?;
    let mut row = 1u32;
    let mut charts = 0usize;
    for standing in standings {
        let kind = match standing.kind {
            AwardKind::Overall => lang.pick("综合奖", "overall"),
            AwardKind::Single => lang.pick("单项奖", "single"),
        };
        for (i, ranking) in standing.rankings.iter().enumerate() {
            let first = row;
            for e in &ranking.entries {
                let percent = ranking.unit != "quantity";
                let score = |v: i64| if percent { v as f64 / 10_000.0 } else { v as f64 };
                let number = if percent { &f.percent } else { &f.whole };
                layout::text(ws, row, 0, &format!("{}（{kind}）", standing.name), f)?;
                let scope = match ranking.scope {
                    Scope::Team => lang.pick("团队", "team"),
                    Scope::Person => lang.pick("个人", "person"),
                };
                layout::text(ws, row, 1, scope, f)?;
                layout::text(ws, row, 2, ranking.industry.as_deref().unwrap_or(""), f)?;
                ws.write_number_with_format(row, 3, f64::from(e.rank), &f.whole)?;
                layout::text(ws, row, 4, &e.name, f)?;
                ws.write_number_with_format(row, 5, score(e.score), number)?;
                layout::text(ws, row, 6, unit_label(&ranking.unit, lang), f)?;
                ws.write_number_with_format(row, 7, score(e.gap), number)?;
                layout::text(ws, row, 8, e.tier.as_deref().unwrap_or(""), f)?;
                row += 1;
            }
            if i == 0 && row > first && charts < MAX_CHARTS {
                let mut chart = Chart::new(ChartType::Bar);
                chart
                    .add_series()
                    .set_categories((sheet_name, first, 4, row - 1, 4))
                    .set_values((sheet_name, first, 5, row - 1, 5))
                    .set_name(standing.name.as_str());
                chart.title().set_name(&standing.name);
                chart.legend().set_hidden();
                ws.insert_chart(1 + charts as u32 * 16, STANDING_COLUMNS.len() as u16 + 1, &chart)?;
                charts += 1;
            }
        }
    }
    if standings.is_empty() {
        layout::text(ws, 1, 0, lang.pick("本活动尚未设置奖项", "No awards are set for this campaign"), f)?;
    }
    layout::finish(ws, 0, row - 1, STANDING_COLUMNS.len() as u16 - 1, false)?;
    Ok(())
}
