//! The client and contract fields a column of a client list can fill, with the header
//! spellings that name them. Here rather than in the import so the store can keep the
//! planner's own header → field choices without depending on the import.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ClientCode,
    ClientName,
    Category,
    Tier,
    Industry,
    District,
    Team,
    AccountManager,
    KeyPerson,
    KeyPersonPhone,
    ContractNo,
    ProductType,
    MonthlyFee,
    DecFee,
    TermMonths,
    EndDate,
    Fiber,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::ClientCode,
        Field::ClientName,
        Field::Category,
        Field::Tier,
        Field::Industry,
        Field::District,
        Field::Team,
        Field::AccountManager,
        Field::KeyPerson,
        Field::KeyPersonPhone,
        Field::ContractNo,
        Field::ProductType,
        Field::MonthlyFee,
        Field::DecFee,
        Field::TermMonths,
        Field::EndDate,
        Field::Fiber,
    ];

    /// Header spellings, already folded (see `fold_header`); the first is the Chinese label.
    pub(crate) fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::ClientCode => &["客户编码", "客户编号", "客户代码", "client_code", "clientcode", "code"],
            Field::ClientName => &["客户名称", "客户名", "单位名称", "client_name", "clientname", "name"],
            Field::Category => &["客户类别", "客户类型", "类别", "category"],
            Field::Tier => &["客户等级", "星级", "等级", "服务等级", "tier"],
            Field::Industry => &["行业", "所属行业", "industry"],
            Field::District => &["区域", "所属区县", "district"],
            // 区县 names the owning district company (a team) unless the file also has 团队.
            Field::Team => &["团队", "所属团队", "责任部门", "部门", "区县/团队", "区县", "team"],
            Field::AccountManager => &["客户经理", "责任客户经理", "account_manager", "accountmanager", "manager"],
            Field::KeyPerson => &["关键人", "关健人", "key_person", "keyperson"],
            Field::KeyPersonPhone => &["关键人电话", "关键人联系电话", "联系电话", "key_person_phone", "keypersonphone", "phone"],
            Field::ContractNo => &["合同号", "合同编号", "关联合同号", "contract_no", "contractno", "contract"],
            Field::ProductType => &["产品类型", "业务类型", "产品", "product_type", "producttype", "product"],
            Field::MonthlyFee => &["月费", "月租", "月费(元)", "monthly_fee", "monthlyfee"],
            Field::DecFee => &["去年12月费用", "去年12月费用(元)", "12月费用", "上年12月费用", "dec_fee", "decfee"],
            Field::TermMonths => &["协议期限(月)", "协议期限", "期限(月)", "合同期限(月)", "term_months", "termmonths", "term"],
            Field::EndDate => &["协议到期日", "到期日", "协议到期日期", "end_date", "enddate"],
            Field::Fiber => &["光纤到户", "是否光纤到户", "fiber", "fibre", "ftth"],
        }
    }

    pub fn label_zh(self) -> &'static str {
        self.aliases()[0]
    }

    /// The English header the template writes; it folds to one of the aliases above.
    pub fn label_en(self) -> &'static str {
        match self {
            Field::ClientCode => "Client code",
            Field::ClientName => "Client name",
            Field::Category => "Category",
            Field::Tier => "Tier",
            Field::Industry => "Industry",
            Field::District => "District",
            Field::Team => "Team",
            Field::AccountManager => "Account manager",
            Field::KeyPerson => "Key person",
            Field::KeyPersonPhone => "Key person phone",
            Field::ContractNo => "Contract no",
            Field::ProductType => "Product type",
            Field::MonthlyFee => "Monthly fee",
            Field::DecFee => "Dec fee",
            Field::TermMonths => "Term months",
            Field::EndDate => "End date",
            Field::Fiber => "Fiber",
        }
    }
}
