//! `rampart service-standards`: the campaign's star service standards (星级服务标准) per
//! service tier, listed or changed one tier at a time.

use clap::{Args, Subcommand};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::service_standard::ServiceStandard;
use rampart_core::domain::Tier;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text};

#[derive(Subcommand)]
pub enum ServiceStandardsCommand {
    /// Every tier's standard (a tier never set shows the sample's).
    List {
        #[arg(long, value_name = "ID")]
        campaign: i64,
    },
    /// Changes one tier's standard; what is not given stays as it is.
    Set(SetArgs),
}

#[derive(Args)]
pub struct SetArgs {
    #[arg(long, value_name = "ID")]
    campaign: i64,
    /// A, B or C.
    #[arg(long)]
    tier: String,
    /// Visit each client at least once in this many months (1–12).
    #[arg(long, value_name = "N")]
    visit_months: Option<i64>,
    /// Green channel: answer within this many working hours.
    #[arg(long, value_name = "N")]
    response_hours: Option<i64>,
    /// Green channel: resolve within this many working hours.
    #[arg(long, value_name = "N")]
    resolution_hours: Option<i64>,
    #[arg(long, value_name = "true|false")]
    dedicated_manager: Option<bool>,
    #[arg(long, value_name = "true|false")]
    vip_manager: Option<bool>,
    /// A key person's confirmation holds this many days.
    #[arg(long, value_name = "N")]
    confirm_days: Option<i64>,
    /// The tier's entitlements, replacing those saved (give the option once per entitlement).
    #[arg(long = "entitlement", value_name = "TEXT")]
    entitlements: Vec<String>,
}

pub fn run(store: &Store, command: ServiceStandardsCommand, json: bool) -> Result<(), Error> {
    match command {
        ServiceStandardsCommand::List { campaign } => print(&store.service_standards().list(CampaignId(campaign))?, json),
        ServiceStandardsCommand::Set(args) => {
            let tier = Tier::from_code(args.tier.trim().to_uppercase().as_str())
                .ok_or_else(|| Error::Validation(vec![FieldError::new("tier", Problem::NotOneOf { allowed: Tier::codes() })]))?;
            let campaign = CampaignId(args.campaign);
            let mut s = store.service_standards().of(campaign, tier)?;
            s.visit_every_months = args.visit_months.unwrap_or(s.visit_every_months);
            s.response_hours = args.response_hours.unwrap_or(s.response_hours);
            s.resolution_hours = args.resolution_hours.unwrap_or(s.resolution_hours);
            s.dedicated_manager = args.dedicated_manager.unwrap_or(s.dedicated_manager);
            s.vip_manager = args.vip_manager.unwrap_or(s.vip_manager);
            s.key_person_confirm_days = args.confirm_days.unwrap_or(s.key_person_confirm_days);
            if !args.entitlements.is_empty() {
                s.entitlements = args.entitlements;
            }
            let saved = store.service_standards().set(campaign, &s)?;
            print(std::slice::from_ref(&saved), json);
        }
    }
    Ok(())
}

fn print(standards: &[ServiceStandard], json: bool) {
    if json {
        print_json(&serde_json::to_value(standards).unwrap_or_default());
        return;
    }
    let zh = chinese();
    let yes_no = |b: bool| match (b, zh) {
        (true, true) => "是",
        (false, true) => "否",
        (true, false) => "yes",
        (false, false) => "no",
    };
    let lines: Vec<String> = standards
        .iter()
        .map(|s| {
            let tier = if zh { s.tier.label_zh() } else { s.tier.label_en() };
            let entitlements = s.entitlements.join(if zh { "、" } else { "; " });
            if zh {
                format!(
                    "{tier}：每 {} 个月拜访；绿色通道 {} 小时响应、{} 小时解决；专属客户经理 {}；VIP 客户经理 {}；关键人 {} 天内确认；权益：{entitlements}",
                    s.visit_every_months,
                    s.response_hours,
                    s.resolution_hours,
                    yes_no(s.dedicated_manager),
                    yes_no(s.vip_manager),
                    s.key_person_confirm_days
                )
            } else {
                let every = if s.visit_every_months == 1 { "month".to_string() } else { format!("{} months", s.visit_every_months) };
                format!(
                    "{tier}: visit every {every}; green channel answers in {} h, resolves in {} h; dedicated manager {}; VIP manager {}; key person confirmed within {} days; entitlements: {entitlements}",
                    s.response_hours,
                    s.resolution_hours,
                    yes_no(s.dedicated_manager),
                    yes_no(s.vip_manager),
                    s.key_person_confirm_days
                )
            }
        })
        .collect();
    print_text(&lines.join("\n"));
}
