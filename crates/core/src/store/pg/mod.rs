//! Team mode's store: the same domain over PostgreSQL (or a PostgreSQL-compatible database),
//! for the server, which is its only writer. Every call runs in one transaction with the
//! caller's scope set for row-level security, so the database repeats the server's checks.
//! The SQL keeps to what PostgreSQL-compatible databases share: no system-catalog reads.

mod accounts;
mod audit;
mod clients;
mod migrate;
mod plan_items;
mod sample;
mod standings;
mod warnings;

pub use crate::domain::team::{
    AuditEntry, ItemFilter, TeamCampaign, TeamClient, TeamClientDetail, TeamKeyPerson, TeamPage, TeamPlanItem, TeamWarning,
};
pub use accounts::NewAccount;
pub use migrate::{migrate, refresh_statistics};
pub use sample::{seed_sample, SampleProvince, SampleSummary};

use postgres::{NoTls, Transaction};
use r2d2_postgres::PostgresConnectionManager;

use crate::domain::access::{Account, Scope};
use crate::error::TeamError;

pub(crate) use super::team_view::page_limit;
pub use super::team_view::{TeamResult, MAX_PAGE};

/// A pool of connections as the application's account (rampart_app).
#[derive(Clone)]
pub struct PgStore {
    pool: r2d2::Pool<PostgresConnectionManager<NoTls>>,
}

impl PgStore {
    /// `config` is a libpq-style connection string ("host=/run/postgresql user=rampart_app
    /// dbname=rampart").
    pub fn connect(config: &str, size: u32) -> TeamResult<PgStore> {
        let config: postgres::Config = config.parse().map_err(|e: postgres::Error| TeamError::Database(e.to_string()))?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder().max_size(size.max(1)).build(manager)?;
        Ok(PgStore { pool })
    }

    /// Runs `f` in one transaction with `who`'s scope set: the server's own filters and the
    /// database's row-level security then agree on what this call can reach.
    fn scoped<T>(&self, who: &Account, f: impl FnOnce(&mut Transaction<'_>, Scope) -> TeamResult<T>) -> TeamResult<T> {
        let scope = who.scope().map_err(|_| TeamError::NoDistrict)?;
        let mut conn = self.pool.get()?;
        let mut tx = conn.transaction()?;
        set_scope(&mut tx, scope, who.district_id, Some(who.id))?;
        let out = f(&mut tx, scope)?;
        tx.commit()?;
        Ok(out)
    }

    /// As [`Self::scoped`], but `f` decides whether its work is kept: all or nothing.
    fn scoped_all_or_nothing<T>(
        &self,
        who: &Account,
        f: impl FnOnce(&mut Transaction<'_>, Scope) -> TeamResult<(T, bool)>,
    ) -> TeamResult<T> {
        let scope = who.scope().map_err(|_| TeamError::NoDistrict)?;
        let mut conn = self.pool.get()?;
        let mut tx = conn.transaction()?;
        set_scope(&mut tx, scope, who.district_id, Some(who.id))?;
        let (out, keep) = f(&mut tx, scope)?;
        if keep {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// A transaction that sees the whole province, for the server's own work (logging in,
    /// seeding the sample), never on behalf of a caller's request for data.
    fn unscoped<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> TeamResult<T>) -> TeamResult<T> {
        let mut conn = self.pool.get()?;
        let mut tx = conn.transaction()?;
        set_scope(&mut tx, Scope::Province, None, None)?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }
}

fn set_scope(tx: &mut Transaction<'_>, scope: Scope, district: Option<i64>, account: Option<i64>) -> TeamResult<()> {
    let text = |v: Option<i64>| v.map_or(String::new(), |v| v.to_string());
    tx.execute(
        "SELECT set_config('rampart.scope', $1, true), set_config('rampart.district', $2, true), set_config('rampart.account', $3, true)",
        &[&scope.code(), &text(district), &text(account)],
    )?;
    Ok(())
}

/// The server's own filter on clients (alias `c`) for a scope: the first lock, with row-level
/// security as the second.
fn client_filter(scope: Scope) -> String {
    match scope {
        Scope::Province => "TRUE".into(),
        Scope::District(d) => format!("c.district_id = {d}"),
        Scope::Own(a) => format!("c.manager_id = {a}"),
    }
}
