//! A sample province for team mode: districts, an account for every role, clients with key
//! persons, their 一户一案 items and some warnings. Deterministic for a given size, written
//! a table at a time so a 25,000-client province for the load bench takes seconds.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::accounts::NewAccount;
use super::{PgStore, TeamResult};
use crate::domain::access::AccountRole;
use crate::domain::plan::ItemKind;

const DISTRICTS: [&str; 20] = [
    "玄武区",
    "秦淮区",
    "建邺区",
    "鼓楼区",
    "浦口区",
    "栖霞区",
    "雨花台区",
    "江宁区",
    "六合区",
    "溧水区",
    "高淳区",
    "新北区",
    "武进区",
    "天宁区",
    "钟楼区",
    "金坛区",
    "惠山区",
    "滨湖区",
    "梁溪区",
    "新吴区",
];
const KINDS_OF_CLIENT: [&str; 8] = ["公安分局", "人民医院", "实验中学", "税务局", "街道办事处", "市场监管局", "供电公司", "人民法院"];
const CATEGORIES: [&str; 4] = ["strategic", "local_key", "campus", "sme"];
const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰"];

#[derive(Debug, Clone)]
pub struct SampleProvince {
    pub districts: usize,
    pub managers_per_district: usize,
    pub clients: usize,
    /// Every sample account's password, already hashed (the sample's password is in the README).
    pub password_hash: String,
    pub starts_on: NaiveDate,
}

/// What the sample holds once seeded; a database that already has a campaign is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SampleSummary {
    pub campaign_id: i64,
    pub districts: i64,
    pub accounts: i64,
    pub clients: i64,
    pub seeded_now: bool,
}

fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{}{}", SURNAMES[rng.gen_range(0..SURNAMES.len())], GIVEN[rng.gen_range(0..GIVEN.len())])
}

/// Rows gathered column by column, inserted in one statement through `unnest` (COPY is not
/// allowed on tables with row-level security).
struct Columns(Vec<Vec<Option<String>>>);

impl Columns {
    fn new(count: usize) -> Columns {
        Columns(vec![Vec::new(); count])
    }

    fn push(&mut self, values: &[Option<&str>]) {
        for (column, value) in self.0.iter_mut().zip(values) {
            column.push(value.map(str::to_owned));
        }
    }

    /// `columns` are (name, SQL type) in the order the values were pushed.
    fn insert(&self, tx: &mut postgres::Transaction<'_>, table: &str, columns: &[(&str, &str)]) -> TeamResult<()> {
        let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
        let casts: Vec<String> = columns.iter().enumerate().map(|(i, (_, ty))| format!("u.c{i}::{ty}")).collect();
        let arrays: Vec<String> = (1..=columns.len()).map(|i| format!("${i}::TEXT[]")).collect();
        let aliases: Vec<String> = (0..columns.len()).map(|i| format!("c{i}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) SELECT {} FROM unnest({}) AS u({})",
            names.join(", "),
            casts.join(", "),
            arrays.join(", "),
            aliases.join(", ")
        );
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> = self.0.iter().map(|c| c as &(dyn postgres::types::ToSql + Sync)).collect();
        tx.execute(&sql, &params)?;
        Ok(())
    }
}

/// Seeds the sample province once; later calls return what is there.
pub fn seed_sample(store: &PgStore, sample: &SampleProvince) -> TeamResult<SampleSummary> {
    let existing =
        store.unscoped(|tx| Ok(tx.query_opt("SELECT id FROM campaigns ORDER BY id LIMIT 1", &[])?.map(|r| r.get::<_, i64>(0))))?;
    if let Some(campaign_id) = existing {
        return store.unscoped(|tx| {
            let count = |tx: &mut postgres::Transaction<'_>, table: &str| -> TeamResult<i64> {
                Ok(tx.query_one(&format!("SELECT count(*) FROM {table}"), &[])?.get(0))
            };
            Ok(SampleSummary {
                campaign_id,
                districts: count(tx, "districts")?,
                accounts: count(tx, "accounts")?,
                clients: count(tx, "clients")?,
                seeded_now: false,
            })
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let district_count = sample.districts.clamp(1, DISTRICTS.len());
    let ends_on = sample.starts_on.checked_add_days(Days::new(120)).unwrap_or(sample.starts_on);
    store.unscoped(|tx| {
        let campaign_id: i64 = tx
            .query_one(
                "INSERT INTO campaigns (name, starts_on, ends_on) VALUES ('长城计划（团队示例）', $1, $2) RETURNING id",
                &[&sample.starts_on, &ends_on],
            )?
            .get(0);
        let mut accounts = 0i64;
        let mut add = |tx: &mut postgres::Transaction<'_>,
                       login: String,
                       name: String,
                       role: AccountRole,
                       district: Option<i64>|
         -> TeamResult<i64> {
            accounts += 1;
            let a = NewAccount { login, name, role, district_id: district, password_hash: sample.password_hash.clone() };
            Ok(tx
                .query_one(
                    "INSERT INTO accounts (login, name, role, district_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&a.login, &a.name, &a.role.code(), &a.district_id, &a.password_hash],
                )?
                .get(0))
        };
        for (login, name, role) in [
            ("admin", "省级管理员", AccountRole::ProvinceAdmin),
            ("planner", "省公司策划", AccountRole::Planner),
            ("approver", "省公司审批", AccountRole::Approver),
            ("viewer", "省公司只读", AccountRole::Viewer),
        ] {
            add(tx, login.into(), name.into(), role, None)?;
        }
        let mut managers: Vec<(i64, i64)> = Vec::new();
        for (d, district) in DISTRICTS.iter().take(district_count).enumerate() {
            let district_id: i64 = tx.query_one("INSERT INTO districts (name) VALUES ($1) RETURNING id", &[district])?.get(0);
            add(tx, format!("dp{:02}", d + 1), format!("{district}策划"), AccountRole::DistrictPlanner, Some(district_id))?;
            for m in 0..sample.managers_per_district.max(1) {
                let name = person(&mut rng);
                let id = add(tx, format!("am{:02}{:02}", d + 1, m + 1), name, AccountRole::AccountManager, Some(district_id))?;
                managers.push((district_id, id));
            }
        }
        // Clients go round the districts in turn, and round each district's managers, so every
        // district has clients however few there are.
        let per = sample.managers_per_district.max(1);
        let owner_of = |n: usize| (n % district_count) * per + (n / district_count) % per;
        let mut rows = Columns::new(6);
        for n in 0..sample.clients {
            let (district_id, manager) = managers[owner_of(n)];
            let district = DISTRICTS[n % district_count];
            let name = format!("{}{}（{}）", district.trim_end_matches('区'), KINDS_OF_CLIENT[n % KINDS_OF_CLIENT.len()], n + 1);
            let (code, category) = (format!("GW{:07}", n + 1), CATEGORIES[rng.gen_range(0..CATEGORIES.len())]);
            rows.push(&[
                Some(&campaign_id.to_string()),
                Some(&code),
                Some(&name),
                Some(category),
                Some(&district_id.to_string()),
                Some(&manager.to_string()),
            ]);
        }
        let columns = [
            ("campaign_id", "BIGINT"),
            ("code", "TEXT"),
            ("name", "TEXT"),
            ("category", "TEXT"),
            ("district_id", "BIGINT"),
            ("manager_id", "BIGINT"),
        ];
        rows.insert(tx, "clients", &columns)?;
        // Codes are zero-padded, so their order is the order they were written in.
        let ids: Vec<i64> =
            tx.query("SELECT id FROM clients WHERE campaign_id = $1 ORDER BY code", &[&campaign_id])?.iter().map(|r| r.get(0)).collect();

        let (mut people, mut items, mut warnings) = (Columns::new(4), Columns::new(7), Columns::new(7));
        for (n, id) in ids.iter().enumerate() {
            let client = id.to_string();
            let manager = managers[owner_of(n)].1.to_string();
            for title in ["主要负责人", "信息化负责人"].iter().take(1 + n % 2) {
                let phone = format!("13{}", rng.gen_range(100_000_000u64..1_000_000_000));
                people.push(&[Some(&client), Some(&person(&mut rng)), Some(title), Some(&phone)]);
            }
            for (k, kind) in ItemKind::STANDARD.iter().enumerate() {
                let due = sample.starts_on.checked_add_days(Days::new(14 + 21 * k as u64 + (n % 14) as u64)).unwrap_or(sample.starts_on);
                let roll = rng.gen_range(0..10);
                let (status, done_on) = match roll {
                    0..=2 => ("done", Some(due.to_string())),
                    3..=4 => ("in_progress", None),
                    _ => ("not_started", None),
                };
                let due = due.to_string();
                items.push(&[
                    Some(&client),
                    Some(kind.code()),
                    Some(kind.title_zh()),
                    Some(&manager),
                    Some(&due),
                    Some(status),
                    done_on.as_deref(),
                ]);
            }
            // One client in 23 has a warning: 23 is prime to the 20 districts, so every district gets some.
            if n % 23 == 3 {
                // 200 to 2,000 元 a month, in fen.
                let before = rng.gen_range(20_000_i64..200_000);
                let (reason, after) = if n % 46 == 3 { ("left", 0) } else { ("downgrade", before * 7 / 10) };
                let raised = sample.starts_on.checked_add_days(Days::new(30)).unwrap_or(sample.starts_on);
                let (contract, before, after, raised) =
                    (format!("KD{:08}", n + 1), before.to_string(), after.to_string(), raised.to_string());
                warnings.push(&[Some(&client), Some(&contract), Some(reason), Some("2026-11"), Some(&before), Some(&after), Some(&raised)]);
            }
        }
        people.insert(tx, "key_persons", &[("client_id", "BIGINT"), ("name", "TEXT"), ("title", "TEXT"), ("phone", "TEXT")])?;
        let item_columns = [
            ("client_id", "BIGINT"),
            ("kind", "TEXT"),
            ("title", "TEXT"),
            ("owner_id", "BIGINT"),
            ("due", "DATE"),
            ("status", "TEXT"),
            ("done_on", "DATE"),
        ];
        items.insert(tx, "plan_items", &item_columns)?;
        let warning_columns = [
            ("client_id", "BIGINT"),
            ("contract", "TEXT"),
            ("reason", "TEXT"),
            ("period", "TEXT"),
            ("before_fen", "BIGINT"),
            ("after_fen", "BIGINT"),
            ("raised_on", "DATE"),
        ];
        warnings.insert(tx, "warnings", &warning_columns)?;
        Ok(SampleSummary { campaign_id, districts: district_count as i64, accounts, clients: sample.clients as i64, seeded_now: true })
    })
}
