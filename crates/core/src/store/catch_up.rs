//! The work a bulk write leaves for after its commit, done a step at a time so a front end can
//! let other work in between: the indexes a first import dropped (`index_builds.rs`), its
//! clients for search (`search.rs`), then the derived figures it made stale (subsidy totals, KPI
//! tallies) that had been built before, so the first look at them after an import (a tracker,
//! the overview) is as quick as any other.

use rusqlite::named_params;

use super::{index_builds, Store};
use crate::domain::ids::CampaignId;
use crate::error::Result;

impl Store {
    /// One step of catching up after a bulk write: true while some work is left. The desktop
    /// calls it in the background until it says false; the CLI before it exits.
    pub fn catch_up_step(&self) -> Result<bool> {
        if self.read_only || !self.conn.is_autocommit() {
            return Ok(false);
        }
        if index_builds::waiting(&self.conn)? {
            let write = self.begin_write()?;
            index_builds::build(&self.conn, Some(1))?;
            write.commit()?;
            return Ok(true);
        }
        if self.index_search_step()? {
            return Ok(true);
        }
        self.refresh_stale_figures()?;
        Ok(false)
    }

    /// Everything [`Store::catch_up_step`] does, at once.
    pub fn catch_up(&self) -> Result<()> {
        while self.catch_up_step()? {}
        Ok(())
    }

    /// Rebuilds the derived figures of every campaign that had them built and has had them
    /// made stale since, each in a transaction of its own.
    fn refresh_stale_figures(&self) -> Result<()> {
        let stale = |table: &str| -> Result<Vec<CampaignId>> {
            let mut stmt = self.conn.prepare_cached(&format!("SELECT DISTINCT campaign_id FROM {table} WHERE NOT fresh ORDER BY 1"))?;
            let rows = stmt.query_map(named_params! {}, |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // A figure that cannot be computed (a stored fee out of range, say) stays stale: the
        // page that reads it says why, which a step in the background could not.
        for campaign in stale("subsidy_state")? {
            let _ = self.subsidies().refresh_subsidies(campaign);
        }
        for campaign in stale("kpi_tally_state")? {
            let _ = self.kpis().refresh_stale(campaign);
        }
        Ok(())
    }
}
