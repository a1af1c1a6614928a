//! The districts' standings, counted from the plan items when asked, so concurrent writes can
//! never leave a stored total out of step.

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
                        count(DISTINCT c.id),
                        count(i.id),
                        count(i.id) FILTER (WHERE i.status = 'done'),
                        count(i.id) FILTER (WHERE i.status <> 'done' AND i.due < $2)
                 FROM districts d
                 JOIN clients c ON c.district_id = d.id AND c.campaign_id = $1
                 LEFT JOIN plan_items i ON i.client_id = c.id
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
