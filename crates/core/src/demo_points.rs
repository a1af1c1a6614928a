//! The demo's loyalty members: staff lines of the demo's targets and some lines of their own,
//! joined over eight years, with October's and November's spend and levels (some left to the
//! thresholds); both months computed, October locked, and a few redemptions.

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::ids::CampaignId;
use crate::domain::plan::By;
use crate::domain::warning::BillingPeriod;
use crate::domain::ClientQuery;
use crate::error::Result;
use crate::money::Money;
use crate::store::Store;

const SEED: u64 = 20_091_301;
const MEMBERS: usize = 600;
const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰"];

pub(crate) fn seed_points(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let c = store.campaigns().get(campaign)?;
    let year = c.start_date.year();
    let clients = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() })?.rows;
    let scheme = store.points().scheme(campaign)?;
    let by = By { author: "演示数据".into(), at: today.and_hms_opt(9, 0, 0).unwrap_or_default() };
    // (number, name, joined on, client, level)
    type Member = (String, String, NaiveDate, Option<usize>, Option<usize>);
    let members: Vec<Member> = (0..MEMBERS)
        .map(|i| {
            let number = format!("1{}{:08}", [33, 53, 77, 80, 81, 89][i % 6], 100_000 + i * 7_919);
            let name = format!("{}{}", SURNAMES[rng.gen_range(0..10)], GIVEN[rng.gen_range(0..10)]);
            let joined = today - Duration::days(rng.gen_range(20..8 * 365));
            let client = (i % 3 != 0 && !clients.is_empty()).then(|| rng.gen_range(0..clients.len()));
            let level = (rng.gen_range(0..10) < 7).then(|| match rng.gen_range(0..100) {
                0..60 => 0,
                60..85 => 1,
                85..97 => 2,
                _ => 3,
            });
            (number, name, joined, client, level)
        })
        .collect();
    for (month, period) in [(10, "10"), (11, "11")] {
        let period = BillingPeriod::parse(&format!("{year}-{period}")).unwrap_or_else(|| BillingPeriod::of(today));
        for (number, name, joined, client, level) in &members {
            if joined.year() == year && joined.month() > month {
                continue;
            }
            let spend = Money::from_fen(rng.gen_range(2_000..80_000));
            let level = level.map(|l| scheme.levels[l.min(scheme.levels.len() - 1)].code.as_str());
            let client = client.map(|i| clients[i].id);
            store.points().put_member(campaign, &period, (number, name), *joined, client, spend, level)?;
        }
        store.points().compute(campaign, &period, today, &by)?;
    }
    let october = BillingPeriod::parse(&format!("{year}-10")).unwrap_or_else(|| BillingPeriod::of(today));
    store.points().set_locked(campaign, &october, true)?;
    let november = BillingPeriod::parse(&format!("{year}-11")).unwrap_or_else(|| BillingPeriod::of(today));
    for (number, ..) in members.iter().take(5) {
        let id = store.points().member_id(number)?;
        let balance = store.points().statement(campaign, id)?.balance;
        if balance >= 200 {
            store.points().redeem(campaign, id, &november, 200, "兑换话费 20 元", &by)?;
        }
    }
    Ok(())
}
