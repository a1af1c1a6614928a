//! The work a bulk write leaves for after its commit, done a step at a time so a front end can
//! let other work in between: the indexes a first import dropped (`index_builds.rs`), its
//! clients for search (`search.rs`), then the derived figures it made stale (subsidy totals, KPI
//! tallies) that had been built before, so the first look at them after an import (a tracker,
//! the overview) is as quick as any other.

use rusqlite::{named_params, OptionalExtension};

use super::{index_builds, Store};
use crate::domain::ids::CampaignId;
use crate::error::{Error, Result};

impl Store {
    /// One step of catching up after a bulk write: true while some work is left. The desktop
    /// calls it in the background until it says false, letting go of the store between steps;
    /// the CLI before it exits. Each step is one index, one batch of clients for search, or one
    /// campaign's subsidies or one family of its KPI tallies.
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
        self.refresh_next_figure()
    }

    /// Everything [`Store::catch_up_step`] does, at once.
    pub fn catch_up(&self) -> Result<()> {
        while self.catch_up_step()? {}
        Ok(())
    }

    /// Rebuilds the first stale figure of those built once (subsidies before KPI tallies, whose
    /// `subsidies` family reads them): true when it did and more may be left.
    fn refresh_next_figure(&self) -> Result<bool> {
        const SUBSIDIES: &str = "SELECT campaign_id, '' FROM subsidy_state WHERE NOT fresh ORDER BY campaign_id LIMIT 1";
        const TALLIES: &str = "SELECT campaign_id, family FROM kpi_tally_state WHERE NOT fresh ORDER BY campaign_id, family LIMIT 1";
        let first = |sql: &str| -> Result<Option<(CampaignId, String)>> {
            Ok(self.conn.prepare_cached(sql)?.query_row(named_params! {}, |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
        };
        let (sql, done) = if let Some((campaign, _)) = first(SUBSIDIES)? {
            (SUBSIDIES, self.subsidies().refresh_subsidies(campaign).map(|()| (campaign, String::new())))
        } else if let Some((campaign, family)) = first(TALLIES)? {
            (TALLIES, self.kpis().refresh_family(campaign, &family).map(|()| (campaign, family)))
        } else {
            return Ok(false);
        };
        match done {
            // Only when the figure is fresh now: a step never repeats itself.
            Ok(rebuilt) => Ok(first(sql)?.is_none_or(|next| next != rebuilt)),
            Err(e @ (Error::Database(_) | Error::DatabaseFile { .. } | Error::DatabaseBusy { .. })) => Err(e),
            // A figure that cannot be computed (a stored fee out of range, say) stays stale, and
            // the page that reads it says why, which a step in the background could not.
            Err(_) => Ok(false),
        }
    }
}
