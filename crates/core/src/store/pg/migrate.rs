//! Team mode's migrations, append-only like SQLite's but a list of their own: run by the
//! owner account, each in the same transaction as the lock that makes a second run wait.

use postgres::NoTls;
use sha2::{Digest, Sha256};

use super::TeamResult;
use crate::error::{Error, TeamError};

/// (version, name, SQL). Never edit a released one: add the next.
const MIGRATIONS: &[(i32, &str, &str)] = &[(1, "team", include_str!("migrations/0001_team.sql"))];

fn checksum(sql: &str) -> String {
    Sha256::digest(sql.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Brings the database to this build's schema and returns how many migrations ran. A run
/// that finds another under way waits for it, then finds nothing left to do.
pub fn migrate(owner_config: &str) -> TeamResult<usize> {
    let mut client = postgres::Client::connect(owner_config, NoTls)?;
    let created = client.batch_execute(
        "CREATE TABLE IF NOT EXISTS rampart_migrations (
             version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    if let Err(e) = created {
        // Two first runs at once: the loser's CREATE fails (a duplicate type, table or key in
        // the catalog, depending on timing) once the winner's has committed. The table is there
        // then, and the lock below makes this run wait its turn.
        if client.batch_execute("SELECT 1 FROM rampart_migrations LIMIT 0").is_err() {
            return Err(e.into());
        }
    }
    let mut tx = client.transaction()?;
    tx.batch_execute("LOCK TABLE rampart_migrations IN ACCESS EXCLUSIVE MODE")?;
    let applied: Vec<(i32, String)> =
        tx.query("SELECT version, checksum FROM rampart_migrations ORDER BY version", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect();
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if let Some(&(found, _)) = applied.iter().find(|(v, _)| *v > known) {
        return Err(TeamError::Core(Error::SchemaTooNew { found: i64::from(found), known: i64::from(known) }));
    }
    for (version, sum) in &applied {
        let ours = MIGRATIONS.iter().find(|m| m.0 == *version).map(|m| checksum(m.2));
        if ours.as_deref() != Some(sum.as_str()) {
            return Err(TeamError::Database(format!("migration {version} differs from the one applied to this database")));
        }
    }
    let mut ran = 0;
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.iter().any(|a| a.0 == m.0)) {
        tx.batch_execute(sql)?;
        tx.execute("INSERT INTO rampart_migrations (version, name, checksum) VALUES ($1, $2, $3)", &[version, name, &checksum(sql)])?;
        ran += 1;
    }
    tx.commit()?;
    Ok(ran)
}

/// Refreshes the planner's statistics after a bulk load (the sample): the application's
/// account does not own the tables, so the owner does it.
pub fn refresh_statistics(owner_config: &str) -> TeamResult<()> {
    let mut client = postgres::Client::connect(owner_config, NoTls)?;
    client.batch_execute("ANALYZE")?;
    Ok(())
}
