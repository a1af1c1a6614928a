//! The tracker's 积分 sheet: the members of the latest computed period (a team's tracker: the
//! staff of its clients) with their level, what the period gave and their balance, so a district
//! team can answer members' questions. For reading only: points change in Rampart.

use rust_xlsxwriter::Worksheet;

use super::layout::{self, Formats};
use crate::domain::tracker::{Column, Label, Lang, Scope};
use crate::error::Result;
use crate::store::Store;

const COLUMNS: [Column; 9] = [
    Column { label: Label::new("号码", "Number"), width: 14.0 },
    Column { label: Label::new("姓名", "Name"), width: 10.0 },
    Column { label: Label::new("客户编码", "Client code"), width: 14.0 },
    Column { label: Label::new("客户名称", "Client"), width: 26.0 },
    Column { label: Label::new("团队", "Team"), width: 12.0 },
    Column { label: Label::new("会员级别", "Level"), width: 10.0 },
    Column { label: Label::new("账期", "Period"), width: 10.0 },
    Column { label: Label::new("本期积分", "Points this period"), width: 12.0 },
    Column { label: Label::new("积分余额", "Balance"), width: 12.0 },
];

/// Rows a worksheet holds below its header.
const MAX_ROWS: u32 = 1_048_575;

pub(crate) fn write(ws: &mut Worksheet, store: &Store, scope: Scope, lang: Lang, f: &Formats) -> Result<u64> {
    layout::header(ws, 0, &COLUMNS, lang, f)?;
    ws.set_column_format(7, &f.whole)?.set_column_format(8, &f.whole)?;
    let (mut row, mut left_out) = (0u32, 0u64);
    let period = store.points().latest_period(scope.campaign_id)?.unwrap_or_default();
    store.points().each_balance(scope.campaign_id, &period, scope.team_id, &mut |m| {
        if row == MAX_ROWS - 1 {
            left_out += 1;
            return Ok(());
        }
        row += 1;
        for (col, value) in [&m.member, &m.name, &m.client_code, &m.client, &m.team, &m.level].into_iter().enumerate() {
            layout::text(ws, row, col as u16, value, f)?;
        }
        layout::text(ws, row, 6, &period, f)?;
        layout::number(ws, row, 7, m.period_points as f64)?;
        layout::number(ws, row, 8, m.balance as f64)?;
        Ok(())
    })?;
    let listed = u64::from(row);
    if row == 0 {
        row = 1;
        layout::text(ws, row, 0, lang.pick("还没有计算过积分的会员", "No member's points have been computed yet"), f)?;
    } else if left_out > 0 {
        row += 1;
        let note = format!(
            "{} {left_out} {}",
            lang.pick("另有", "A further"),
            lang.pick("名会员未列出，请按团队导出", "members are not listed; export per team")
        );
        layout::text(ws, row, 1, &note, f)?;
    }
    layout::finish(ws, 0, row, COLUMNS.len() as u16 - 1, false)?;
    layout::protect(ws);
    Ok(listed)
}
