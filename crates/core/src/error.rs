//! Typed errors with a stable code the UI can act on and a message a planner understands,
//! in Chinese and English.

use serde::Serialize;

mod later_work;
mod team;
pub use later_work::{LaterKind, LaterWork};
pub use team::{TeamError, TeamErrorReport};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", describe_fields(.0))]
    Validation(Vec<FieldError>),
    #[error("{entity} not found: {key}")]
    NotFound { entity: Entity, key: String },
    #[error("{entity} already exists: {key}")]
    Duplicate { entity: Entity, key: String },
    #[error("the database was written by a newer Rampart (schema {found}, this build knows {known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("{file}: {en}")]
    Unreadable { file: String, zh: String, en: String },
    #[error("cancelled; nothing was written")]
    Cancelled,
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A database error with the file it happened in (see `Store::explain`).
    #[error("database {file}: {}", database_detail_en(.source))]
    DatabaseFile { file: String, source: rusqlite::Error },
    #[error("database {file} is held by another writer{}; waited {waited_secs} s. Try again when it has finished", holder_en(.holder))]
    DatabaseBusy { file: String, waited_secs: u64, holder: Option<String> },
    #[error("database {file} is read-only (the file or its folder cannot be written): you can look, but changes cannot be saved")]
    DatabaseReadOnly { file: String },
    /// A file picked to open that is not a Rampart database (another program's, or not SQLite):
    /// opening it would write Rampart's tables into it, so it is left alone.
    #[error("{file} is not a Rampart database (not an SQLite file, or another program's database); it was not opened")]
    NotARampartDatabase { file: String },
    /// The demo asked into a database that holds the planner's own campaigns.
    #[error("{file} holds campaigns of its own; the sample campaign goes into a database file of its own (e.g. rampart demo --db sample.rampart.db)")]
    SampleNeedsOwnFile { file: String },
    /// A new database or a copy aimed at the file that is open now.
    #[error("{file} is the database open now and cannot be replaced; choose another file name")]
    DatabaseInUse { file: String },
    #[error("cannot undo the import of {file}: later work depends on it: {}. Deal with that work first, or keep the import", later_en(.later))]
    UndoBlocked { file: String, later: Vec<LaterWork> },
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the workbook: {0}")]
    Workbook(String),
    /// The report's Chinese font is not on this machine: a PDF without it would show blanks.
    #[error("the font {path} is missing; install the {package} package (e.g. sudo apt-get install {package}) and export again")]
    FontMissing { path: String, package: String },
    #[error("cannot write the PDF: {0}")]
    PdfWrite(String),
    /// A report asked for in a file whose extension names neither format it is written in.
    #[error("{file}: the report is written as .pdf or .xlsx; give the file one of these extensions")]
    ReportFormat { file: String },
    /// A stored value outside its range (written before the range was enforced): figures
    /// built on it would be nonsense, so they are refused until it is corrected.
    #[error("{entity} {key}: {en}")]
    StoredOutOfRange { entity: Entity, key: String, zh: String, en: String },
    /// A stored value this build cannot read (JSON edited by hand or cut short): reading on
    /// with a default would show or build on something that was never written.
    #[error("row {key} of {table} cannot be read: {detail}")]
    CorruptRow { table: &'static str, key: String, detail: String },
    /// Archiving is for finished campaigns: one still running would vanish from the planner's view.
    #[error("only a closed campaign can be archived; close {name} first")]
    CampaignNotClosed { name: String },
}

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Workbook(e.to_string())
    }
}

/// The common database failures in words a planner can act on; the rest as SQLite says them.
fn database_detail_zh(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "不是 Rampart 数据库，或文件已损坏".into(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "文件已损坏".into(),
        Some(rusqlite::ErrorCode::CannotOpen) => "无法打开（文件夹不存在或没有权限）".into(),
        Some(rusqlite::ErrorCode::DiskFull) => "磁盘已满".into(),
        _ => e.to_string(),
    }
}

fn database_detail_en(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "is not a Rampart database, or the file is damaged".into(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "the file is damaged".into(),
        Some(rusqlite::ErrorCode::CannotOpen) => "cannot be opened (missing folder or no permission)".into(),
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".into(),
        _ => e.to_string(),
    }
}

/// What the operating system said, in Chinese where it is one of the common cases; the rest as
/// the system words it (never dropped).
fn io_detail_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或文件夹不存在".into(),
        K::PermissionDenied => "没有权限（文件或文件夹不可读写）".into(),
        K::AlreadyExists => "文件已存在".into(),
        K::StorageFull => "磁盘已满".into(),
        K::ReadOnlyFilesystem => "所在磁盘是只读的".into(),
        K::IsADirectory => "这是一个文件夹，不是文件".into(),
        K::NotADirectory => "路径中有一部分不是文件夹".into(),
        K::InvalidFilename => "文件名无效".into(),
        _ => e.to_string(),
    }
}

fn holder_en(holder: &Option<String>) -> String {
    holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default()
}

fn later_en(later: &[LaterWork]) -> String {
    later.iter().map(|w| w.en()).collect::<Vec<_>>().join("; ")
}

/// What a record is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Campaign,
    Client,
    Contract,
    Team,
    Person,
    RuleSet,
    Import,
    Plan,
    PlanItem,
    Award,
    Warning,
    Achievement,
    Goal,
    /// A battle (攻坚战) or a service workstream (服务维挽专题) of the strategy skeleton.
    StrategyPart,
    Kpi,
    Contact,
    VisitRequest,
    /// A loyalty member (会员): a subscriber line.
    Member,
    /// A billing period of loyalty points.
    Period,
}

impl Entity {
    fn zh(self) -> &'static str {
        match self {
            Entity::Campaign => "活动",
            Entity::Client => "客户",
            Entity::Contract => "合同",
            Entity::Team => "团队",
            Entity::Person => "人员",
            Entity::RuleSet => "补贴规则",
            Entity::Import => "可撤销的导入",
            Entity::Plan => "服务计划",
            Entity::PlanItem => "计划事项",
            Entity::Award => "奖项",
            Entity::Warning => "预警",
            Entity::Achievement => "业绩",
            Entity::Goal => "活动目的",
            Entity::StrategyPart => "攻坚战或专题",
            Entity::Kpi => "关键指标",
            Entity::Contact => "联系人",
            Entity::VisitRequest => "走访需求",
            Entity::Member => "会员",
            Entity::Period => "积分账期",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Entity::Campaign => "campaign",
            Entity::Client => "client",
            Entity::Contract => "contract",
            Entity::Team => "team",
            Entity::Person => "person",
            Entity::RuleSet => "subsidy rule set",
            Entity::Import => "import to undo",
            Entity::Plan => "plan",
            Entity::PlanItem => "plan item",
            Entity::Award => "award",
            Entity::Warning => "warning",
            Entity::Achievement => "achievement",
            Entity::Goal => "goal",
            Entity::StrategyPart => "battle or workstream",
            Entity::Kpi => "KPI",
            Entity::Contact => "contact",
            Entity::VisitRequest => "visit request",
            Entity::Member => "member",
            Entity::Period => "points period",
        }
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())
    }
}

/// One field that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FieldError {
    /// The input's field name; rows of a table are `rates.2.min_bp` (0-based row).
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self { field: field.into(), problem }
    }
}

/// Why a value is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    NotOneOf {
        allowed: String,
    },
    NotADate,
    NotAnAmount,
    Negative,
    OutOfRange {
        min: i64,
        max: i64,
    },
    EndBeforeStart,
    UnknownReference,
    NotAPhone,
    AlreadyUsed,
    /// Taken by the record named, so the planner can go and look at it.
    UsedBy {
        name: String,
        code: String,
    },
    BandsOverlap,
    BandsGap {
        after: i64,
    },
    MinAboveMax,
    PercentOutOfRange {
        min_bp: crate::basis_points::BasisPoints,
        max_bp: crate::basis_points::BasisPoints,
    },
    NoRule,
    Locked,
    AmountOutOfRange {
        min: crate::money::Money,
        max: crate::money::Money,
    },
    ControlCharacter,
    /// Clients can only be given to an active account manager.
    NotAnActiveAccountManager,
    /// A team or person merged into itself.
    MergeIntoItself,
    /// An account ending its own access (a province could lose its last admin to a slip).
    OwnAccount,
    /// A password given to confirm a change that is not the account's current one.
    WrongPassword,
    /// An admin setting their own password as if it were forgotten, without the current one.
    OwnPassword,
    /// A date (or billing month) outside the campaign it belongs to.
    OutsideCampaign {
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    /// A confirmation typed by the planner that is not what it confirms (the campaign's name).
    DoesNotMatch,
    /// A date that has not come yet where only a past or present one makes sense (work done).
    AfterToday {
        today: chrono::NaiveDate,
    },
    /// New campaign dates that would leave work already recorded (due dates, achievements,
    /// billing months) outside the campaign; `first`..`last` is what must stay inside.
    WouldLeaveOutside {
        first: String,
        last: String,
    },
    /// An achievement's person who is not in the team it names.
    NotInTeam {
        person: String,
        team: String,
    },
    /// A character the chosen text encoding (GBK for an SMS platform) cannot hold, on a row of
    /// the file being written: refused rather than replaced.
    NotEncodable {
        row: u64,
        character: String,
        encoding: String,
    },
    /// An achievement of a metric ranked by industry with no client industry and no 行业.
    IndustryNeeded {
        metric: String,
    },
    /// A typed 行业 that is not the industry of the achievement's client.
    IndustryDiffers {
        client: String,
    },
    /// An achievement counted by a locked award: its results cannot change any more.
    CountsTowardLocked {
        award: String,
    },
}

impl Problem {
    pub fn zh(&self) -> String {
        match self {
            Problem::Required => "不能为空".into(),
            Problem::TooLong { max } => format!("不能超过 {max} 个字"),
            Problem::NotOneOf { allowed } => format!("只能是以下之一：{allowed}"),
            Problem::NotADate => "不是有效日期（例如 2026-12-31）".into(),
            Problem::NotAnAmount => "不是有效金额（例如 1,234.50）".into(),
            Problem::Negative => "不能为负数".into(),
            Problem::OutOfRange { min, max } => format!("必须在 {min} 到 {max} 之间"),
            Problem::EndBeforeStart => "结束日期不能早于开始日期".into(),
            Problem::UnknownReference => "所选项目不存在，请刷新后重试".into(),
            Problem::NotAPhone => "只能包含数字、空格和 - + ( )".into(),
            Problem::AlreadyUsed => "已被另一条记录使用".into(),
            Problem::UsedBy { name, code } => format!("已被「{name}」（{code}）使用"),
            Problem::BandsOverlap => "与同一产品类型的另一期限段重叠".into(),
            Problem::BandsGap { after } => format!("与上一期限段之间有空档（上一段止于 {after} 个月）"),
            Problem::MinAboveMax => "最低比例不能高于最高比例".into(),
            Problem::PercentOutOfRange { min_bp, max_bp } => {
                format!("必须在 {} 到 {} 之间", crate::basis_points::percent(*min_bp), crate::basis_points::percent(*max_bp))
            }
            Problem::NoRule => "没有适用的补贴规则，不能设置比例".into(),
            Problem::Locked => "结果已锁定，不能再修改".into(),
            Problem::AmountOutOfRange { min, max } => format!("必须在 {min} 元到 {max} 元之间"),
            Problem::ControlCharacter => "含有控制字符（如 NUL），请删除后重试".into(),
            Problem::NotAnActiveAccountManager => "必须是在职的客户经理或VIP客户经理".into(),
            Problem::MergeIntoItself => "不能合并到它自己".into(),
            Problem::OwnAccount => "不能停用自己的账号，请由另一位管理员操作".into(),
            Problem::WrongPassword => "不是当前密码".into(),
            Problem::OwnPassword => "自己的密码请用“修改密码”，需输入当前密码".into(),
            Problem::OutsideCampaign { start, end } => format!("不在活动期间（{start} 至 {end}）内"),
            Problem::DoesNotMatch => "与活动名称不一致".into(),
            Problem::AfterToday { today } => format!("不能晚于今天（{today}）"),
            Problem::WouldLeaveOutside { first, last } => {
                format!("活动中已有 {first} 至 {last} 的记录（截止日期、业绩或账期），活动期间须包含它们")
            }
            Problem::NotInTeam { person, team } => format!("「{person}」不属于团队「{team}」"),
            Problem::NotEncodable { row, character, encoding } => {
                format!("第 {row} 行的字符「{character}」无法用 {encoding} 编码，请改用 UTF-8 或修改文字")
            }
            Problem::IndustryNeeded { metric } => {
                format!("必须填写：「{metric}」按行业评奖，没有客户编码（或客户没有行业）时须写明行业")
            }
            Problem::IndustryDiffers { client } => format!("与客户的行业（{client}）不一致"),
            Problem::CountsTowardLocked { award } => format!("计入已锁定的奖项「{award}」，不能再更正或删除"),
        }
    }
    pub fn en(&self) -> String {
        match self {
            Problem::Required => "is required".into(),
            Problem::TooLong { max } => format!("must be at most {max} characters"),
            Problem::NotOneOf { allowed } => format!("must be one of: {allowed}"),
            Problem::NotADate => "is not a valid date (e.g. 2026-12-31)".into(),
            Problem::NotAnAmount => "is not a valid amount (e.g. 1,234.50)".into(),
            Problem::Negative => "must not be negative".into(),
            Problem::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            Problem::EndBeforeStart => "must not be before the start date".into(),
            Problem::UnknownReference => "no longer exists; refresh and try again".into(),
            Problem::NotAPhone => "may contain only digits, spaces and - + ( )".into(),
            Problem::AlreadyUsed => "is already used by another record".into(),
            Problem::UsedBy { name, code } => format!("is already used by {name} ({code})"),
            Problem::BandsOverlap => "overlaps another term band of the same product type".into(),
            Problem::BandsGap { after } => format!("leaves a gap after the previous band (which ends at {after} months)"),
            Problem::MinAboveMax => "minimum must not be above the maximum".into(),
            Problem::PercentOutOfRange { min_bp, max_bp } => {
                format!("must be between {} and {}", crate::basis_points::percent(*min_bp), crate::basis_points::percent(*max_bp))
            }
            Problem::NoRule => "has no subsidy rule, so no rate can be set".into(),
            Problem::Locked => "is locked; the results can no longer change".into(),
            Problem::AmountOutOfRange { min, max } => format!("must be between {min} and {max} 元"),
            Problem::ControlCharacter => "contains a control character (such as NUL); remove it".into(),
            Problem::NotAnActiveAccountManager => "must be an active account manager or VIP account manager".into(),
            Problem::MergeIntoItself => "cannot be merged into itself".into(),
            Problem::OwnAccount => "cannot end your own account; another admin can".into(),
            Problem::WrongPassword => "is not your current password".into(),
            Problem::OwnPassword => "is yours: change your own password with your current one".into(),
            Problem::OutsideCampaign { start, end } => format!("is outside the campaign ({start} to {end})"),
            Problem::DoesNotMatch => "does not match the campaign's name".into(),
            Problem::AfterToday { today } => format!("cannot be after today ({today})"),
            Problem::WouldLeaveOutside { first, last } => {
                format!("the campaign already holds work dated {first} to {last} (due dates, achievements or billing months); its dates must include them")
            }
            Problem::NotInTeam { person, team } => format!("{person} is not in team {team}"),
            Problem::NotEncodable { row, character, encoding } => {
                format!("row {row}: the character {character:?} cannot be written in {encoding}; use UTF-8 or change the text")
            }
            Problem::IndustryNeeded { metric } => format!(
                "is required: {metric} is ranked by industry, so an achievement without a client code (or whose client has no industry) must name one"
            ),
            Problem::IndustryDiffers { client } => format!("differs from the client's industry ({client})"),
            Problem::CountsTowardLocked { award } => {
                format!("counts toward the locked award {award}; it can no longer be corrected or deleted")
            }
        }
    }
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields.iter().map(|f| format!("{} {}", f.field, f.problem.en())).collect::<Vec<_>>().join("; ")
}

impl Error {
    /// Stable identifier for the UI and scripts; never reworded.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Duplicate { .. } => ErrorCode::Duplicate,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Unreadable { .. } => ErrorCode::UnreadableFile,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Database(_) | Error::DatabaseFile { .. } => ErrorCode::Database,
            Error::DatabaseBusy { .. } => ErrorCode::DatabaseBusy,
            Error::DatabaseReadOnly { .. } => ErrorCode::DatabaseReadOnly,
            Error::NotARampartDatabase { .. } => ErrorCode::NotARampartDatabase,
            Error::SampleNeedsOwnFile { .. } => ErrorCode::SampleNeedsOwnFile,
            Error::DatabaseInUse { .. } => ErrorCode::DatabaseInUse,
            Error::UndoBlocked { .. } => ErrorCode::UndoBlocked,
            Error::Io(_) => ErrorCode::Io,
            Error::Workbook(_) => ErrorCode::Workbook,
            // Existing codes, so the IPC contract (ui/src/bindings.ts) is unchanged by the writer.
            Error::FontMissing { .. } => ErrorCode::Io,
            Error::PdfWrite(_) => ErrorCode::Workbook,
            Error::ReportFormat { .. } => ErrorCode::Validation,
            Error::StoredOutOfRange { .. } => ErrorCode::StoredOutOfRange,
            Error::CorruptRow { .. } => ErrorCode::CorruptRow,
            Error::CampaignNotClosed { .. } => ErrorCode::CampaignNotClosed,
        }
    }

    /// Bad input from the user, as opposed to a fault of the machine or the program.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::Validation(_)
                | Error::NotFound { .. }
                | Error::Duplicate { .. }
                | Error::Unreadable { .. }
                | Error::Cancelled
                | Error::StoredOutOfRange { .. }
                | Error::UndoBlocked { .. }
                | Error::NotARampartDatabase { .. }
                | Error::SampleNeedsOwnFile { .. }
                | Error::DatabaseInUse { .. }
                | Error::CampaignNotClosed { .. }
                | Error::ReportFormat { .. }
        )
    }

    pub fn message_zh(&self) -> String {
        match self {
            Error::Validation(fields) => fields
                .iter()
                .map(|f| {
                    let label = table_label_zh(&f.field).unwrap_or_else(|| field_label_zh(&f.field).to_string());
                    format!("{label}{}", f.problem.zh())
                })
                .collect::<Vec<_>>()
                .join("；"),
            Error::NotFound { entity, key } => format!("找不到{}：{key}", entity.zh()),
            Error::Duplicate { entity, key } => format!("{}已存在：{key}", entity.zh()),
            Error::SchemaTooNew { .. } => "数据库由更新版本的 Rampart 创建，请升级本程序".into(),
            Error::Unreadable { file, zh, .. } => format!("{file}：{zh}"),
            Error::Cancelled => "已取消，未写入任何数据".into(),
            Error::Database(e) => format!("数据库错误：{e}"),
            Error::DatabaseFile { file, source } => format!("数据库 {file} 出错：{}", database_detail_zh(source)),
            Error::DatabaseBusy { file, waited_secs, holder } => {
                let holder = holder.as_deref().map(|h| format!("（{h}）")).unwrap_or_default();
                format!("数据库 {file} 正在被另一个程序写入{holder}，已等待 {waited_secs} 秒。请等它完成后再试")
            }
            Error::DatabaseReadOnly { file } => format!("数据库 {file} 是只读的（文件或所在文件夹不可写）：可以查看，不能保存修改"),
            Error::NotARampartDatabase { file } => {
                format!("{file} 不是 Rampart 数据库（不是 SQLite 文件，或是别的程序的数据库），未打开它")
            }
            Error::SampleNeedsOwnFile { file } => {
                format!("{file} 里有您自己的活动；示例活动要放在单独的数据库文件里（例如 rampart demo --db sample.rampart.db）")
            }
            Error::DatabaseInUse { file } => format!("{file} 是当前打开的数据库，不能覆盖：请另选一个文件名"),
            Error::UndoBlocked { file, later } => format!(
                "不能撤销导入 {file}：之后的工作依赖它——{}。请先处理这些工作，或保留这次导入",
                later.iter().map(|w| w.zh()).collect::<Vec<_>>().join("；")
            ),
            Error::Io(e) => format!("文件错误：{}", io_detail_zh(e)),
            Error::Workbook(e) => format!("无法写出工作簿：{e}"),
            Error::FontMissing { path, package } => {
                format!("缺少字体 {path}：请安装 {package} 软件包（例如 sudo apt-get install {package}）后重新导出")
            }
            Error::PdfWrite(e) => format!("无法写出 PDF：{e}"),
            Error::ReportFormat { file } => format!("{file}：周报只能写成 .pdf 或 .xlsx 文件，请换用其中一个扩展名"),
            Error::StoredOutOfRange { entity, key, zh, .. } => format!("{}{key}：{zh}", entity.zh()),
            Error::CorruptRow { table, key, detail } => format!("数据表 {table} 第 {key} 行无法读取（{detail}）"),
            Error::CampaignNotClosed { name } => format!("只有已结束的活动才能归档：请先结束「{name}」"),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Error::Validation(fields) => fields
                .iter()
                .map(|f| {
                    let label = table_label_en(&f.field).unwrap_or_else(|| field_label_en(&f.field).to_string());
                    format!("{label} {}", f.problem.en())
                })
                .collect::<Vec<_>>()
                .join("; "),
            Error::Unreadable { file, en, .. } => format!("{file}: {en}"),
            // Starts with the file's name, which must not be capitalised.
            Error::ReportFormat { .. } => self.to_string(),
            other => {
                let mut s = other.to_string();
                if let Some(first) = s.get(0..1) {
                    let upper = first.to_uppercase();
                    s.replace_range(0..1, &upper);
                }
                s
            }
        }
    }

    pub fn to_report(&self) -> ErrorReport {
        let fields = match self {
            Error::Validation(fields) => fields
                .iter()
                .map(|f| FieldReport { field: f.field.clone(), message_zh: f.problem.zh(), message_en: f.problem.en() })
                .collect(),
            _ => Vec::new(),
        };
        ErrorReport { code: self.error_code(), message_zh: self.message_zh(), message_en: self.message_en(), fields }
    }
}

/// Every stable code an error can carry: the UI and scripts branch on these, never on message text.
/// `Internal` is not raised by the core; the shell and UI use it for a failure outside it (a panic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Duplicate,
    SchemaTooNew,
    UnreadableFile,
    Cancelled,
    Database,
    DatabaseBusy,
    DatabaseReadOnly,
    NotARampartDatabase,
    SampleNeedsOwnFile,
    DatabaseInUse,
    UndoBlocked,
    Io,
    Workbook,
    StoredOutOfRange,
    CorruptRow,
    CampaignNotClosed,
    Internal,
    /// Team mode: no session, or it ended (log in again).
    Unauthenticated,
    /// Team mode: wrong user name or password.
    BadLogin,
    /// Team mode: too many failed logins lately; wait before trying again.
    TooManyAttempts,
    /// Team mode: the account's role does not do this.
    Forbidden,
    /// Team mode: a district role whose account has no district.
    NoDistrict,
    /// Team mode: someone else changed it first.
    Stale,
    /// Team mode: the server could not be reached.
    ServerUnreachable,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 26] = [
        ErrorCode::Validation,
        ErrorCode::NotFound,
        ErrorCode::Duplicate,
        ErrorCode::SchemaTooNew,
        ErrorCode::UnreadableFile,
        ErrorCode::Cancelled,
        ErrorCode::Database,
        ErrorCode::DatabaseBusy,
        ErrorCode::DatabaseReadOnly,
        ErrorCode::NotARampartDatabase,
        ErrorCode::SampleNeedsOwnFile,
        ErrorCode::DatabaseInUse,
        ErrorCode::UndoBlocked,
        ErrorCode::Io,
        ErrorCode::Workbook,
        ErrorCode::StoredOutOfRange,
        ErrorCode::CorruptRow,
        ErrorCode::CampaignNotClosed,
        ErrorCode::Internal,
        ErrorCode::Unauthenticated,
        ErrorCode::BadLogin,
        ErrorCode::TooManyAttempts,
        ErrorCode::Forbidden,
        ErrorCode::NoDistrict,
        ErrorCode::Stale,
        ErrorCode::ServerUnreachable,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::UnreadableFile => "unreadable_file",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Database => "database",
            ErrorCode::DatabaseBusy => "database_busy",
            ErrorCode::DatabaseReadOnly => "database_read_only",
            ErrorCode::NotARampartDatabase => "not_a_rampart_database",
            ErrorCode::SampleNeedsOwnFile => "sample_needs_own_file",
            ErrorCode::DatabaseInUse => "database_in_use",
            ErrorCode::UndoBlocked => "undo_blocked",
            ErrorCode::Io => "io",
            ErrorCode::Workbook => "workbook",
            ErrorCode::StoredOutOfRange => "stored_out_of_range",
            ErrorCode::CorruptRow => "corrupt_row",
            ErrorCode::CampaignNotClosed => "campaign_not_closed",
            ErrorCode::Internal => "internal",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::BadLogin => "bad_login",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NoDistrict => "no_district",
            ErrorCode::Stale => "stale",
            ErrorCode::ServerUnreachable => "server_unreachable",
        }
    }
}

/// The shape an error takes when it crosses to the UI or a `--json` consumer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message_zh: String,
    pub message_en: String,
    pub fields: Vec<FieldReport>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct FieldReport {
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

/// `rates.2.min_bp` → ("rates", 2, "min_bp"): a field in row 2 of a table.
fn table_field(field: &str) -> Option<(&str, usize, &str)> {
    let mut parts = field.splitn(3, '.');
    let (table, row, name) = (parts.next()?, parts.next()?.parse().ok()?, parts.next().unwrap_or(""));
    Some((table, row, name))
}

fn table_label_zh(field: &str) -> Option<String> {
    let (table, row, name) = table_field(field)?;
    let table = match table {
        "rates" => "补贴比例表",
        "uplifts" => "期限上浮表",
        "tiers" => "奖级表",
        "targets" => "目标表",
        "weights" => "权重表",
        "tie_breaks" => return Some(format!("并列判定第 {} 项", row + 1)),
        _ => return None,
    };
    Some(format!("{table}第 {} 行{}", row + 1, field_label_zh(name)))
}

fn table_label_en(field: &str) -> Option<String> {
    let (table, row, name) = table_field(field)?;
    let table = match table {
        "rates" => "Rate table",
        "uplifts" => "Uplift table",
        "tiers" => "Tier table",
        "targets" => "Target table",
        "weights" => "Weight table",
        "tie_breaks" => return Some(format!("Tie-break criterion {}", row + 1)),
        _ => return None,
    };
    Some(format!("{table} row {}: {}", row + 1, field_label_en(name).to_lowercase()))
}

fn field_label_zh(field: &str) -> &str {
    match field {
        "min_bp" => "最低比例",
        "default_bp" => "默认比例",
        "max_bp" => "最高比例",
        "term_from" => "起始期限",
        "term_to" => "截止期限",
        "term_over" => "期限超过",
        "rate_bp" => "补贴比例",
        "reason" => "调整原因",
        "name" => "名称",
        "theme" => "主题",
        "start_date" => "开始日期",
        "end_date" => "结束日期",
        "subsidy_budget" => "补贴预算",
        "goals" => "活动目的",
        "status" => "状态",
        "code" => "客户编码",
        "category" => "客户类别",
        "tier" => "客户等级",
        "industry" => "行业",
        "district" => "区县",
        "team_id" => "团队",
        "account_manager_id" => "客户经理",
        "key_person" => "关键人",
        "key_person_phone" => "关键人电话",
        "notes" => "备注",
        "into" => "合并目标",
        "role" => "角色",
        "due" => "截止日期",
        "date" => "日期",
        "teams" => "参与团队",
        "person_id" => "人员",
        "client_id" => "客户",
        "metric" => "指标",
        "quantity" => "数量",
        "amount" => "金额",
        "achievement" => "业绩",
        "window_months" => "近期最高的月数",
        "description" => "说明",
        "owner" => "所属目的或攻坚战",
        "owner_team_id" => "负责团队",
        "parameter.metric" => "业绩指标",
        "parameter.days" => "天数",
        "target" => "目标值",
        "unit" => "单位",
        "value" => "数值",
        "week_end" => "周末日期",
        "for_teams" => "参评对象",
        "places" => "名额",
        "weight_bp" => "权重",
        other => other,
    }
}

fn field_label_en(field: &str) -> &str {
    match field {
        "min_bp" => "Minimum rate",
        "default_bp" => "Default rate",
        "max_bp" => "Maximum rate",
        "term_from" => "Term from",
        "term_to" => "Term to",
        "term_over" => "Term over",
        "rate_bp" => "Rate",
        "reason" => "Reason",
        "start_date" => "Start date",
        "end_date" => "End date",
        "subsidy_budget" => "Subsidy budget",
        "code" => "Client code",
        "team_id" => "Team",
        "account_manager_id" => "Account manager",
        "key_person" => "Key person",
        "key_person_phone" => "Key person phone",
        "name" => "Name",
        "theme" => "Theme",
        "goals" => "Goals",
        "status" => "Status",
        "category" => "Category",
        "tier" => "Tier",
        "industry" => "Industry",
        "district" => "District",
        "notes" => "Notes",
        "into" => "Merge target",
        "role" => "Role",
        "due" => "Due date",
        "date" => "Date",
        "teams" => "Teams",
        "person_id" => "Person",
        "client_id" => "Client",
        "metric" => "Metric",
        "quantity" => "Quantity",
        "amount" => "Amount",
        "achievement" => "Achievement",
        "window_months" => "Months of the recent peak",
        "description" => "Description",
        "owner" => "Goal or battle",
        "owner_team_id" => "Owner team",
        "parameter.metric" => "Achievement metric",
        "parameter.days" => "Days",
        "target" => "Target",
        "unit" => "Unit",
        "value" => "Value",
        "week_end" => "Week ending",
        "for_teams" => "Entrants",
        "places" => "Places",
        "weight_bp" => "Weight",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_messages_name_the_field_in_both_languages() {
        let err = Error::Validation(vec![FieldError::new("code", Problem::Required)]);
        assert_eq!(err.code(), "validation");
        assert_eq!(err.message_zh(), "客户编码不能为空", "planners read the field's Chinese label");
        assert_eq!(err.message_en(), "Client code is required");
        assert!(err.is_user_error(), "a validation failure is the user's to fix, exit code 2");
    }

    #[test]
    fn a_missing_or_forbidden_file_is_explained_in_chinese_not_in_the_os_s_english() {
        for kind in [std::io::ErrorKind::NotFound, std::io::ErrorKind::PermissionDenied] {
            let err = Error::Io(std::io::Error::from(kind));
            let zh = err.message_zh();
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "the Chinese message holds the OS's English: {zh}");
            assert!(!err.message_en().is_empty());
        }
    }

    #[test]
    fn an_award_form_s_problems_name_their_fields_not_their_keys() {
        let fields =
            ["name", "metric", "for_teams", "tiers.0.name", "tiers.1.places", "targets.0.target", "weights.2.weight_bp", "tie_breaks.1"];
        let err = Error::Validation(fields.iter().map(|f| FieldError::new(*f, Problem::Required)).collect());
        for (message, language) in [(err.message_zh(), "zh"), (err.message_en(), "en")] {
            for raw in ["for_teams", "tiers.", "targets.", "weights.", "weight_bp", "tie_breaks", "metric不"] {
                assert!(!message.contains(raw), "the {language} message shows the raw key {raw}: {message}");
            }
        }
        assert!(err.message_zh().contains("奖级表第 1 行名称"), "a tier row is named by its place: {}", err.message_zh());
        assert!(err.message_en().contains("Tie-break criterion 2"), "{}", err.message_en());
    }

    #[test]
    fn each_code_is_sent_as_the_text_scripts_already_match() {
        for code in ErrorCode::ALL {
            let sent = serde_json::to_value(code).expect("a code serialises");
            assert_eq!(sent, code.as_str(), "{code:?} must cross to the UI and --json as the same stable text");
        }
        let report = Error::Cancelled.to_report();
        assert_eq!(serde_json::to_value(&report).expect("report")["code"], "cancelled", "the report carries the code as text");
    }

    #[test]
    fn not_found_reads_naturally() {
        let err = Error::NotFound { entity: Entity::Client, key: "C001".into() };
        assert_eq!(err.message_zh(), "找不到客户：C001");
        assert_eq!(err.message_en(), "Client not found: C001");
    }

    #[test]
    fn the_skeleton_and_its_kpis_are_named_when_missing() {
        let cases = [
            (Entity::Goal, "找不到活动目的：7", "Goal not found: 7"),
            (Entity::StrategyPart, "找不到攻坚战或专题：7", "Battle or workstream not found: 7"),
            (Entity::Kpi, "找不到关键指标：7", "KPI not found: 7"),
        ];
        for (entity, zh, en) in cases {
            let err = Error::NotFound { entity, key: "7".into() };
            assert_eq!(err.code(), "not_found", "{entity:?} missing is the not-found code the UI branches on");
            assert_eq!(err.message_zh(), zh);
            assert_eq!(err.message_en(), en);
        }
    }
}
