//! An award's standings as of a date, from the raw figures the store reads: entrants, metric
//! totals and plan completion. Scoring, target attainment, the weighting of an overall award
//! and the ranking live here; the store only counts.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::awards::{rank, Award, AwardKind, Ranking, Scope, Standing, PLANS_COMPONENT};

const FULL: i64 = 10_000;

/// Scores keyed by (industry when split, entrant id).
pub type Scores = HashMap<(Option<String>, i64), i64>;

/// One metric's achievements summed per entrant of a scope, split by industry or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MetricTotal {
    pub metric: String,
    pub scope: Scope,
    pub by_industry: bool,
}

/// What the store must read to score an award: see [`Figures`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    pub scopes: Vec<Scope>,
    pub totals: Vec<MetricTotal>,
    /// Plan completion per entrant of these scopes.
    pub plans: Vec<Scope>,
    /// The industries of the campaign's targets.
    pub industries: bool,
}

/// The raw figures an award's standing is computed from, as of one date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Everyone who can be ranked, in id order: ties keep this order.
    pub entrants: HashMap<Scope, Vec<(i64, String)>>,
    pub totals: HashMap<MetricTotal, Scores>,
    /// (plan items, items done) per entrant.
    pub plans: HashMap<Scope, HashMap<i64, (i64, i64)>>,
    /// Distinct non-empty industries of the campaign's targets, sorted.
    pub industries: Vec<String>,
}

fn scopes(award: &Award) -> Vec<Scope> {
    [(award.input.for_teams, Scope::Team), (award.input.for_people, Scope::Person)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, s)| s)
        .collect()
}

/// The single awards an overall award weighs, by their id as its components name them.
fn component<'a>(all: &'a [Award], component: &str) -> Option<&'a Award> {
    all.iter().find(|a| a.id.to_string() == component && a.input.kind == AwardKind::Single)
}

fn metric_total(award: &Award, scope: Scope) -> MetricTotal {
    MetricTotal { metric: award.input.metric.clone().unwrap_or_default(), scope, by_industry: award.input.by_industry }
}

/// What [`standing`] will look at for `award` (`all` holds the campaign's other awards).
pub fn reads(award: &Award, all: &[Award]) -> Reads {
    let mut reads = Reads { scopes: scopes(award), ..Reads::default() };
    for scope in reads.scopes.clone() {
        match award.input.kind {
            AwardKind::Single => {
                reads.totals.push(metric_total(award, scope));
                reads.industries |= award.input.by_industry;
            }
            AwardKind::Overall => {
                for (name, _) in &award.input.weights {
                    if name == PLANS_COMPONENT {
                        reads.plans.push(scope);
                    } else if let Some(part) = component(all, name) {
                        reads.totals.push(metric_total(part, scope));
                    }
                }
            }
        }
    }
    reads
}

/// Scores of a single award for one scope: quantity, or attainment of target in bp.
fn single_scores(award: &Award, scope: Scope, figures: &Figures) -> (&'static str, Scores) {
    let totals = figures.totals.get(&metric_total(award, scope)).cloned().unwrap_or_default();
    if !award.input.use_targets {
        return ("quantity", totals);
    }
    let targets: HashMap<i64, i64> = award.input.targets.iter().filter(|(s, _, _)| *s == scope).map(|(_, id, t)| (*id, *t)).collect();
    let attained = totals
        .into_iter()
        .map(|(k, q)| {
            // Targets are at least 1 when saved; a zero or an absurd one scores 0, never a panic.
            let bp = targets.get(&k.1).and_then(|t| q.checked_mul(FULL)?.checked_div(*t)).unwrap_or(0);
            (k, bp)
        })
        .collect();
    ("attainment_bp", attained)
}

/// Plan completion in basis points per entrant.
fn plan_completion(figures: &Figures, scope: Scope) -> HashMap<i64, i64> {
    let counts = figures.plans.get(&scope).cloned().unwrap_or_default();
    counts.into_iter().map(|(id, (total, done))| (id, (done * FULL).checked_div(total).unwrap_or(0))).collect()
}

/// A single award's scores summed over industries, as a share of the best in basis points.
fn normalised(part: &Award, scope: Scope, figures: &Figures) -> HashMap<i64, i64> {
    let (_, scores) = single_scores(part, scope, figures);
    let mut per: HashMap<i64, i64> = HashMap::new();
    for ((_, id), s) in scores {
        let sum = per.entry(id).or_default();
        *sum = sum.saturating_add(s);
    }
    let best = per.values().copied().max().unwrap_or(0);
    // Widened: a score times 10,000 may pass i64 even when the score does not.
    let share = |s: i64| i64::try_from((i128::from(s) * i128::from(FULL)).checked_div(i128::from(best)).unwrap_or(0)).unwrap_or(0);
    per.into_iter().map(|(id, s)| (id, share(s))).collect()
}

fn overall_scores(award: &Award, all: &[Award], scope: Scope, figures: &Figures) -> HashMap<i64, i64> {
    let mut combined: HashMap<i64, i64> = HashMap::new();
    for (name, weight) in &award.input.weights {
        let scores = if name == PLANS_COMPONENT {
            plan_completion(figures, scope)
        } else {
            let Some(part) = component(all, name) else { continue };
            normalised(part, scope, figures)
        };
        for (id, n) in scores {
            let weighted = i64::try_from(i128::from(n) * i128::from(*weight) / i128::from(FULL)).unwrap_or(i64::MAX);
            let sum = combined.entry(id).or_default();
            *sum = sum.saturating_add(weighted);
        }
    }
    combined
}

/// The award's rankings as of `as_of`, from the figures [`reads`] asked for.
pub fn standing(award: &Award, all: &[Award], figures: &Figures, as_of: NaiveDate) -> Standing {
    let mut rankings = Vec::new();
    for scope in scopes(award) {
        let entrants = figures.entrants.get(&scope).map(Vec::as_slice).unwrap_or_default();
        let scored = |scores: &dyn Fn(i64) -> i64| entrants.iter().map(|(id, name)| (*id, name.clone(), scores(*id))).collect();
        match award.input.kind {
            AwardKind::Single => {
                let (unit, scores) = single_scores(award, scope, figures);
                let industries: Vec<Option<String>> =
                    if award.input.by_industry { figures.industries.iter().cloned().map(Some).collect() } else { vec![None] };
                for industry in industries {
                    let entries = rank(scored(&|id| scores.get(&(industry.clone(), id)).copied().unwrap_or(0)), &award.input.tiers);
                    rankings.push(Ranking { scope, industry, unit: unit.into(), entries });
                }
            }
            AwardKind::Overall => {
                let combined = overall_scores(award, all, scope, figures);
                let entries = rank(scored(&|id| combined.get(&id).copied().unwrap_or(0)), &award.input.tiers);
                rankings.push(Ranking { scope, industry: None, unit: "weighted_bp".into(), entries });
            }
        }
    }
    Standing {
        award_id: award.id,
        name: award.input.name.clone(),
        kind: award.input.kind,
        tie_break: award.input.tie_break.clone(),
        as_of,
        rankings,
        locked: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::awards::AwardInput;

    fn award(id: i64, kind: AwardKind, metric: Option<&str>, weights: Vec<(String, i64)>) -> Award {
        let input = AwardInput {
            name: format!("A{id}"),
            kind,
            for_teams: true,
            for_people: false,
            metric: metric.map(Into::into),
            by_industry: false,
            use_targets: false,
            tie_break: String::new(),
            tiers: Vec::new(),
            targets: Vec::new(),
            weights,
        };
        Award { id: crate::domain::ids::AwardId(id), input, locked: None }
    }

    #[test]
    fn an_overall_award_weighs_a_single_award_against_its_best_and_plan_completion() {
        let single = award(1, AwardKind::Single, Some("deals"), Vec::new());
        let overall = award(2, AwardKind::Overall, None, vec![("1".into(), 5_000), (PLANS_COMPONENT.into(), 5_000)]);
        let all = vec![single.clone(), overall.clone()];
        let reads = reads(&overall, &all);
        assert_eq!(
            reads.totals,
            [MetricTotal { metric: "deals".into(), scope: Scope::Team, by_industry: false }],
            "the component's metric is read"
        );
        assert_eq!(reads.plans, [Scope::Team], "and plan completion, because the award weighs it");

        let mut figures = Figures::default();
        figures.entrants.insert(Scope::Team, vec![(1, "东区".into()), (2, "西区".into())]);
        figures.totals.insert(reads.totals[0].clone(), HashMap::from([((None, 1), 10), ((None, 2), 5)]));
        figures.plans.insert(Scope::Team, HashMap::from([(1, (4, 1)), (2, (4, 4))]));
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let scores: Vec<(i64, i64)> =
            standing(&overall, &all, &figures, day).rankings[0].entries.iter().map(|e| (e.entrant_id, e.score)).collect();
        // 东区: half of 100 % of the best deals + half of 25 % plans = 6,250; 西区: 2,500 + 5,000.
        assert_eq!(scores, [(2, 7_500), (1, 6_250)], "weights apply to each component's share in basis points");
    }
}
