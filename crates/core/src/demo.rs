//! The demo campaign 长城计划: deterministic (same seed, same data) and idempotent.

use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::ids::{CampaignId, PersonId};
use crate::domain::org::Role;
use crate::domain::plan::{By, ItemEdit, ItemStatus};
use crate::domain::risk::RiskSettings;
use crate::domain::subsidy::RuleTable;
use crate::domain::warning::BillingPeriod;
use crate::domain::{CampaignInput, CampaignStatus, Category, ClientInput, ProductType};
use crate::error::Result;
use crate::money::Money;
use crate::store::clients::NewContract;
use crate::store::plans::PlanFilter;
use crate::store::warnings::SnapshotRow;
use crate::store::Store;

const SEED: i64 = 20_091_231;
pub const TARGET_CLIENTS: usize = 320;

pub const TEAMS: [&str; 5] = ["市政企客户部", "网吧宽频部", "移动业务应用部", "政企客维支撑中心", "各区、县公司政企客户部"];

/// Account managers per team, in the order of `TEAMS`.
const MANAGERS: [&[&str]; 5] = [
    &["王建国", "李晓明", "张丽华", "刘志强", "陈静"],
    &["杨帆", "赵磊", "黄海燕"],
    &["周婷", "吴刚", "徐文博", "孙悦"],
    &["胡军", "朱红梅", "高峰"],
    &["林涛", "何雪", "郭亮", "马骏", "罗敏"],
];
const MEMBERS: [(&str, usize); 6] = [("郑雅文", 0), ("梁伟", 2), ("宋佳", 3), ("谢斌", 4), ("韩冰", 1), ("唐宁", 0)];

const DISTRICTS: [&str; 10] = ["鼓楼区", "云龙区", "泉山区", "铜山区", "贾汪区", "丰县", "沛县", "睢宁县", "邳州市", "新沂市"];
const WORDS: [&str; 24] = [
    "金鼎", "华宇", "恒泰", "汉源", "彭城", "淮海", "泰和", "鑫源", "东方", "宏达", "润丰", "兴业", "新元", "天成", "博远", "瑞丰", "中润",
    "徐工", "银河", "龙腾", "嘉禾", "信达", "卓越", "长江",
];
const SURNAMES: [&str; 16] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"];
const TITLES: [&str; 6] = ["主任", "科长", "处长", "经理", "院长", "总经理"];

/// (industry, name patterns, categories it suits). `{d}` is a district, `{w}` a trade name,
/// `{n}` a number.
const INDUSTRIES: [(&str, &[&str], &[Category]); 8] = [
    (
        "政府机关",
        &["{d}公安分局", "{d}税务局", "{d}人民政府办公室", "{d}市场监督管理局", "{d}人力资源和社会保障局", "{d}住房和城乡建设局"],
        &[Category::Strategic, Category::LocalKey],
    ),
    ("教育", &["{w}职业技术学院", "徐州{w}学院", "{d}第{n}中学", "{d}实验小学"], &[Category::Campus, Category::LocalKey]),
    ("医疗卫生", &["{d}人民医院", "{d}中医院", "{d}妇幼保健院", "{d}{w}社区卫生服务中心"], &[Category::LocalKey, Category::Strategic]),
    ("金融", &["{w}农村商业银行{d}支行", "{w}人寿保险{d}营销服务部", "{w}证券{d}营业部"], &[Category::Strategic, Category::LocalKey]),
    ("制造业", &["徐州{w}机械有限公司", "{w}重工科技有限公司", "{w}新材料股份有限公司"], &[Category::Strategic, Category::Sme]),
    ("交通物流", &["{w}物流有限公司", "{d}公共交通有限公司", "{w}货运代理有限公司"], &[Category::LocalKey, Category::Sme]),
    ("商贸零售", &["{w}商贸有限公司", "{w}超市连锁有限公司", "{w}家电卖场"], &[Category::Sme]),
    ("网吧", &["{w}网咖{d}店", "{w}网络会所", "{w}电竞馆"], &[Category::Sme]),
];

/// The demo campaign in `store`, if it was ever seeded there.
pub(crate) fn existing(store: &Store) -> Result<Option<CampaignId>> {
    store.campaigns().demo_id(SEED)
}

/// Seeds the demo campaign once and returns its id; later calls return the same id.
pub fn seed_demo(store: &Store, today: NaiveDate) -> Result<CampaignId> {
    if let Some(id) = store.campaigns().demo_id(SEED)? {
        // A demo seeded before subsidy rules existed gets them now.
        if store.rule_sets().current(id)?.id == 0 {
            store.in_transaction(|s| seed_subsidy_rules(s, id, today))?;
        }
        if store.plans().list(id, &PlanFilter::default(), today)?.is_empty() {
            store.in_transaction(|s| seed_plans(s, id, today))?;
        }
        if store.awards().list(id)?.is_empty() {
            store.in_transaction(|s| seed_awards(s, id, today))?;
        }
        if store.warnings().list(id, &Default::default(), today)?.is_empty() {
            store.in_transaction(|s| seed_warnings(s, id, today))?;
        }
        if store.visits().list(id, None, 1, 0)?.total == 0 {
            store.in_transaction(|s| crate::demo_visits::seed_visits(s, id, today))?;
        }
        if store.points().periods(id)?.is_empty() {
            store.in_transaction(|s| crate::demo_points::seed_points(s, id, today))?;
        }
        return Ok(id);
    }
    store.in_transaction(|s| {
        let id = seed(s, today)?;
        seed_subsidy_rules(s, id, today)?;
        // Large accounts here spend thousands a month; 10,000 元 singles out the biggest.
        let risk = RiskSettings { high_spend: Money::from_yuan(10_000), ..RiskSettings::default() };
        s.campaigns().set_risk_settings(id, risk)?;
        seed_plans(s, id, today)?;
        seed_awards(s, id, today)?;
        seed_warnings(s, id, today)?;
        crate::demo_visits::seed_visits(s, id, today)?;
        crate::demo_points::seed_points(s, id, today)?;
        Ok(id)
    })
}

/// October and November billing snapshots of the fibre and broadband contracts: most steady,
/// some leaving or moving to a cheaper tariff; a few warnings already worked on, and a few
/// key-person changes to follow up.
fn seed_warnings(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED as u64 + 8);
    let year = store.campaigns().get(campaign)?.start_date.year();
    let month = |m: u32| BillingPeriod::of(NaiveDate::from_ymd_opt(year, m, 1).unwrap_or(today));
    let (october_period, november_period) = (month(10), month(11));
    let targets =
        store.clients().page(&crate::domain::ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() })?.rows;
    let (mut october, mut november) = (Vec::new(), Vec::new());
    for client in &targets {
        for k in store.clients().get(client.id)?.contracts {
            if !matches!(k.product_type, ProductType::Broadband | ProductType::FiberOnly) || k.monthly_fee.fen() == 0 {
                continue;
            }
            let fee = k.monthly_fee.fen();
            let reading = |in_network, fen| crate::domain::warning::Reading { in_network, tariff: Money::from_fen(fen) };
            october.push(SnapshotRow { contract_id: k.id, period: october_period.clone(), reading: reading(true, fee) });
            let after = match rng.gen_range(0..100) {
                0..=6 => reading(false, fee),
                7..=16 => reading(true, fee * rng.gen_range(55..85) / 100),
                17..=24 => reading(true, fee * rng.gen_range(95..100) / 100),
                _ => reading(true, fee),
            };
            november.push(SnapshotRow { contract_id: k.id, period: november_period.clone(), reading: after });
        }
    }
    let raised = NaiveDate::from_ymd_opt(year, 11, 5).unwrap_or(today).min(today);
    store.snapshots().record(campaign, &october, raised)?;
    store.snapshots().record(campaign, &november, raised)?;
    let warnings = store.warnings().list(campaign, &Default::default(), today)?;
    let at = |days: i64| (raised + Duration::days(days)).min(today);
    let by = |days: i64| By { author: "演示数据".into(), at: at(days).and_hms_opt(10, 0, 0).unwrap_or_default() };
    use crate::domain::warning::WarningStatus::{Contacted, Lost, Retained};
    let steps: [(&[_], &str); 4] = [
        (&[Contacted], "已电话联系关键人，约定上门"),
        (&[Contacted, Retained], "上门沟通后续签两年，赠送提速"),
        (&[Retained], "客户经理当天回访，确认为账务调整"),
        (&[Contacted, Lost], "客户已转用他网专线，价格差距过大"),
    ];
    for (warning, (path, note)) in warnings.iter().zip(steps.iter().cycle()).take(8) {
        for (i, status) in path.iter().enumerate() {
            store.warnings().set_status(warning.id, *status, note, at(i as i64 + 1), &by(i as i64 + 1))?;
        }
    }
    for (client, days, name) in targets.iter().step_by(97).zip([3, 12, 45]).map(|(c, d)| (c, d, "新任主任")) {
        let person = format!("{}{name}", SURNAMES[(client.id.0 as usize) % SURNAMES.len()]);
        let on = today - Duration::days(days);
        let phone = format!("139{:08}", client.id.0 * 7_919 % 100_000_000);
        store.key_people().record_change(client.id, (&person, &phone), on, "原关键人岗位调整", &by(0))?;
    }
    Ok(())
}

/// The campaign's rate table (DOMAIN.md's sample defaults) and a few overrides with reasons.
fn seed_subsidy_rules(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    let at = today.and_hms_opt(9, 0, 0).unwrap_or_default();
    store.rule_sets().save(campaign, &RuleTable::demo(), "演示数据", at)?;
    let picks = [
        (ProductType::Bundle, 7_000, "战略客户续签五年全业务协议，经市场部审批上调"),
        (ProductType::FiberOnly, 5_000, "竞争对手已报价，主动释放价格风险"),
        (ProductType::Bundle, 3_500, "客户要求降低赠费、换取月费折扣"),
    ];
    for (product, rate, reason) in picks {
        if let Some(contract) = store.subsidies().first_contract_of(campaign, product)? {
            store.subsidies().set_rate_override(campaign, contract, crate::basis_points::BasisPoints(rate), reason, "演示数据", at)?;
        }
    }
    Ok(())
}

fn seed(store: &Store, today: NaiveDate) -> Result<CampaignId> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED as u64);
    let year = today.year();
    let start = NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let campaign = store.campaigns().insert(
        &CampaignInput {
            name: "长城计划".into(),
            theme: "领跑3G信息化，助您事业新境界".into(),
            start_date: start,
            end_date: end,
            status: CampaignStatus::Active,
            subsidy_budget: Money::from_yuan(600_000),
            goals: "目的一 存量保持：稳定既有业务存量，反击竞争对手重点进攻。\n\
                    目的二 抢夺政企市场高端移动用户：采用单位消费让渡个人消费，结合阶段性促销拉动增量市场。\n\
                    目的三 提升政企全业务销售组织能力：销售对象由“客户”变“客户+用户”，提升全区政企销售组织能力。"
                .into(),
        },
        Some(SEED),
    )?;

    let mut managers: Vec<Vec<PersonId>> = Vec::new();
    let mut team_ids = Vec::new();
    for (team, names) in TEAMS.iter().zip(MANAGERS) {
        let team_id = store.org().ensure_team(team)?;
        team_ids.push(team_id);
        managers.push(names.iter().map(|n| store.org().ensure_person(n, Some(team_id), Role::AccountManager)).collect::<Result<_>>()?);
    }
    for (name, team) in MEMBERS {
        store.org().ensure_person(name, Some(team_ids[team]), Role::TeamMember)?;
    }
    // The four teams take part in the campaign, as a planner would set them up.
    store.campaigns().set_teams(campaign, &team_ids)?;

    let mut used_names = std::collections::HashSet::new();
    let mut contract_seq = 0;
    for i in 0..TARGET_CLIENTS {
        let code = format!("KH3203{:05}", 10_001 + i * 3);
        if let Some(existing) = store.clients().id_by_code(&code)? {
            store.campaigns().add_target(campaign, existing)?;
            continue;
        }
        let (industry, patterns, categories) = INDUSTRIES[weighted(&mut rng, &[14, 12, 10, 8, 14, 10, 16, 8])];
        let category = pick_category(&mut rng, categories);
        let district = *DISTRICTS.choose(&mut rng).unwrap_or(&DISTRICTS[0]);
        let name = unique_name(&mut rng, patterns, district, &mut used_names);
        let team = team_for(&mut rng, industry, category);
        let tier = match category {
            Category::Strategic => ["A", "A", "A", "B"][rng.gen_range(0..4)],
            Category::LocalKey => ["A", "B", "B", "C"][rng.gen_range(0..4)],
            Category::Campus => ["B", "B", "C"][rng.gen_range(0..3)],
            Category::Sme => ["B", "C", "C", "C"][rng.gen_range(0..4)],
        };
        let manager = *managers[team].choose(&mut rng).unwrap_or(&managers[team][0]);
        let key_person = format!("{}{}", SURNAMES.choose(&mut rng).unwrap_or(&"王"), TITLES.choose(&mut rng).unwrap_or(&"主任"));
        let phone = format!("13{}{:08}", rng.gen_range(3..10), rng.gen_range(0..100_000_000u32));
        let client = store.clients().create(
            &ClientInput {
                code,
                name,
                category: category.code().into(),
                tier: tier.into(),
                industry: industry.into(),
                district: district.into(),
                team_id: Some(team_ids[team]),
                account_manager_id: Some(manager),
                key_person,
                key_person_phone: phone,
                notes: String::new(),
            },
            Some(campaign),
        )?;
        for _ in 0..rng.gen_range(1..=3) {
            contract_seq += 1;
            store.clients().add_contract(client, &demo_contract(&mut rng, year, contract_seq, end, industry))?;
        }
    }
    Ok(campaign)
}

fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut roll = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

fn pick_category(rng: &mut ChaCha8Rng, suits: &[Category]) -> Category {
    // The first suitable category is the usual one; the others occur a third of the time.
    if suits.len() > 1 && rng.gen_range(0..3) == 0 {
        suits[1 + rng.gen_range(0..suits.len() - 1)]
    } else {
        suits[0]
    }
}

fn unique_name(rng: &mut ChaCha8Rng, patterns: &[&str], district: &str, used: &mut std::collections::HashSet<String>) -> String {
    for _ in 0..20 {
        let pattern = patterns.choose(rng).unwrap_or(&"{w}有限公司");
        let name = pattern
            .replace("{d}", district)
            .replace("{w}", WORDS.choose(rng).unwrap_or(&"华宇"))
            .replace("{n}", &rng.gen_range(1..40).to_string());
        if used.insert(name.clone()) {
            return name;
        }
    }
    let fallback = format!("{district}{}综合服务中心{}", WORDS[used.len() % WORDS.len()], used.len());
    used.insert(fallback.clone());
    fallback
}

/// Index into `TEAMS` of the team that would own such a client.
fn team_for(rng: &mut ChaCha8Rng, industry: &str, category: Category) -> usize {
    match (industry, category) {
        ("网吧", _) => 1,
        (_, Category::Strategic) => [0, 0, 0, 3][rng.gen_range(0..4)],
        (_, Category::Campus) => [2, 2, 4][rng.gen_range(0..3)],
        _ => [0, 2, 3, 4, 4, 4][rng.gen_range(0..6)],
    }
}

fn demo_contract(rng: &mut ChaCha8Rng, year: i32, seq: usize, campaign_end: NaiveDate, industry: &str) -> NewContract {
    let product_type = if industry == "网吧" {
        [ProductType::Broadband, ProductType::FiberOnly, ProductType::Bundle][weighted(rng, &[5, 3, 2])]
    } else {
        [ProductType::FiberOnly, ProductType::Bundle, ProductType::Broadband, ProductType::Mobile][weighted(rng, &[3, 3, 2, 2])]
    };
    let (low, high) = match product_type {
        ProductType::FiberOnly => (300, 2_500),
        ProductType::Bundle => (800, 6_000),
        ProductType::Broadband => (120, 900),
        ProductType::Mobile => (200, 3_000),
    };
    // Fees end in whole 10 yuan as tariffs do; December's bill varies around the monthly fee.
    let monthly = Money::from_yuan(rng.gen_range(low / 10..=high / 10) * 10);
    let dec_fee = Money::from_fen(monthly.fen() * rng.gen_range(85..=125) / 100 + rng.gen_range(0..100));
    let fiber_to_premises = match product_type {
        ProductType::FiberOnly | ProductType::Bundle => true,
        ProductType::Broadband => rng.gen_range(0..10) < 4,
        ProductType::Mobile => false,
    };
    NewContract {
        number: format!("HT{year}{seq:06}"),
        product_type,
        monthly_fee: monthly,
        dec_fee,
        term_months: [12, 24, 36, 48, 60][rng.gen_range(0..5)],
        end_date: Some(campaign_end + Duration::days(rng.gen_range(-60..=720))),
        fiber_to_premises,
    }
}

/// The seed's 25 named target clients (一户一案): strategic and local-network key clients in
/// code order, each with the five service items spread to the campaign's end and a realistic
/// mix of statuses for `today`.
fn seed_plans(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED as u64 + 5);
    let c = store.campaigns().get(campaign)?;
    let by = By { author: "演示数据".into(), at: c.start_date.and_hms_opt(9, 0, 0).unwrap_or_default() };
    let members: Vec<PersonId> = store.org().people()?.into_iter().filter(|p| !p.is_account_manager).map(|p| p.id).collect();
    let mut chosen = Vec::new();
    for category in [Category::Strategic, Category::LocalKey] {
        let page = store.clients().page(&crate::domain::ClientQuery {
            campaign_id: Some(campaign),
            category: Some(category),
            limit: 1000,
            ..Default::default()
        })?;
        chosen.extend(page.rows.into_iter().take(if category == Category::Strategic { 15 } else { 10 }));
    }
    let span = (c.end_date - c.start_date).num_days().max(1);
    for client in chosen {
        let goal = format!("稳定{}存量业务，锁定长期协议，防止竞争对手切入", client.name);
        let plan = store.plans().create(campaign, client.id, &goal, &by)?;
        let mut team = vec![];
        team.extend(client.account_manager_id);
        team.push(members[rng.gen_range(0..members.len())]);
        store.plans().set_goal(plan, &goal, &team, &by)?;
        for (i, item) in store.plans().get(plan, today)?.items.into_iter().enumerate() {
            // Items fall due one after another through the campaign; the last at its end.
            let due = c.start_date + Duration::days(span * (i as i64 + 1) / 5 + rng.gen_range(-10..=0));
            let due = due.min(c.end_date);
            store.plans().update_item(
                item.id,
                &ItemEdit { title: item.title.clone(), owner_id: item.owner_id, due, note: String::new() },
                &by,
            )?;
            let roll = rng.gen_range(0..100);
            let (status, reason) = if due < today {
                match roll {
                    0..=74 => (ItemStatus::Done, ""),
                    75..=89 => (ItemStatus::InProgress, ""),
                    _ => (ItemStatus::Blocked, "客户关键人变动，等待新关键人确认"),
                }
            } else {
                match roll {
                    0..=19 => (ItemStatus::Done, ""),
                    20..=59 => (ItemStatus::InProgress, ""),
                    60..=91 => (ItemStatus::NotStarted, ""),
                    _ => (ItemStatus::Blocked, "光纤资源未到位，待网络部排期"),
                }
            };
            if status != ItemStatus::NotStarted {
                let done_on = (status == ItemStatus::Done).then(|| (due - Duration::days(rng.gen_range(0..10))).min(today));
                // Recorded when it happened (a done date is never after the day it is recorded).
                let when = By { at: done_on.unwrap_or(today).and_hms_opt(17, 0, 0).unwrap_or_default(), ..by.clone() };
                store.plans().set_item_status(item.id, status, done_on, reason, &when)?;
            }
        }
    }
    Ok(())
}

/// The demo campaign's incentive budget (激励预算), in yuan.
pub const DEMO_INCENTIVE_BUDGET_YUAN: i64 = 150_000;

/// The seed's four awards (长城计划组织奖 overall; 存量协议锁定奖, 行业应用攻坚突破奖 per industry,
/// 移动业务发展规模奖), for teams and individuals, and a few hundred achievements up to `today`.
fn seed_awards(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    use crate::domain::awards::AchievementInput;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED as u64 + 6);
    crate::campaign_defaults::awards(store, campaign)?;
    store.kpis().apply_defaults(campaign)?;
    store.service_standards().apply_defaults(campaign)?;
    // Enough for every award's tiers as offered, with a little to spare.
    store.campaigns().set_incentive_budget(campaign, Some(Money::from_yuan(DEMO_INCENTIVE_BUDGET_YUAN)))?;

    let c = store.campaigns().get(campaign)?;
    let last = today.min(c.end_date);
    let days = (last - c.start_date).num_days();
    if days < 0 {
        return Ok(());
    }
    let managers: Vec<_> = store.org().people()?.into_iter().filter(|p| p.is_account_manager).collect();
    for _ in 0..320 {
        let person = &managers[rng.gen_range(0..managers.len())];
        let clients = store.clients().page(&crate::domain::ClientQuery {
            campaign_id: Some(campaign),
            account_manager_id: Some(person.id),
            limit: 100,
            ..Default::default()
        })?;
        let client = clients.rows.get(rng.gen_range(0..clients.rows.len().max(1)));
        if client.is_none() {
            // A person with no clients here (a VIP account manager an older file took for an
            // account manager) has no work of theirs to show.
            continue;
        }
        let (metric, quantity, amount) = match rng.gen_range(0..10) {
            0..=3 => ("locked_agreements", rng.gen_range(1..=3), rng.gen_range(2_000..20_000)),
            4..=5 => ("industry_wins", 1, rng.gen_range(10_000..80_000)),
            _ => ("mobile_users", rng.gen_range(5..=60), rng.gen_range(500..6_000)),
        };
        store.achievements().add(
            campaign,
            &AchievementInput {
                date: c.start_date + Duration::days(rng.gen_range(0..=days)),
                metric: metric.into(),
                team_id: person.team_id,
                person_id: Some(person.id),
                quantity,
                amount: Money::from_yuan(amount),
                client_id: client.map(|c| c.id),
                industry: None,
                note: String::new(),
            },
        )?;
    }
    Ok(())
}
