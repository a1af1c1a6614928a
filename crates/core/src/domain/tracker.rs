//! The tracker workbook's shape, shared by the export and the way back: sheet names and column
//! headers in both languages, and the signed row keys that tie a returned row to the record it
//! came from. Reading a tracker back depends on these names, so they live in one place.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::fold_header;
use crate::domain::ids::{CampaignId, TeamId};

mod service_columns;
pub use service_columns::{FibreColumn, VisitColumn, FIBRE_COLUMNS, VISIT_COLUMNS};

/// The language a tracker is written in; a returned tracker is read in either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub enum Lang {
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A sheet or column name in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// Whether a header as found in a returned file is this one, in either language, whatever
    /// the spacing, width or case.
    pub fn matches(self, text: &str) -> bool {
        let n = fold_header(text);
        !n.is_empty() && (n == fold_header(self.zh) || n == fold_header(self.en))
    }
}

pub mod sheet {
    use super::Label;
    pub const OVERVIEW: Label = Label::new("概览", "Overview");
    pub const TARGETS: Label = Label::new("目标客户", "Targets");
    pub const SUBSIDIES: Label = Label::new("交叉补贴", "Subsidies");
    pub const PLANS: Label = Label::new("一户一案", "Plans");
    pub const WARNINGS: Label = Label::new("预警", "Warnings");
    pub const VISITS: Label = Label::new("待走访", "Visits due");
    pub const FIBRE: Label = Label::new("光纤准备", "Fibre preparation");
    pub const POINTS: Label = Label::new("积分", "Points");
    pub const STANDINGS: Label = Label::new("奖项排名", "Standings");
    pub const ACHIEVEMENTS: Label = Label::new("新增业绩", "New achievements");
    pub const GUIDE: Label = Label::new("说明", "How to");
    /// Hidden: which export this workbook is, for the way back.
    pub const META: &str = "_rampart";
}

/// A column of a data sheet: its header and a width that fits its Chinese content.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub label: Label,
    pub width: f64,
}

const fn col(zh: &'static str, en: &'static str, width: f64) -> Column {
    Column { label: Label::new(zh, en), width }
}

/// The row key every data sheet carries in its hidden first column.
pub const KEY: Column = col("键", "Key", 12.0);

pub const TARGET_COLUMNS: [Column; 13] = [
    KEY,
    col("客户编码", "Client code", 14.0),
    col("客户名称", "Client", 30.0),
    col("客户类别", "Category", 12.0),
    col("客户等级", "Tier", 9.0),
    col("行业", "Industry", 12.0),
    col("区域", "District", 10.0),
    col("团队", "Team", 14.0),
    col("客户经理", "Account manager", 12.0),
    col("合同数", "Contracts", 8.0),
    col("月消费(元)", "Monthly spend (¥)", 14.0),
    col("风险标记", "Risk flags", 20.0),
    col("风险说明", "Why", 48.0),
];

/// Columns of the subsidy sheet; `SUB_*` name the ones its formulas refer to.
pub const SUBSIDY_COLUMNS: [Column; 13] = [
    KEY,
    col("客户编码", "Client code", 14.0),
    col("客户名称", "Client", 28.0),
    col("客户类别", "Category", 12.0),
    col("团队", "Team", 14.0),
    col("合同号", "Contract", 16.0),
    col("产品类型", "Product", 12.0),
    col("期限(月)", "Term (months)", 9.0),
    col("补贴基数(元)", "Base (¥)", 14.0),
    col("补贴比例", "Rate", 10.0),
    col("上浮比例", "Uplift", 10.0),
    col("补贴金额(元)", "Subsidy (¥)", 14.0),
    col("说明", "Note", 30.0),
];
pub const SUB_CATEGORY: u16 = 3;
pub const SUB_TEAM: u16 = 4;
pub const SUB_BASE: u16 = 8;
pub const SUB_RATE: u16 = 9;
pub const SUB_UPLIFT: u16 = 10;
pub const SUB_AMOUNT: u16 = 11;

/// The plan sheet: what a district team edits (due, status, done date, reason, note) and,
/// hidden, what those were when exported, so the way back can tell an edit from a stale copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanColumn {
    Key,
    ClientCode,
    Client,
    Team,
    Item,
    Owner,
    Due,
    Status,
    DoneOn,
    Reason,
    Note,
    WasDue,
    WasStatus,
    WasDoneOn,
    WasReason,
    WasNote,
}

pub const PLAN_COLUMNS: [(PlanColumn, Column); 16] = [
    (PlanColumn::Key, KEY),
    (PlanColumn::ClientCode, col("客户编码", "Client code", 14.0)),
    (PlanColumn::Client, col("客户名称", "Client", 26.0)),
    (PlanColumn::Team, col("团队", "Team", 12.0)),
    (PlanColumn::Item, col("服务事项", "Service item", 14.0)),
    (PlanColumn::Owner, col("负责人", "Owner", 10.0)),
    (PlanColumn::Due, col("截止日期", "Due", 12.0)),
    (PlanColumn::Status, col("状态", "Status", 10.0)),
    (PlanColumn::DoneOn, col("完成日期", "Done on", 12.0)),
    (PlanColumn::Reason, col("受阻原因", "Blocked because", 20.0)),
    (PlanColumn::Note, col("备注", "Note", 36.0)),
    (PlanColumn::WasDue, col("原截止日期", "Was due", 12.0)),
    (PlanColumn::WasStatus, col("原状态", "Was status", 10.0)),
    (PlanColumn::WasDoneOn, col("原完成日期", "Was done on", 12.0)),
    (PlanColumn::WasReason, col("原受阻原因", "Was blocked because", 12.0)),
    (PlanColumn::WasNote, col("原备注", "Was note", 12.0)),
];

impl PlanColumn {
    /// The visible columns a district team cannot edit; a returned value that differs from the
    /// one exported is reported as ignored.
    pub const LOCKED: [PlanColumn; 5] = [PlanColumn::ClientCode, PlanColumn::Client, PlanColumn::Team, PlanColumn::Item, PlanColumn::Owner];

    pub fn index(self) -> u16 {
        PLAN_COLUMNS.iter().position(|(c, _)| *c == self).map_or(0, |i| i as u16)
    }

    pub fn label(self) -> Label {
        PLAN_COLUMNS[self.index() as usize].1.label
    }

    /// The columns a district team may edit; the rest are locked.
    pub fn editable(self) -> bool {
        matches!(self, PlanColumn::Due | PlanColumn::Status | PlanColumn::DoneOn | PlanColumn::Reason | PlanColumn::Note)
    }

    pub fn hidden(self) -> bool {
        matches!(
            self,
            PlanColumn::Key
                | PlanColumn::WasDue
                | PlanColumn::WasStatus
                | PlanColumn::WasDoneOn
                | PlanColumn::WasReason
                | PlanColumn::WasNote
        )
    }
}

/// The warning sheet: an account manager returns a warning's status (picked from a list) and
/// note; hidden, what those were when exported, so the way back can tell an edit from a stale
/// copy, as on the plan sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningColumn {
    Key,
    Raised,
    Contract,
    ClientCode,
    Client,
    Team,
    Owner,
    Reason,
    Change,
    Status,
    Days,
    Note,
    WasStatus,
    WasNote,
}

pub const WARNING_COLUMNS: [(WarningColumn, Column); 14] = [
    (WarningColumn::Key, KEY),
    (WarningColumn::Raised, col("预警日期", "Raised", 11.0)),
    (WarningColumn::Contract, col("合同号", "Contract", 15.0)),
    (WarningColumn::ClientCode, col("客户编码", "Client code", 14.0)),
    (WarningColumn::Client, col("客户名称", "Client", 26.0)),
    (WarningColumn::Team, col("团队", "Team", 14.0)),
    (WarningColumn::Owner, col("客户经理", "Account manager", 10.0)),
    (WarningColumn::Reason, col("原因", "Reason", 10.0)),
    (WarningColumn::Change, col("变化（前 → 后）", "Change (before → after)", 44.0)),
    (WarningColumn::Status, col("状态", "Status", 9.0)),
    (WarningColumn::Days, col("已过天数", "Days open", 8.0)),
    (WarningColumn::Note, col("说明", "Note", 30.0)),
    (WarningColumn::WasStatus, col("原状态", "Was status", 10.0)),
    (WarningColumn::WasNote, col("原说明", "Was note", 12.0)),
];

impl WarningColumn {
    pub fn index(self) -> u16 {
        WARNING_COLUMNS.iter().position(|(c, _)| *c == self).map_or(0, |i| i as u16)
    }

    pub fn label(self) -> Label {
        WARNING_COLUMNS[self.index() as usize].1.label
    }

    /// The columns an account manager may edit; the rest are locked.
    pub fn editable(self) -> bool {
        matches!(self, WarningColumn::Status | WarningColumn::Note)
    }

    pub fn hidden(self) -> bool {
        matches!(self, WarningColumn::Key | WarningColumn::WasStatus | WarningColumn::WasNote)
    }
}

pub const STANDING_COLUMNS: [Column; 9] = [
    col("奖项", "Award", 24.0),
    col("范围", "Scope", 8.0),
    col("行业", "Industry", 12.0),
    col("名次", "Rank", 7.0),
    col("名称", "Name", 16.0),
    col("得分", "Score", 12.0),
    col("单位", "Unit", 12.0),
    col("与上一名差距", "Gap to above", 14.0),
    col("奖级", "Prize", 14.0),
];

/// The sheet where teams add achievements; the same headers the achievement import reads.
pub const ACHIEVEMENT_COLUMNS: [Column; 8] = [
    col("日期", "Date", 12.0),
    col("指标", "Metric", 18.0),
    col("团队", "Team", 14.0),
    col("人员", "Person", 10.0),
    col("数量", "Quantity", 8.0),
    col("金额", "Amount", 12.0),
    col("客户编码", "Client code", 14.0),
    col("说明", "Note", 36.0),
];

/// What a row key points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Client,
    Contract,
    PlanItem,
    Warning,
    /// A client's visit due on a day (the day is part of the key).
    Visit,
    /// A client on the fibre preparation list.
    Fibre,
}

impl KeyKind {
    fn prefix(self) -> char {
        match self {
            KeyKind::Client => 'C',
            KeyKind::Contract => 'K',
            KeyKind::PlanItem => 'P',
            KeyKind::Warning => 'W',
            KeyKind::Visit => 'V',
            KeyKind::Fibre => 'F',
        }
    }
}

/// What a tracker may change: one campaign, and within it one team's slice or (None) all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub campaign_id: CampaignId,
    pub team_id: Option<TeamId>,
}

/// Bytes of HMAC kept in a key or token: 64 bits, 16 hex digits, short enough to sit in a cell
/// and far too many to guess by sending trackers back.
const TAG_BYTES: usize = 8;

/// Signs and checks row keys and export tokens with the database's own secret, so a key can
/// only come from a tracker this database exported for that scope: one copied from another
/// team's tracker, or computed by hand, does not check.
#[derive(Clone)]
pub struct Signer {
    mac: Hmac<Sha256>,
}

/// A row key as read back: the id it names and, on plan rows, the check of its locked cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowKey {
    pub id: i64,
    pub locked: Option<u32>,
}

impl Signer {
    pub fn new(secret: &[u8]) -> Signer {
        // HMAC takes a key of any length; this cannot fail.
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        Signer { mac }
    }

    /// The keyed state is cloned per row: the secret's pads are hashed once, not per key.
    fn tagged(&self, what: &[u8], scope: Scope, id: i64, more: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(what);
        mac.update(&scope.campaign_id.0.to_le_bytes());
        mac.update(&scope.team_id.map_or(0, |t| t.0).to_le_bytes());
        mac.update(&id.to_le_bytes());
        mac.update(more);
        mac
    }

    /// `P123-4F2A9C0E11D3B87A`: kind, id and a signature binding both to the scope.
    pub fn row_key(&self, scope: Scope, kind: KeyKind, id: i64) -> String {
        let tag = self.tagged(&[b'k', kind.prefix() as u8], scope, id, &[]).finalize().into_bytes();
        let mut key = String::with_capacity(24 + 9);
        key.push(kind.prefix());
        key.push_str(&id.to_string());
        key.push('-');
        push_hex(&mut key, &tag[..TAG_BYTES]);
        key
    }

    /// A plan row's key: the row key and a check of the locked cells as exported, so the way
    /// back can tell which of them were edited.
    pub fn plan_key(&self, scope: Scope, id: i64, locked: &[&str]) -> String {
        let mut key = self.row_key(scope, KeyKind::PlanItem, id);
        key.push('-');
        push_hex(&mut key, &locked_check(locked).to_be_bytes());
        key
    }

    /// The key's id if this database signed it for `scope` and `kind`; None when it was edited,
    /// made up, copied from a tracker of another team or campaign, or is of another kind.
    pub fn parse_key(&self, scope: Scope, kind: KeyKind, text: &str) -> Option<RowKey> {
        let rest = text.trim().strip_prefix(kind.prefix())?;
        let mut parts = rest.split('-');
        let id_text = parts.next()?;
        if id_text.is_empty() || !id_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id: i64 = id_text.parse().ok()?;
        let tag = from_hex(parts.next()?)?;
        let locked = match parts.next() {
            Some(check) => Some(u32::from_be_bytes(from_hex(check)?.try_into().ok()?)),
            None => None,
        };
        let dated = kind == KeyKind::Visit;
        if dated || parts.next().is_some() || tag.len() != TAG_BYTES || (kind == KeyKind::PlanItem) != locked.is_some() {
            return None;
        }
        let mac = self.tagged(&[b'k', kind.prefix() as u8], scope, id, &[]);
        mac.verify_truncated_left(&tag).ok()?;
        Some(RowKey { id, locked })
    }

    /// A due visit's key: the client and the day the visit is due by, both signed, so a row is
    /// known across re-applications of the same tracker however its rows were sorted.
    pub fn visit_key(&self, scope: Scope, client: i64, due: chrono::NaiveDate) -> String {
        let day = due.format("%Y%m%d").to_string();
        let tag = self.tagged(b"kV", scope, client, day.as_bytes()).finalize().into_bytes();
        let mut key = format!("V{client}-");
        push_hex(&mut key, &tag[..TAG_BYTES]);
        key.push('-');
        key.push_str(&day);
        key
    }

    /// The client and due day of a visit key this database signed for `scope`.
    pub fn parse_visit_key(&self, scope: Scope, text: &str) -> Option<(i64, chrono::NaiveDate)> {
        let parts: Vec<&str> = text.trim().strip_prefix('V')?.split('-').collect();
        let [id, tag, day] = parts[..] else { return None };
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) || day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        let tag = from_hex(tag)?;
        if tag.len() != TAG_BYTES {
            return None;
        }
        self.tagged(b"kV", scope, id, day.as_bytes()).verify_truncated_left(&tag).ok()?;
        Some((id, chrono::NaiveDate::parse_from_str(day, "%Y%m%d").ok()?))
    }

    /// The export's token: its scope and time, signed. The way back takes the scope from it,
    /// and counts each new achievement row once per token.
    pub fn token(&self, scope: Scope, exported: &str) -> String {
        let tag = self.tagged(b"t", scope, 0, exported.as_bytes()).finalize().into_bytes();
        let mut token = format!("{}-{}-{exported}-", scope.campaign_id, scope.team_id.map_or(0, |t| t.0));
        push_hex(&mut token, &tag[..TAG_BYTES]);
        token
    }

    /// The scope of a token this database signed; None for one edited, made up, or written by
    /// another database or an earlier Rampart.
    pub fn parse_token(&self, text: &str) -> Option<Scope> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [campaign, team, exported, tag] = parts[..] else { return None };
        let campaign_id = CampaignId(campaign.parse().ok()?);
        let team: i64 = team.parse().ok()?;
        let scope = Scope { campaign_id, team_id: (team != 0).then_some(TeamId(team)) };
        let tag = from_hex(tag)?;
        if tag.len() != TAG_BYTES || !exported.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.tagged(b"t", scope, 0, exported.as_bytes()).verify_truncated_left(&tag).ok()?;
        Some(scope)
    }
}

/// A check of a plan row's locked cells as written, compared on the way back to tell an edited
/// locked cell from an untouched one. Not a secret: it only has to notice a change.
pub fn locked_check(values: &[&str]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for v in values {
        h.update(v.trim().as_bytes());
        h.update(&[0x1f]);
    }
    h.finalize()
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_hex(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0xF)] as char);
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    text.as_bytes().chunks(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> Signer {
        Signer::new(b"a secret of this database")
    }

    const EAST: Scope = Scope { campaign_id: CampaignId(1), team_id: Some(TeamId(3)) };
    const WEST: Scope = Scope { campaign_id: CampaignId(1), team_id: Some(TeamId(4)) };

    #[test]
    fn keys_round_trip_and_catch_edits() {
        let s = signer();
        let key = s.row_key(EAST, KeyKind::Client, 4711);
        assert!(key.len() <= 24, "a key stays short enough to read in a cell: {key}");
        assert_eq!(s.parse_key(EAST, KeyKind::Client, &key).map(|k| k.id), Some(4711), "a key reads back as its id");
        let edited = key.replacen("4711", "4712", 1);
        assert_eq!(s.parse_key(EAST, KeyKind::Client, &edited), None, "changing the id breaks the signature");
        assert_eq!(s.parse_key(EAST, KeyKind::Contract, &key.replacen('C', "K", 1)), None, "a client key is not a contract key");
        assert_eq!(s.parse_key(EAST, KeyKind::Client, "4711"), None, "a bare number is not a key");
        let crc = format!("C4711-{:06X}", crc32fast::hash(b"rampart:C:4711") & 0xFF_FFFF);
        assert_eq!(s.parse_key(EAST, KeyKind::Client, &crc), None, "the old unkeyed check anyone can compute is refused");
    }

    #[test]
    fn a_visit_key_binds_its_client_and_due_day() {
        let s = signer();
        let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        let key = s.visit_key(EAST, 4711, due);
        assert_eq!(s.parse_visit_key(EAST, &key), Some((4711, due)), "a visit key reads back as its client and day");
        assert_eq!(s.parse_visit_key(WEST, &key), None, "another team's tracker cannot use it");
        assert_eq!(s.parse_visit_key(EAST, &key.replace("20261231", "20261130")), None, "the day cannot be moved");
        assert_eq!(s.parse_key(EAST, KeyKind::Visit, &key), None, "a visit key is read only as one");
    }

    #[test]
    fn a_key_checks_only_in_its_own_scope_and_database() {
        let s = signer();
        let key = s.plan_key(EAST, 9, &["ZZ-1", "客户", "东区", "跟踪服务", "张三"]);
        let parsed = s.parse_key(EAST, KeyKind::PlanItem, &key).expect("its own tracker's key");
        assert_eq!(parsed.locked, Some(locked_check(&["ZZ-1", "客户", "东区", "跟踪服务", "张三"])), "the locked check travels in the key");
        assert_eq!(s.parse_key(WEST, KeyKind::PlanItem, &key), None, "another team's tracker cannot use it");
        assert_eq!(s.parse_key(Scope { team_id: None, ..EAST }, KeyKind::PlanItem, &key), None, "nor the whole-campaign tracker");
        assert_eq!(s.parse_key(Scope { campaign_id: CampaignId(2), ..EAST }, KeyKind::PlanItem, &key), None, "nor another campaign's");
        assert_eq!(Signer::new(b"another database").parse_key(EAST, KeyKind::PlanItem, &key), None, "nor another database");
        let whole = s.row_key(EAST, KeyKind::PlanItem, 9);
        assert_eq!(s.parse_key(EAST, KeyKind::PlanItem, &whole), None, "a plan key carries its locked check");
    }

    #[test]
    fn tokens_carry_their_scope_signed() {
        let s = signer();
        let token = s.token(EAST, "20261122100000");
        assert_eq!(s.parse_token(&token), Some(EAST));
        assert_eq!(s.parse_token(&token.replacen("1-3-", "1-4-", 1)), None, "retargeting a token to another team breaks it");
        assert_eq!(s.parse_token("1-3-20261122100000"), None, "an unsigned token of an earlier export is refused");
        let whole = s.token(Scope { campaign_id: CampaignId(1), team_id: None }, "20261122100000");
        assert_eq!(s.parse_token(&whole), Some(Scope { campaign_id: CampaignId(1), team_id: None }));
    }

    #[test]
    fn headers_match_in_either_language() {
        let status = PlanColumn::Status.label();
        assert!(status.matches(" 状态 ") && status.matches("STATUS"), "spacing and case do not matter");
        assert!(!status.matches("原状态"), "the hidden baseline column is a different column");
    }
}
