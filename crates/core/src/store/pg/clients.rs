//! Campaigns and their clients, as far as the caller's scope reaches, with key persons read
//! through the masking view.

use postgres::Row;

use super::{client_filter, page_limit, PgStore, TeamPage, TeamResult};
use crate::domain::access::Account;
use crate::domain::team::{TeamCampaign, TeamClient, TeamClientDetail, TeamKeyPerson};
use crate::error::{Entity, TeamError};

const CLIENT_COLUMNS: &str = "c.id, c.campaign_id, c.code, c.name, c.category, c.district_id, d.name, c.manager_id, m.name, c.version";
const CLIENT_FROM: &str = "clients c JOIN districts d ON d.id = c.district_id LEFT JOIN accounts m ON m.id = c.manager_id";

fn client(r: &Row) -> TeamClient {
    TeamClient {
        id: r.get(0),
        campaign_id: r.get(1),
        code: r.get(2),
        name: r.get(3),
        category: r.get(4),
        district_id: r.get(5),
        district: r.get(6),
        manager_id: r.get(7),
        manager: r.get(8),
        version: r.get(9),
    }
}

impl PgStore {
    /// Every campaign, newest first (TeamView::campaigns).
    pub(super) fn campaign_list(&self, who: &Account) -> TeamResult<Vec<TeamCampaign>> {
        self.scoped(who, |tx, _| {
            let rows = tx.query("SELECT id, name, starts_on, ends_on FROM campaigns ORDER BY starts_on DESC, id DESC", &[])?;
            Ok(rows.iter().map(|r| TeamCampaign { id: r.get(0), name: r.get(1), starts_on: r.get(2), ends_on: r.get(3) }).collect())
        })
    }

    /// A campaign's clients the caller may see, by code; `text` finds a part of the name or code
    /// (TeamView::client_page).
    pub(super) fn client_list(
        &self,
        who: &Account,
        campaign: i64,
        text: &str,
        offset: i64,
        limit: i64,
    ) -> TeamResult<TeamPage<TeamClient>> {
        self.scoped(who, |tx, scope| {
            // As the planner's file finds them: every word typed, in the code or the name, any case.
            let filter = format!(
                "c.campaign_id = $1 AND {} AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS typed(word)
                     WHERE strpos(lower(c.name), typed.word) = 0 AND strpos(lower(c.code), typed.word) = 0)",
                client_filter(scope)
            );
            let text: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
            let total: i64 = tx.query_one(&format!("SELECT count(*) FROM clients c WHERE {filter}"), &[&campaign, &text])?.get(0);
            let rows = tx.query(
                &format!("SELECT {CLIENT_COLUMNS} FROM {CLIENT_FROM} WHERE {filter} ORDER BY c.code OFFSET $3 LIMIT $4"),
                &[&campaign, &text, &offset.max(0), &page_limit(limit)],
            )?;
            Ok(TeamPage { total, offset: offset.max(0), rows: rows.iter().map(client).collect() })
        })
    }

    /// One client with its key persons; a client out of the caller's reach is not found
    /// (TeamView::client_detail).
    pub(super) fn one_client(&self, who: &Account, id: i64) -> TeamResult<TeamClientDetail> {
        self.scoped(who, |tx, scope| {
            let sql = format!("SELECT {CLIENT_COLUMNS} FROM {CLIENT_FROM} WHERE c.id = $1 AND {}", client_filter(scope));
            let found = tx.query_opt(&sql, &[&id])?.ok_or_else(|| TeamError::not_found(Entity::Client, id))?;
            let people =
                tx.query("SELECT id, name, title, phone, version FROM key_persons_shown WHERE client_id = $1 ORDER BY id", &[&id])?;
            let key_persons = people
                .iter()
                .map(|r| TeamKeyPerson { id: r.get(0), name: r.get(1), title: r.get(2), phone: r.get(3), version: r.get(4) })
                .collect();
            Ok(TeamClientDetail { client: client(&found), key_persons })
        })
    }
}
