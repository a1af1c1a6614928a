//! An award's standings as of a date, from the raw figures the store reads: entrants, metric
//! totals and plan completion. Scoring, target attainment, the weighting of an overall award
//! and the ranking live here; the store only counts.
//!
//! Tie-break figures, as of the same date: for a single award, per entrant, the day its
//! quantity reached the total it has as of the date, its distinct clients and the sum of its
//! amounts, over the counted achievements. For an overall award the score moves with every
//! component, so the day it "reached" its score is taken as the latest day anything it weighs
//! changed: the latest counted achievement of a weighted metric or plan item done by the date;
//! clients and amounts are those of the weighted metrics' achievements taken together.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::awards::{rank, Award, AwardKind, Contender, Ranking, Scope, Standing, PLANS_COMPONENT};
use super::tie_break::TieFigures;

const FULL: i64 = 10_000;

/// Scores keyed by (industry when split, entrant id).
pub type Scores = HashMap<(Option<String>, i64), i64>;

/// Tie-break figures keyed like [`Scores`].
pub type Ties = HashMap<(Option<String>, i64), TieFigures>;

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
    /// Tie figures over several metrics' achievements together (an overall award).
    pub combined: Vec<Combined>,
    /// The latest day a plan item was done, per entrant of these scopes.
    pub last_done: Vec<Scope>,
}

/// The achievements of several metrics taken together, per entrant of one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Combined {
    pub scope: Scope,
    pub metrics: Vec<String>,
}

/// The raw figures an award's standing is computed from, as of one date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// Everyone who can be ranked.
    pub entrants: HashMap<Scope, Vec<(i64, String)>>,
    pub totals: HashMap<MetricTotal, Scores>,
    /// Tie figures beside each total, counted over the same achievements.
    pub ties: HashMap<MetricTotal, Ties>,
    /// Tie figures per entrant for [`Reads::combined`]; `reached_on` is the latest achievement.
    pub combined: HashMap<Combined, HashMap<i64, TieFigures>>,
    pub last_done: HashMap<Scope, HashMap<i64, NaiveDate>>,
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
                let mut weighed = Vec::new();
                for (name, weight) in &award.input.weights {
                    if name == PLANS_COMPONENT {
                        reads.plans.push(scope);
                        if *weight > 0 && !award.input.tie_breaks.is_empty() {
                            reads.last_done.push(scope);
                        }
                    } else if let Some(part) = component(all, name) {
                        reads.totals.push(metric_total(part, scope));
                        if *weight > 0 {
                            weighed.extend(part.input.metric.clone());
                        }
                    }
                }
                if !award.input.tie_breaks.is_empty() {
                    weighed.sort();
                    weighed.dedup();
                    reads.combined.push(Combined { scope, metrics: weighed });
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

/// An overall award's tie figures per entrant: its weighted metrics' achievements together,
/// reached on the later of their latest day and the latest plan item done.
fn overall_ties(award: &Award, all: &[Award], scope: Scope, figures: &Figures) -> HashMap<i64, TieFigures> {
    let Some(key) = reads(award, all).combined.into_iter().find(|c| c.scope == scope) else { return HashMap::new() };
    let mut ties = figures.combined.get(&key).cloned().unwrap_or_default();
    for (id, done) in figures.last_done.get(&scope).into_iter().flatten() {
        let t = ties.entry(*id).or_default();
        t.reached_on = t.reached_on.max(Some(*done));
    }
    ties
}

/// The award's rankings as of `as_of`, from the figures [`reads`] asked for.
pub fn standing(award: &Award, all: &[Award], figures: &Figures, as_of: NaiveDate) -> Standing {
    let mut rankings = Vec::new();
    for scope in scopes(award) {
        let entrants = figures.entrants.get(&scope).map(Vec::as_slice).unwrap_or_default();
        let scored = |scores: &dyn Fn(i64) -> (i64, TieFigures)| -> Vec<Contender> {
            entrants
                .iter()
                .map(|(id, name)| {
                    let (score, figures) = scores(*id);
                    Contender { id: *id, name: name.clone(), score, figures }
                })
                .collect()
        };
        match award.input.kind {
            AwardKind::Single => {
                let (unit, scores) = single_scores(award, scope, figures);
                let ties = figures.ties.get(&metric_total(award, scope));
                let industries: Vec<Option<String>> =
                    if award.input.by_industry { figures.industries.iter().cloned().map(Some).collect() } else { vec![None] };
                for industry in industries {
                    let of = |id: i64| {
                        let key = (industry.clone(), id);
                        (scores.get(&key).copied().unwrap_or(0), ties.and_then(|t| t.get(&key)).copied().unwrap_or_default())
                    };
                    let entries = rank(scored(&of), &award.input);
                    rankings.push(Ranking { scope, industry, unit: unit.into(), entries });
                }
            }
            AwardKind::Overall => {
                let combined = overall_scores(award, all, scope, figures);
                let ties = overall_ties(award, all, scope, figures);
                let of = |id: i64| (combined.get(&id).copied().unwrap_or(0), ties.get(&id).copied().unwrap_or_default());
                let entries = rank(scored(&of), &award.input);
                rankings.push(Ranking { scope, industry: None, unit: "weighted_bp".into(), entries });
            }
        }
    }
    Standing {
        award_id: award.id,
        name: award.input.name.clone(),
        kind: award.input.kind,
        tie_break: award.input.tie_break.clone(),
        tie_breaks: award.input.tie_breaks.clone(),
        shared_tiers: award.input.shared_tiers,
        prize_cost: super::prizes::prize_cost(&award.input.tiers, &rankings),
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
            tie_breaks: crate::domain::tie_break::TieBreak::standard(),
            shared_tiers: false,
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
