//! The plan-item facts of the KPI tallies (`kpi_figures.rs`), counted in one pass over the
//! campaign's live items: a million items are read once and summed here, where grouping them in
//! SQL took a sort of twice as many rows per pair of facts.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::named_params;

use crate::domain::ids::CampaignId;
use crate::error::Result;

/// A client group by number: team, industry (interned), product-type bits.
type Group = (Option<i64>, usize, i64);

/// The facts counted here.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Fact {
    Items,
    ItemsDone,
    ItemsLate,
    ItemsLateDone,
    OwnedItems,
    OwnedDone,
}

impl Fact {
    fn code(self) -> &'static str {
        match self {
            Fact::Items => "items",
            Fact::ItemsDone => "items_done",
            Fact::ItemsLate => "items_late",
            Fact::ItemsLateDone => "items_late_done",
            Fact::OwnedItems => "owned_items",
            Fact::OwnedDone => "owned_done",
        }
    }
}

/// Column `i` as text borrowed from the row (NULL: none).
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// Texts numbered in the order first seen.
#[derive(Default)]
struct Interned {
    numbers: HashMap<String, usize>,
    texts: Vec<String>,
}

impl Interned {
    fn of(&mut self, text: &str) -> usize {
        if let Some(n) = self.numbers.get(text) {
            return *n;
        }
        self.texts.push(text.to_string());
        self.numbers.insert(text.to_string(), self.texts.len() - 1);
        self.texts.len() - 1
    }

    fn text(&self, n: usize) -> &str {
        &self.texts[n]
    }
}

impl super::Kpis<'_> {
    /// Writes `items` (live items, always), `items_done` (by the day done), `items_late` (from
    /// the day after the due date), `items_late_done` (a late item done: from the later of that
    /// day and the day done), per client group; and `owned_items` / `owned_done` per owner.
    pub(super) fn rebuild_items(&self, campaign: CampaignId) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT g.team_id, g.industry, g.types, i.owner_id, i.due_date, CASE WHEN i.status = 'done' THEN i.done_on END
             FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN temp.kpi_groups g ON g.client_id = p.client_id
             WHERE p.campaign_id = :campaign AND p.deleted_at IS NULL AND i.deleted_at IS NULL",
        )?;
        // Industries and days are few: each row's are looked up, not copied, and the counts are
        // keyed by their numbers (a million rows allocate nothing).
        let mut names = Interned::default();
        let mut by_group: HashMap<(Fact, Group, usize), i64> = HashMap::new();
        let mut by_owner: HashMap<(Fact, i64, usize), i64> = HashMap::new();
        // The day after each due date, worked out once per date.
        let mut late_from: HashMap<usize, Option<usize>> = HashMap::new();
        let always = names.of("");
        let mut rows = stmt.query(named_params! { ":campaign": campaign })?;
        while let Some(r) = rows.next()? {
            let group = (r.get::<_, Option<i64>>(0)?, names.of(text(r, 1)?.unwrap_or_default()), r.get::<_, i64>(2)?);
            let owner: Option<i64> = r.get(3)?;
            let due = names.of(text(r, 4)?.unwrap_or_default());
            let done = text(r, 5)?.map(|d| names.of(d));
            let late = match late_from.get(&due) {
                Some(late) => *late,
                None => {
                    let next = NaiveDate::parse_from_str(names.text(due), "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.checked_add_days(Days::new(1)))
                        .map(|d| names.of(&d.to_string()));
                    late_from.insert(due, next);
                    next
                }
            };
            let mut count = |fact: Fact, day: usize| *by_group.entry((fact, group, day)).or_default() += 1;
            count(Fact::Items, always);
            if let Some(done) = done {
                count(Fact::ItemsDone, done);
            }
            if let Some(late) = late {
                count(Fact::ItemsLate, late);
                if let Some(done) = done {
                    // The later day: dates as text sort as days do.
                    let later = if names.text(done) > names.text(late) { done } else { late };
                    count(Fact::ItemsLateDone, later);
                }
            }
            if let Some(owner) = owner {
                *by_owner.entry((Fact::OwnedItems, owner, always)).or_default() += 1;
                if let Some(done) = done {
                    *by_owner.entry((Fact::OwnedDone, owner, done)).or_default() += 1;
                }
            }
        }
        let mut insert = self.conn.prepare(
            "INSERT INTO kpi_tallies (campaign_id, fact, team_id, industry, types, person_id, day, amount)
             VALUES (:campaign, :fact, :team, :industry, :types, :person, :day, :amount)",
        )?;
        for ((fact, (team, industry, types), day), amount) in by_group {
            insert.execute(named_params! {
                ":campaign": campaign, ":fact": fact.code(), ":team": team, ":industry": names.text(industry), ":types": types,
                ":person": None::<i64>, ":day": names.text(day), ":amount": amount,
            })?;
        }
        for ((fact, owner, day), amount) in by_owner {
            insert.execute(named_params! {
                ":campaign": campaign, ":fact": fact.code(), ":team": None::<i64>, ":industry": "", ":types": 0,
                ":person": owner, ":day": names.text(day), ":amount": amount,
            })?;
        }
        Ok(())
    }
}
