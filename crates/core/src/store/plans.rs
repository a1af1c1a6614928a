//! 一户一案 plans: template, plans, items, their status workflow and the activity log.
//! Deletions are soft (deleted_at) so a mistaken click can be restored from the log.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};
use serde::Serialize;

use super::filter::Where;
use super::{parse_date, stamp};
use crate::domain::ids::{CampaignId, ClientId, PersonId, PlanId, PlanItemId, TeamId};
use crate::domain::plan::{
    check_template, check_title, progress, By, ItemEdit, ItemKind, ItemStatus, LogChange, LogEntry, Plan, PlanItem, PlanSummary,
    StatusChange,
};
use crate::domain::plan::{pending, progress_of_counts};
use crate::domain::{Category, Person};
use crate::error::{Entity, Error, FieldError, Problem, Result};

/// Filters of the plan list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(default)]
pub struct PlanFilter {
    pub team_id: Option<TeamId>,
    pub owner_id: Option<PersonId>,
    pub category: Option<Category>,
}

/// What one person owns across a campaign's plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Workload {
    pub owner_id: Option<PersonId>,
    pub owner: Option<String>,
    pub items: i64,
    pub done: i64,
    pub late: i64,
    /// Share of the items done, in percent (domain::plan::progress).
    pub progress: u8,
}

/// How many items fall due on a day, and how many of them are late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct DueDay {
    pub due: NaiveDate,
    pub items: i64,
    pub done: i64,
    pub late: i64,
    /// Neither done nor late (domain::plan::pending).
    pub pending: i64,
}

const SUMMARY_SELECT: &str = "SELECT p.id, p.client_id, c.code, c.name AS client, c.category, t.name AS team, m.name AS account_manager,
        p.goal, count(i.id) AS items, count(i.id) FILTER (WHERE i.status = 'done') AS done,
        count(i.id) FILTER (WHERE i.status <> 'done' AND i.due_date < :today) AS late,
        count(i.id) FILTER (WHERE i.status = 'blocked') AS blocked
    FROM plans p
    JOIN clients c ON c.id = p.client_id
    LEFT JOIN teams t ON t.id = c.team_id
    LEFT JOIN people m ON m.id = c.account_manager_id
    LEFT JOIN plan_items i ON i.plan_id = p.id AND i.deleted_at IS NULL";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlanSummary> {
    let items: i64 = r.get("items")?;
    let done: i64 = r.get("done")?;
    Ok(PlanSummary {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        code: r.get("code")?,
        client: r.get("client")?,
        category: r.get("category")?,
        team: r.get("team")?,
        account_manager: r.get("account_manager")?,
        goal: r.get("goal")?,
        item_count: items as usize,
        done: done as usize,
        late: r.get::<_, i64>("late")? as usize,
        blocked: r.get::<_, i64>("blocked")? as usize,
        progress: progress(done as usize, items as usize),
    })
}

impl super::Plans<'_> {
    /// The campaign's item template: its own, or the seed's five standard items.
    pub fn template(&self, campaign_id: CampaignId) -> Result<Vec<(ItemKind, String)>> {
        self.campaigns().get(campaign_id)?;
        let mut stmt =
            self.conn.prepare_cached("SELECT kind, title FROM plan_template WHERE campaign_id = :campaign_id ORDER BY position")?;
        let rows: Vec<(ItemKind, String)> = stmt
            .query_map(named_params! { ":campaign_id": campaign_id }, |r| Ok((r.get::<_, ItemKind>("kind")?, r.get("title")?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Ok(ItemKind::STANDARD.iter().map(|k| (*k, k.title_zh().to_string())).collect());
        }
        Ok(rows)
    }

    pub fn set_template(&self, campaign_id: CampaignId, items: &[(ItemKind, String)]) -> Result<()> {
        self.campaigns().get(campaign_id)?;
        check_template(items)?;
        self.in_transaction(|s| {
            s.conn.execute("DELETE FROM plan_template WHERE campaign_id = :campaign_id", named_params! { ":campaign_id": campaign_id })?;
            for (i, (kind, title)) in items.iter().enumerate() {
                s.conn.execute(
                    "INSERT INTO plan_template (campaign_id, position, kind, title) VALUES (:campaign_id, :position, :kind, :title)",
                    named_params! { ":campaign_id": campaign_id, ":position": i as i64, ":kind": kind, ":title": title.trim() },
                )?;
            }
            Ok(())
        })
    }

    fn log(&self, plan_id: PlanId, item_id: Option<PlanItemId>, by: &By, change: LogChange) -> Result<()> {
        let detail = serde_json::to_string(&change.detail).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        self.conn
            .prepare_cached(
                "INSERT INTO plan_log (plan_id, item_id, at, author, field, from_value, to_value, detail)
                 VALUES (:plan, :item, :at, :author, :field, :from, :to, :detail)",
            )?
            .execute(named_params! {
                ":plan": plan_id,
                ":item": item_id,
                ":at": stamp(by.at),
                ":author": by.author,
                ":field": change.field,
                ":from": change.from,
                ":to": change.to,
                ":detail": detail,
            })?;
        Ok(())
    }

    /// A plan for one target client, with the template's items owned by its account manager
    /// and due at the campaign's end.
    pub fn create(&self, campaign_id: CampaignId, client_id: ClientId, goal: &str, by: &By) -> Result<PlanId> {
        let campaign = self.campaigns().get(campaign_id)?;
        let client = self.clients().get(client_id)?;
        if !client.campaign_ids.contains(&campaign_id) {
            return Err(Error::Validation(vec![FieldError::new("client_id", Problem::UnknownReference)]));
        }
        let exists: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM plans WHERE campaign_id = :campaign_id AND client_id = :client_id AND deleted_at IS NULL",
                named_params! { ":campaign_id": campaign_id, ":client_id": client_id },
                |r| r.get("id"),
            )
            .optional()?;
        if exists.is_some() {
            return Err(Error::Duplicate { entity: Entity::Plan, key: client.row.code });
        }
        let template = self.template(campaign_id)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO plans (campaign_id, client_id, goal) VALUES (:campaign_id, :client_id, :goal)",
                named_params! { ":campaign_id": campaign_id, ":client_id": client_id, ":goal": goal.trim() },
            )?;
            let plan = PlanId(s.conn.last_insert_rowid());
            if let Some(manager) = client.row.account_manager_id {
                s.conn.execute("INSERT INTO plan_members (plan_id, person_id) VALUES (:plan, :manager)", named_params! {
                    ":plan": plan,
                    ":manager": manager,
                })?;
            }
            for (i, (kind, title)) in template.iter().enumerate() {
                s.conn.execute(
                    "INSERT INTO plan_items (plan_id, position, kind, title, owner_id, due_date) VALUES (:plan, :position, :kind, :title, :account_manager_id, :end_date)",
                    named_params! {
                        ":plan": plan,
                        ":position": i as i64,
                        ":kind": kind,
                        ":title": title,
                        ":account_manager_id": client.row.account_manager_id,
                        ":end_date": campaign.end_date.to_string(),
                    },
                )?;
            }
            s.plans().log(plan, None, by, LogChange::plan_created())?;
            Ok(plan)
        })
    }

    /// Plans for many targets at once, each as `create` makes one: all of them or, if any
    /// client cannot have one (not a target, already planned), none, with that client named.
    pub fn create_many(&self, campaign_id: CampaignId, client_ids: &[ClientId], goal: &str, by: &By) -> Result<Vec<PlanId>> {
        self.in_transaction(|s| client_ids.iter().map(|&client| s.plans().create(campaign_id, client, goal, by)).collect())
    }

    pub fn list(&self, campaign_id: CampaignId, filter: &PlanFilter, today: NaiveDate) -> Result<Vec<PlanSummary>> {
        self.campaigns().get(campaign_id)?;
        let mut w = Where::new();
        w.bind(":today", today.to_string());
        w.and_bind("p.campaign_id = :campaign", ":campaign", campaign_id).and("p.deleted_at IS NULL");
        if let Some(team) = filter.team_id {
            w.and_bind("c.team_id = :team", ":team", team);
        }
        if let Some(owner) = filter.owner_id {
            let owns = "EXISTS (SELECT 1 FROM plan_items o WHERE o.plan_id = p.id AND o.deleted_at IS NULL AND o.owner_id = :owner)";
            w.and_bind(owns, ":owner", owner);
        }
        if let Some(category) = filter.category {
            w.and_bind("c.category = :category", ":category", category);
        }
        let mut stmt = self.conn.prepare_cached(&format!("{SUMMARY_SELECT}{} GROUP BY p.id ORDER BY c.code", w.sql()))?;
        let rows = stmt.query_map(&*w.params(), summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get(&self, id: PlanId, today: NaiveDate) -> Result<Plan> {
        let summary = self
            .conn
            .query_row(
                &format!("{SUMMARY_SELECT} WHERE p.id = :id AND p.deleted_at IS NULL GROUP BY p.id"),
                named_params! { ":id": id, ":today": today.to_string() },
                summary_row,
            )
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Plan, key: id.to_string() })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.team_id, t.name AS team, p.role, p.active FROM plan_members m
             JOIN people p ON p.id = m.person_id LEFT JOIN teams t ON t.id = p.team_id WHERE m.plan_id = :id ORDER BY p.id",
        )?;
        let members = stmt.query_map(named_params! { ":id": id }, super::org::person_row)?.collect::<rusqlite::Result<_>>()?;
        let items = self.items_where("i.plan_id = :key AND i.deleted_at IS NULL", id.0, today)?;
        Ok(Plan { summary, members, items })
    }

    fn items_where(&self, condition: &str, key: i64, today: NaiveDate) -> Result<Vec<PlanItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.id, i.kind, i.title, i.owner_id, o.name AS owner, i.due_date, i.status, i.done_on, i.blocked_reason, i.note
             FROM plan_items i LEFT JOIN people o ON o.id = i.owner_id WHERE {condition} ORDER BY i.position, i.id"
        ))?;
        let rows = stmt.query_map(named_params! { ":key": key }, |r| {
            let due = parse_date(&r.get::<_, String>("due_date")?)?;
            let status = r.get("status")?;
            let done_on = r.get::<_, Option<String>>("done_on")?.as_deref().map(parse_date).transpose()?;
            Ok(PlanItem {
                id: r.get("id")?,
                kind: r.get("kind")?,
                title: r.get("title")?,
                owner_id: r.get("owner_id")?,
                owner: r.get("owner")?,
                due,
                status,
                done_on,
                blocked_reason: r.get("blocked_reason")?,
                note: r.get("note")?,
                late: PlanItem::is_late(status, due, today),
                done_late: done_on.is_some_and(|d| d > due),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn item_plan(&self, item_id: PlanItemId) -> Result<(PlanId, PlanItem)> {
        let plan: PlanId = self
            .conn
            .query_row("SELECT plan_id FROM plan_items WHERE id = :item_id", named_params! { ":item_id": item_id }, |r| r.get("plan_id"))
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::PlanItem, key: item_id.to_string() })?;
        let item = self
            .items_where("i.id = :key", item_id.0, NaiveDate::MIN)?
            .pop()
            .ok_or(Error::NotFound { entity: Entity::PlanItem, key: item_id.to_string() })?;
        Ok((plan, item))
    }

    /// Moves an item through 未开始 → 进行中 → 已完成 / 受阻, logging from and to.
    pub fn set_item_status(
        &self,
        item_id: PlanItemId,
        status: ItemStatus,
        done_on: Option<NaiveDate>,
        reason: &str,
        by: &By,
    ) -> Result<PlanItem> {
        let (plan, before) = self.item_plan(item_id)?;
        let change = StatusChange::new(status, done_on, reason, by.at.date())?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE plan_items SET status = :status, done_on = :done_on, blocked_reason = :blocked_reason WHERE id = :item_id",
                named_params! {
                    ":item_id": item_id,
                    ":status": change.status,
                    ":done_on": change.done_on.map(|d| d.to_string()),
                    ":blocked_reason": change.blocked_reason,
                },
            )?;
            s.plans().log(plan, Some(item_id), by, LogChange::status(before.status, &change))
        })?;
        self.item_plan(item_id).map(|(_, mut item)| {
            item.late = PlanItem::is_late(item.status, item.due, by.at.date());
            item
        })
    }

    /// Changes an item's title, owner, due date and note; each change is logged.
    pub fn update_item(&self, item_id: PlanItemId, edit: &ItemEdit, by: &By) -> Result<PlanItem> {
        let ItemEdit { title, owner_id, due, note } = edit;
        let (owner_id, due) = (*owner_id, *due);
        let (plan, before) = self.item_plan(item_id)?;
        check_title("title", title)?;
        self.plan_campaign(plan)?.check_date("due", due)?;
        let owner_name = |id: Option<PersonId>| -> Result<String> {
            Ok(match id {
                Some(id) => self
                    .conn
                    .query_row("SELECT name FROM people WHERE id = :id", named_params! { ":id": id }, |r| r.get("name"))
                    .optional()?
                    .ok_or_else(|| Error::Validation(vec![FieldError::new("owner_id", Problem::UnknownReference)]))?,
                None => String::new(),
            })
        };
        let new_owner = owner_name(owner_id)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE plan_items SET title = :title, owner_id = :owner_id, due_date = :due, note = :note WHERE id = :item_id",
                named_params! {
                    ":item_id": item_id,
                    ":title": title.trim(),
                    ":owner_id": owner_id,
                    ":due": due.to_string(),
                    ":note": note.trim(),
                },
            )?;
            let changes = [
                ("title", before.title.clone(), title.trim().to_string()),
                ("owner", before.owner.clone().unwrap_or_default(), new_owner.clone()),
                ("due", before.due.to_string(), due.to_string()),
                ("note", before.note.clone(), note.trim().to_string()),
            ];
            for (field, from, to) in changes.iter().filter(|(_, f, t)| f != t) {
                s.plans().log(plan, Some(item_id), by, LogChange::value(field, from, to))?;
            }
            Ok(())
        })?;
        Ok(self.item_plan(item_id)?.1)
    }

    pub fn add_item(&self, plan_id: PlanId, title: &str, owner_id: Option<PersonId>, due: NaiveDate, by: &By) -> Result<PlanItemId> {
        self.get(plan_id, by.at.date())?;
        check_title("title", title)?;
        self.plan_campaign(plan_id)?.check_date("due", due)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO plan_items (plan_id, position, kind, title, owner_id, due_date)
                 VALUES (:plan_id, (SELECT coalesce(max(position), -1) + 1 FROM plan_items WHERE plan_id = :plan_id), 'custom', :title, :owner_id, :due)",
                named_params! { ":plan_id": plan_id, ":title": title.trim(), ":owner_id": owner_id, ":due": due.to_string() },
            )?;
            let id = PlanItemId(s.conn.last_insert_rowid());
            s.plans().log(plan_id, Some(id), by, LogChange::item_added(title.trim()))?;
            Ok(id)
        })
    }

    /// The campaign a plan belongs to: its dates bound the plan's due dates.
    fn plan_campaign(&self, plan_id: PlanId) -> Result<crate::domain::Campaign> {
        let campaign: CampaignId = self
            .conn
            .query_row("SELECT campaign_id FROM plans WHERE id = :id", named_params! { ":id": plan_id }, |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { entity: Entity::Plan, key: plan_id.to_string() })?;
        self.campaigns().get(campaign)
    }

    /// Removes an item from the plan; `restore_item` brings it back.
    pub fn delete_item(&self, item_id: PlanItemId, by: &By) -> Result<()> {
        let (plan, item) = self.item_plan(item_id)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE plan_items SET deleted_at = :at WHERE id = :item_id",
                named_params! { ":item_id": item_id, ":at": stamp(by.at) },
            )?;
            s.plans().log(plan, Some(item_id), by, LogChange::item_deleted(&item.title))
        })
    }

    pub fn restore_item(&self, item_id: PlanItemId, by: &By) -> Result<()> {
        let (plan, item) = self.item_plan(item_id)?;
        self.in_transaction(|s| {
            s.conn.execute("UPDATE plan_items SET deleted_at = NULL WHERE id = :item_id", named_params! { ":item_id": item_id })?;
            s.plans().log(plan, Some(item_id), by, LogChange::item_restored(&item.title))
        })
    }

    /// Removes a plan from the list; `restore_plan` brings it back with its items and log.
    pub fn delete(&self, plan_id: PlanId, by: &By) -> Result<()> {
        self.get(plan_id, by.at.date())?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE plans SET deleted_at = :at WHERE id = :plan_id",
                named_params! { ":plan_id": plan_id, ":at": stamp(by.at) },
            )?;
            s.plans().log(plan_id, None, by, LogChange::plan_deleted())
        })
    }

    pub fn restore(&self, plan_id: PlanId, by: &By) -> Result<()> {
        self.in_transaction(|s| {
            let changed = s.conn.execute(
                "UPDATE plans SET deleted_at = NULL WHERE id = :plan_id AND deleted_at IS NOT NULL",
                named_params! { ":plan_id": plan_id },
            )?;
            if changed == 0 {
                return Err(Error::NotFound { entity: Entity::Plan, key: plan_id.to_string() });
            }
            s.plans().log(plan_id, None, by, LogChange::plan_restored())
        })
    }

    pub fn set_goal(&self, plan_id: PlanId, goal: &str, members: &[PersonId], by: &By) -> Result<Plan> {
        let before = self.get(plan_id, by.at.date())?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE plans SET goal = :goal WHERE id = :plan_id",
                named_params! { ":plan_id": plan_id, ":goal": goal.trim() },
            )?;
            if before.summary.goal != goal.trim() {
                s.plans().log(plan_id, None, by, LogChange::value("goal", &before.summary.goal, goal.trim()))?;
            }
            s.conn.execute("DELETE FROM plan_members WHERE plan_id = :plan_id", named_params! { ":plan_id": plan_id })?;
            for person in members {
                s.conn.execute(
                    "INSERT OR IGNORE INTO plan_members (plan_id, person_id) VALUES (:plan_id, :person)",
                    named_params! { ":plan_id": plan_id, ":person": *person },
                )?;
            }
            let names = |people: &[Person]| people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
            let after = s.plans().get(plan_id, by.at.date())?;
            if names(&before.members) != names(&after.members) {
                s.plans().log(plan_id, None, by, LogChange::value("team", &names(&before.members), &names(&after.members)))?;
            }
            Ok(after)
        })
    }

    pub fn history(&self, plan_id: PlanId) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.at, l.author, i.title, l.field, l.from_value, l.to_value, l.detail FROM plan_log l
             LEFT JOIN plan_items i ON i.id = l.item_id WHERE l.plan_id = :plan ORDER BY l.id DESC",
        )?;
        let mut rows = stmt.query(named_params! { ":plan": plan_id })?;
        let mut log = Vec::new();
        while let Some(r) = rows.next()? {
            let (id, detail): (i64, String) = (r.get("id")?, r.get("detail")?);
            let detail = super::json_column(&detail, "plan_log", id)?;
            log.push(LogEntry {
                at: r.get("at")?,
                author: r.get("author")?,
                item: r.get("title")?,
                field: r.get("field")?,
                from: r.get("from_value")?,
                to: r.get("to_value")?,
                detail,
            });
        }
        Ok(log)
    }

    /// Each owner's items across the campaign's plans, most late first.
    pub fn workload(&self, campaign_id: CampaignId, today: NaiveDate) -> Result<Vec<Workload>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.owner_id, o.name AS owner, count(*) AS items, count(*) FILTER (WHERE i.status = 'done') AS done,
                    count(*) FILTER (WHERE i.status <> 'done' AND i.due_date < :today) AS late
             FROM plan_items i JOIN plans p ON p.id = i.plan_id LEFT JOIN people o ON o.id = i.owner_id
             WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL AND i.deleted_at IS NULL
             GROUP BY i.owner_id ORDER BY late DESC, items DESC",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id, ":today": today.to_string() }, |r| {
            let (items, done) = (r.get("items")?, r.get("done")?);
            Ok(Workload {
                owner_id: r.get("owner_id")?,
                owner: r.get("owner")?,
                items,
                done,
                late: r.get("late")?,
                progress: progress_of_counts(done, items),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Items by due date up to the campaign's end: the timeline.
    pub fn timeline(&self, campaign_id: CampaignId, today: NaiveDate) -> Result<Vec<DueDay>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.due_date, count(*) AS items, count(*) FILTER (WHERE i.status = 'done') AS done,
                    count(*) FILTER (WHERE i.status <> 'done' AND i.due_date < :today) AS late
             FROM plan_items i JOIN plans p ON p.id = i.plan_id
             WHERE p.campaign_id = :campaign_id AND p.deleted_at IS NULL AND i.deleted_at IS NULL
             GROUP BY i.due_date ORDER BY i.due_date",
        )?;
        let rows = stmt.query_map(named_params! { ":campaign_id": campaign_id, ":today": today.to_string() }, |r| {
            let (items, done, late) = (r.get("items")?, r.get("done")?, r.get("late")?);
            Ok(DueDay { due: parse_date(&r.get::<_, String>("due_date")?)?, items, done, late, pending: pending(items, done, late) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
