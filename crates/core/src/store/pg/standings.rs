//! The districts' standings, from the item tallies the writing transactions keep in step.

use chrono::NaiveDate;

use super::{PgStore, TeamResult};
use crate::domain::district_progress::{rank_districts, DistrictCounts, DistrictStanding};

impl PgStore {
    /// Every district's standing. Counts only, no client or person in them, so the whole
    /// league table is shown to every account, whatever its scope.
    pub fn standings(&self, campaign: i64, today: NaiveDate) -> TeamResult<Vec<DistrictStanding>> {
        self.unscoped(|tx| {
            let rows = tx.query(
                "SELECT d.id, d.name,
                        (SELECT count(*) FROM clients c WHERE c.campaign_id = $1 AND c.district_id = d.id),
                        coalesce(sum(t.items), 0)::BIGINT,
                        coalesce(sum(t.items) FILTER (WHERE t.status = 'done'), 0)::BIGINT,
                        coalesce(sum(t.items) FILTER (WHERE t.status <> 'done' AND t.due < $2), 0)::BIGINT
                 FROM districts d
                 LEFT JOIN item_tallies t ON t.district_id = d.id AND t.campaign_id = $1
                 WHERE EXISTS (SELECT 1 FROM clients c WHERE c.campaign_id = $1 AND c.district_id = d.id)
                 GROUP BY d.id, d.name",
                &[&campaign, &today],
            )?;
            let counts = rows
                .iter()
                .map(|r| DistrictCounts {
                    district_id: r.get(0),
                    district: r.get(1),
                    clients: r.get(2),
                    items: r.get(3),
                    done: r.get(4),
                    late: r.get(5),
                })
                .collect();
            Ok(rank_districts(counts))
        })
    }
}
