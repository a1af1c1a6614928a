//! The demo's service workstreams: two VIP account managers beside the account managers of tier-A
//! clients, visits recorded through the campaign so far (most A clients visited most months,
//! fewer B and C), a few visits asked for, some key persons confirmed, green-channel requests,
//! and new switchboard lines with 国庆's greetings sent.

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::ids::CampaignId;
use crate::domain::org::{PersonInput, Role};
use crate::domain::plan::By;
use crate::domain::visit::{schedule, VisitInput, VisitRequest};
use crate::domain::warning::KeyPersonSource;
use crate::domain::{ClientQuery, Tier};
use crate::error::{Error, Result};
use crate::store::Store;

const SEED: u64 = 20_091_237;

const NEEDS: [&str; 4] = ["计划扩容专线带宽", "有视频会议系统需求", "关注云备份与数据安全", "暂无新增需求"];
const COMPETITORS: [&str; 3] = ["移动上门推介专线优惠", "联通报价低两成", "未发现竞争对手接触"];

pub(crate) fn seed_visits(store: &Store, campaign: CampaignId, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let c = store.campaigns().get(campaign)?;
    let by = By { author: "演示数据".into(), at: c.start_date.and_hms_opt(9, 0, 0).unwrap_or_default() };
    let mut vips = Vec::new();
    for (name, team) in [("郑文博", 0), ("孙雅琴", 3)] {
        let team_id = c.teams.get(team).map(|t| t.id);
        // An older demo file may hold them already, as it holds the rest of the demo's people.
        let id = match store.org().person_named(name) {
            Ok(person) => person.id,
            Err(_) => {
                store.org().create_person(&PersonInput { name: name.into(), team_id, role: Role::VipAccountManager, active: true }, &by)?
            }
        };
        vips.push(id);
    }
    let clients = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 1000, ..Default::default() })?;
    for (n, client) in clients.rows.iter().enumerate() {
        if client.tier == Tier::A && n % 3 == 0 {
            store.visits().set_vip_manager(client.id, Some(vips[n % vips.len()]))?;
        }
        let chance = match client.tier {
            Tier::A => 75,
            Tier::B => 55,
            Tier::C => 30,
        };
        let every = store.service_standards().of(campaign, client.tier)?.visit_every_months;
        for period in schedule(c.start_date, c.end_date, u32::try_from(every).unwrap_or(1)) {
            if period.from > today || rng.gen_range(0..100) >= chance {
                continue;
            }
            let last = period.due.min(today);
            let on = period.from + Duration::days(rng.gen_range(0..=(last - period.from).num_days()));
            let visit = VisitInput {
                visited_on: on,
                met: format!("{}拜访客户关键人", client.account_manager.clone().unwrap_or_default()),
                needs: NEEDS[rng.gen_range(0..NEEDS.len())].into(),
                competitors: COMPETITORS[rng.gen_range(0..COMPETITORS.len())].into(),
                next_steps: "按一户一案跟进".into(),
                request: None,
            };
            let when = By { at: on.and_hms_opt(18, 0, 0).unwrap_or_default(), ..by.clone() };
            store.visits().record(campaign, client.id, &visit, today, KeyPersonSource::Form, &when)?;
            if rng.gen_range(0..100) < 40 {
                match store.contacts().confirm(client.id, None, on, today, KeyPersonSource::Form, &when) {
                    // A client without a key person on its record has none to confirm.
                    Ok(()) | Err(Error::Validation(_)) => {}
                    Err(other) => return Err(other),
                }
            }
        }
        if n % 12 == 3 {
            // New switchboard lines of the last few months, a few before 国庆.
            let activated = (c.start_date - Duration::days(20) + Duration::days((n as i64 * 7) % 70)).min(today);
            store.care().put_line(campaign, &format!("0516-8388{n:04}"), "总机", client.id, activated)?;
        }
        if n % 23 == 5 {
            seed_request(store, campaign, client.id, n, today)?;
        }
        if n % 40 == 7 {
            let asked =
                VisitRequest { due: (today + Duration::days(rng.gen_range(-5..10))).min(c.end_date), reason: "投诉后回访".into() };
            store.visits().ask(campaign, client.id, &asked, (today - Duration::days(7)).max(c.start_date), &by)?;
        }
    }
    // 国庆's greetings went out to the lines new by then.
    let national_day = NaiveDate::from_ymd_opt(c.start_date.year(), 10, 1).unwrap_or(c.start_date);
    if national_day <= today {
        let greetings = store.care().send_list(campaign, "国庆", national_day.year())?;
        let sent = By { at: (national_day - Duration::days(1)).and_hms_opt(10, 0, 0).unwrap_or_default(), ..by.clone() };
        store.care().record_sent("国庆", national_day.year(), &greetings, &sent)?;
    }
    Ok(())
}

/// A green-channel request of the last fortnight: older ones resolved (most in time), the
/// latest still open.
fn seed_request(store: &Store, campaign: CampaignId, client: crate::domain::ids::ClientId, n: usize, today: NaiveDate) -> Result<()> {
    use crate::domain::green_channel::{RequestInput, RequestKind, RequestStatus, RequestStep};
    let kinds = [RequestKind::Fault, RequestKind::Installation, RequestKind::Change, RequestKind::Complaint];
    let texts = ["专线中断，影响业务系统", "新增办公点宽带装机", "专线带宽由100M升至200M", "对账单费用有异议"];
    let days_ago = (n % 14) as i64;
    let received = (today - Duration::days(days_ago)).and_hms_opt(9 + (n % 7) as u32, 10, 0).unwrap_or_default();
    let now = today.and_hms_opt(8, 0, 0).unwrap_or_default();
    if received > now {
        return Ok(());
    }
    let kind = n % kinds.len();
    let by = By { author: "演示数据".into(), at: received };
    let request = store.green_channel().add(
        campaign,
        client,
        &RequestInput { kind: kinds[kind], received_at: received, description: texts[kind].into() },
        now,
        &by,
    )?;
    if days_ago >= 3 {
        let answered = received + Duration::minutes(45);
        store.green_channel().step(
            campaign,
            request.id,
            &RequestStep { status: RequestStatus::InProgress, at: answered, resolution: String::new() },
            now,
            &by,
        )?;
        // Most are resolved in time; every fourth a day after its deadline.
        let resolved =
            if n.is_multiple_of(4) { request.resolution_due + Duration::days(1) } else { request.resolution_due - Duration::minutes(30) };
        if resolved <= now {
            let step =
                RequestStep { status: RequestStatus::Resolved, at: resolved.max(answered), resolution: "已处理并回访客户".into() };
            store.green_channel().step(campaign, request.id, &step, now, &by)?;
        }
    }
    Ok(())
}
