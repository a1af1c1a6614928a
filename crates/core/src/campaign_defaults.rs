//! What a campaign made "from the built-in defaults" starts with, as DOMAIN.md sets them out: the
//! rate table with its uplift, the campaign's metrics and its four awards with their tiers and
//! weights, and the seed's goals, battles and workstreams with their KPIs. Risk thresholds, the
//! plan template and the warning threshold have defaults of their own already. All of it is data
//! the planner edits afterwards.

use chrono::NaiveDateTime;

use crate::domain::awards::{AwardInput, AwardKind, TieBreak, Tier, METRICS, PLANS_COMPONENT};
use crate::domain::campaign::TeamChoice;
use crate::domain::ids::CampaignId;
use crate::domain::subsidy::RuleTable;
use crate::domain::CampaignInput;
use crate::error::Result;
use crate::money::Money;
use crate::store::Store;

/// Makes a campaign with its participating teams (new names become teams), and the default rules
/// and awards when `from_defaults`: all together or nothing. What the CLI's `campaigns create` and
/// the app's 新建活动 do.
pub fn create(
    store: &Store,
    input: &CampaignInput,
    teams: &TeamChoice,
    from_defaults: bool,
    author: &str,
    now: NaiveDateTime,
) -> Result<CampaignId> {
    store.in_transaction(|s| {
        let id = s.campaigns().create(input)?;
        s.campaigns().set_team_choice(id, teams)?;
        if from_defaults {
            apply(s, id, author, now)?;
        }
        Ok(id)
    })
}

/// Gives `campaign` the default rules and awards. Call it inside the transaction that created
/// the campaign, so a failure leaves no half-set-up campaign.
pub fn apply(store: &Store, campaign: CampaignId, author: &str, now: NaiveDateTime) -> Result<()> {
    store.rule_sets().save(campaign, &RuleTable::demo(), author, now)?;
    awards(store, campaign)?;
    // After the awards: the goals' achievement KPIs name the metrics `awards` adds.
    store.kpis().apply_defaults(campaign)?;
    store.service_standards().apply_defaults(campaign)?;
    Ok(())
}

/// The campaign's metrics and the four awards: three single awards and the organisation award
/// that weighs them with plan completion.
pub(crate) fn awards(store: &Store, campaign: CampaignId) -> Result<()> {
    for (code, name) in METRICS {
        store.achievements().add_metric(campaign, code, name)?;
    }
    let standard = tiers(&[("一等奖", 1, 5_000), ("二等奖", 2, 3_000), ("三等奖", 3, 1_000)]);
    let locked = store.awards().save(campaign, None, &single("存量协议锁定奖", "locked_agreements", false, standard.clone()))?;
    let industry =
        store.awards().save(campaign, None, &single("行业应用攻坚突破奖", "industry_wins", true, tiers(&[("突破奖", 1, 3_000)])))?;
    let mobile = store.awards().save(campaign, None, &single("移动业务发展规模奖", "mobile_users", false, standard.clone()))?;
    let weights =
        vec![(locked.to_string(), 3_000), (industry.to_string(), 2_000), (mobile.to_string(), 2_500), (PLANS_COMPONENT.to_string(), 2_500)];
    let overall =
        AwardInput {
            name: "长城计划组织奖".into(), kind: AwardKind::Overall, metric: None, weights, ..single("", "", false, standard)
        };
    store.awards().save(campaign, None, &overall)?;
    Ok(())
}

fn tiers(amounts: &[(&str, u32, i64)]) -> Vec<Tier> {
    amounts
        .iter()
        .map(|(name, places, yuan)| Tier {
            name: (*name).into(),
            places: *places,
            honour: format!("长城计划{name}"),
            amount: Some(Money::from_yuan(*yuan)),
        })
        .collect()
}

fn single(name: &str, metric: &str, by_industry: bool, tiers: Vec<Tier>) -> AwardInput {
    AwardInput {
        name: name.into(),
        kind: AwardKind::Single,
        for_teams: true,
        for_people: true,
        metric: Some(metric.into()),
        by_industry,
        use_targets: false,
        tie_break: "得分相同者依次按达成日期先后、客户数、金额区分；仍相同者并列，奖项名额不因并列增加".into(),
        // Each tier pays its places and no more: a tie still left at a tier's last place is the
        // planner's call.
        tie_breaks: TieBreak::standard(),
        shared_tiers: false,
        tiers,
        targets: Vec::new(),
        weights: Vec::new(),
    }
}
