//! Subsidy rule sets (tables `rule_sets`, `rate_rules`, `uplift_rules`): the rules in force,
//! their history, and what-if scenarios.

use chrono::NaiveDateTime;
use rusqlite::{named_params, OptionalExtension};

use super::stamp;
use crate::domain::ids::CampaignId;
use crate::domain::subsidy::{RateRule, RuleSet, RuleSetEvent, RuleSetKind, RuleTable, UpliftRule};
use crate::domain::ProductType;
use crate::error::{Entity, Error, FieldError, Problem, Result};

/// Who made a rule set, when, and what it is.
pub(super) struct Meta<'a> {
    pub(super) kind: RuleSetKind,
    pub(super) name: &'a str,
    pub(super) note: &'a str,
    pub(super) event: Option<RuleSetEvent>,
    pub(super) author: &'a str,
    pub(super) now: NaiveDateTime,
}

impl super::RuleSets<'_> {
    /// The rule set in force, or an empty one if the campaign has none yet.
    pub fn current(&self, campaign_id: CampaignId) -> Result<RuleSet> {
        let campaign = self.campaigns().get(campaign_id)?;
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM rule_sets WHERE campaign_id = :campaign_id AND kind = 'current'",
                named_params! { ":campaign_id": campaign.id },
                |r| r.get("id"),
            )
            .optional()?;
        match id {
            Some(id) => self.get(id),
            None => Ok(RuleSet {
                id: 0,
                campaign_id,
                kind: RuleSetKind::Current,
                name: String::new(),
                author: String::new(),
                created_at: String::new(),
                note: String::new(),
                event: None,
                table: RuleTable::default(),
            }),
        }
    }

    pub fn get(&self, id: i64) -> Result<RuleSet> {
        let mut set = self
            .conn
            .query_row(
                "SELECT id, campaign_id, kind, name, author, created_at, note, event FROM rule_sets WHERE id = :id",
                named_params! { ":id": id },
                |r| {
                    Ok(RuleSet {
                        id: r.get("id")?,
                        campaign_id: r.get("campaign_id")?,
                        kind: r.get::<_, RuleSetKind>("kind")?,
                        name: r.get("name")?,
                        author: r.get("author")?,
                        created_at: r.get("created_at")?,
                        note: r.get("note")?,
                        event: r.get::<_, Option<RuleSetEvent>>("event")?,
                        table: RuleTable::default(),
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::RuleSet, key: id.to_string() })?;
        set.table = self.rule_table(id)?;
        Ok(set)
    }

    fn rule_table(&self, rule_set_id: i64) -> Result<RuleTable> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT product_type, term_from, term_to, min_bp, default_bp, max_bp FROM rate_rules
             WHERE rule_set_id = :rule_set_id ORDER BY position",
        )?;
        let rates = stmt
            .query_map(named_params! { ":rule_set_id": rule_set_id }, |r| {
                Ok(RateRule {
                    product_type: r.get::<_, ProductType>("product_type")?,
                    term_from: r.get("term_from")?,
                    term_to: r.get("term_to")?,
                    min_bp: r.get("min_bp")?,
                    default_bp: r.get("default_bp")?,
                    max_bp: r.get("max_bp")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT term_over, min_bp, default_bp, max_bp FROM uplift_rules WHERE rule_set_id = :rule_set_id ORDER BY position",
        )?;
        let uplifts = stmt
            .query_map(named_params! { ":rule_set_id": rule_set_id }, |r| {
                Ok(UpliftRule {
                    term_over: r.get("term_over")?,
                    min_bp: r.get("min_bp")?,
                    default_bp: r.get("default_bp")?,
                    max_bp: r.get("max_bp")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(RuleTable { rates, uplifts })
    }

    fn write_rule_table(&self, rule_set_id: i64, table: &RuleTable) -> Result<()> {
        self.conn.execute("DELETE FROM rate_rules WHERE rule_set_id = :rule_set_id", named_params! { ":rule_set_id": rule_set_id })?;
        self.conn.execute("DELETE FROM uplift_rules WHERE rule_set_id = :rule_set_id", named_params! { ":rule_set_id": rule_set_id })?;
        for (i, r) in table.rates.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO rate_rules (rule_set_id, position, product_type, term_from, term_to, min_bp, default_bp, max_bp)
                 VALUES (:rule_set_id, :position, :product_type, :term_from, :term_to, :min_bp, :default_bp, :max_bp)",
                named_params! {
                    ":rule_set_id": rule_set_id,
                    ":position": i as i64,
                    ":product_type": r.product_type,
                    ":term_from": r.term_from,
                    ":term_to": r.term_to,
                    ":min_bp": r.min_bp,
                    ":default_bp": r.default_bp,
                    ":max_bp": r.max_bp,
                },
            )?;
        }
        for (i, u) in table.uplifts.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO uplift_rules (rule_set_id, position, term_over, min_bp, default_bp, max_bp)
                 VALUES (:rule_set_id, :position, :term_over, :min_bp, :default_bp, :max_bp)",
                named_params! {
                    ":rule_set_id": rule_set_id,
                    ":position": i as i64,
                    ":term_over": u.term_over,
                    ":min_bp": u.min_bp,
                    ":default_bp": u.default_bp,
                    ":max_bp": u.max_bp,
                },
            )?;
        }
        Ok(())
    }

    fn insert_rule_set(&self, campaign_id: CampaignId, meta: Meta<'_>, table: &RuleTable) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO rule_sets (campaign_id, kind, name, author, created_at, note, event)
             VALUES (:campaign_id, :kind, :name, :author, :now, :note, :event)",
            named_params! {
                ":campaign_id": campaign_id,
                ":kind": meta.kind,
                ":name": meta.name,
                ":author": meta.author,
                ":now": stamp(meta.now),
                ":note": meta.note,
                ":event": meta.event,
            },
        )?;
        let id = self.conn.last_insert_rowid();
        self.write_rule_table(id, table)?;
        Ok(id)
    }

    /// Replaces the rules in force; the previous version stays in the history.
    pub fn save(&self, campaign_id: CampaignId, table: &RuleTable, author: &str, now: NaiveDateTime) -> Result<RuleSet> {
        table.validate()?;
        self.campaigns().get(campaign_id)?;
        let id = self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE rule_sets SET kind = 'superseded' WHERE campaign_id = :campaign_id AND kind = 'current'",
                named_params! { ":campaign_id": campaign_id },
            )?;
            s.rule_sets().insert_rule_set(
                campaign_id,
                Meta { kind: RuleSetKind::Current, name: "", note: "", event: None, author, now },
                table,
            )
        })?;
        self.get(id)
    }

    /// Every version of the rules, newest first: who changed them and when.
    pub fn history(&self, campaign_id: CampaignId) -> Result<Vec<RuleSet>> {
        self.rule_sets_of(campaign_id, "kind IN ('current', 'superseded')")
    }

    pub fn scenarios(&self, campaign_id: CampaignId) -> Result<Vec<RuleSet>> {
        self.rule_sets_of(campaign_id, "kind = 'scenario'")
    }

    fn rule_sets_of(&self, campaign_id: CampaignId, condition: &str) -> Result<Vec<RuleSet>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt =
            self.conn.prepare(&format!("SELECT id FROM rule_sets WHERE campaign_id = :campaign_id AND {condition} ORDER BY id DESC"))?;
        let ids: Vec<i64> =
            stmt.query_map(named_params! { ":campaign_id": campaign_id }, |r| r.get("id"))?.collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.get(id)).collect()
    }

    /// Starts a what-if scenario as a copy of the current rules.
    pub fn create_scenario(&self, campaign_id: CampaignId, name: &str, author: &str, now: NaiveDateTime) -> Result<RuleSet> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Validation(vec![FieldError::new("name", Problem::Required)]));
        }
        if self.scenario_by_name(campaign_id, name)?.is_some() {
            return Err(Error::Validation(vec![FieldError::new("name", Problem::AlreadyUsed)]));
        }
        let current = self.current(campaign_id)?;
        let id = self.in_transaction(|s| {
            s.rule_sets().insert_rule_set(
                campaign_id,
                Meta { kind: RuleSetKind::Scenario, name, note: "", event: None, author, now },
                &current.table,
            )
        })?;
        self.get(id)
    }

    pub fn scenario_by_name(&self, campaign_id: CampaignId, name: &str) -> Result<Option<RuleSet>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM rule_sets WHERE campaign_id = :campaign_id AND kind = 'scenario' AND name = :name",
                named_params! { ":campaign_id": campaign_id, ":name": name },
                |r| r.get("id"),
            )
            .optional()?;
        id.map(|id| self.get(id)).transpose()
    }

    pub(super) fn open_scenario(&self, id: i64) -> Result<RuleSet> {
        let set = self.get(id)?;
        if set.kind != RuleSetKind::Scenario {
            return Err(Error::NotFound { entity: Entity::RuleSet, key: id.to_string() });
        }
        Ok(set)
    }

    pub fn update_scenario(&self, id: i64, table: &RuleTable) -> Result<RuleSet> {
        table.validate()?;
        self.open_scenario(id)?;
        self.in_transaction(|s| s.rule_sets().write_rule_table(id, table))?;
        self.get(id)
    }

    /// Makes a scenario the rules in force; the replaced rules stay in the history.
    pub fn adopt_scenario(&self, id: i64, author: &str, now: NaiveDateTime) -> Result<RuleSet> {
        let scenario = self.open_scenario(id)?;
        scenario.table.validate()?;
        let new_id = self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE rule_sets SET kind = 'superseded' WHERE campaign_id = :campaign_id AND kind = 'current'",
                named_params! { ":campaign_id": scenario.campaign_id },
            )?;
            s.conn.execute(
                "UPDATE rule_sets SET kind = 'discarded', event = :event WHERE id = :id",
                named_params! { ":id": id, ":event": RuleSetEvent::Adopted },
            )?;
            s.rule_sets().insert_rule_set(
                scenario.campaign_id,
                Meta {
                    kind: RuleSetKind::Current,
                    name: &scenario.name,
                    note: "",
                    event: Some(RuleSetEvent::AdoptedScenario),
                    author,
                    now,
                },
                &scenario.table,
            )
        })?;
        self.get(new_id)
    }

    pub fn discard_scenario(&self, id: i64) -> Result<()> {
        self.open_scenario(id)?;
        self.conn.execute("UPDATE rule_sets SET kind = 'discarded' WHERE id = :id", named_params! { ":id": id })?;
        Ok(())
    }
}
