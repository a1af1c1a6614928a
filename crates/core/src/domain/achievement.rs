//! What a recorded achievement must satisfy beyond its own fields (those are
//! `AchievementInput::validate`): inside the campaign, its person in its team, and an industry
//! wherever an award ranks its metric by industry. One rule set for every way in (form,
//! achievements import, returned tracker, correction), so none of them can count what the
//! others refuse.
//!
//! Decisions:
//! - Only a person named: the achievement is credited to the person's team too (the team of
//!   the person at the time it is written), as the import already did. A team award then
//!   counts what its people did.
//! - Team and person both named: the person must be in that team, or the row is refused (the
//!   team award and the person award would otherwise disagree about whose it is).
//! - An industry: the client's, when it has one; a typed 行业 is used only without one. A typed
//!   行业 that differs from the client's is refused rather than silently replaced, since one
//!   of the two is a mistake the planner should see.
//! - A typed 行业 must be one the per-industry rankings list (the industries of the campaign's
//!   targets) when the campaign has any: a spelling the rankings do not know would count in
//!   the overall award and in no per-industry one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::awards::AchievementInput;
use super::ids::{ClientId, PersonId, TeamId};
use crate::error::{Error, FieldError, Problem, Result};
use crate::timestamp::Timestamp;

/// The campaign-wide facts every achievement is checked against, read once per import; the
/// form reads them too, to offer an industry field where one is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AchievementRules {
    /// The campaign's first and last day: nothing counts outside them.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// (code, name) of the campaign's metrics.
    pub metrics: Vec<(String, String)>,
    /// Metrics some award ranks by industry.
    pub split_metrics: Vec<String>,
    /// The industries per-industry rankings list (the campaign's targets'), sorted.
    pub industries: Vec<String>,
}

/// What the store knows about the team, person and client one achievement names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// The named team's name, when it exists.
    pub team: Option<String>,
    /// The named person's name and team (id, name), when the person exists.
    pub person: Option<(String, Option<(TeamId, String)>)>,
    /// The client's industry, empty when unknown; None when no client is named or it is gone.
    pub client_industry: Option<String>,
}

impl AchievementRules {
    /// The achievement as it will be written (team from the person, industry trimmed), or
    /// every field error it has.
    pub fn check(&self, a: &AchievementInput, named: &Named) -> Result<AchievementInput> {
        let known = self.metrics.iter().any(|(code, _)| *code == a.metric);
        let mut errors = match a.validate(known) {
            Ok(()) => Vec::new(),
            Err(Error::Validation(errors)) => errors,
            Err(other) => return Err(other),
        };
        let mut out = a.clone();
        if !(self.start..=self.end).contains(&a.date) {
            // The same problem `Campaign::check_date` gives, so every path words it alike.
            errors.push(FieldError::new("date", Problem::OutsideCampaign { start: self.start, end: self.end }));
        }
        if a.team_id.is_some() && named.team.is_none() {
            errors.push(FieldError::new("team_id", Problem::UnknownReference));
        }
        match (&named.person, a.person_id) {
            (None, Some(_)) => errors.push(FieldError::new("person_id", Problem::UnknownReference)),
            (Some((person, person_team)), Some(_)) => match (a.team_id, &named.team) {
                (Some(team_id), Some(team)) if person_team.as_ref().map(|t| t.0) != Some(team_id) => {
                    errors.push(FieldError::new("person_id", Problem::NotInTeam { person: person.clone(), team: team.clone() }))
                }
                (None, _) => out.team_id = person_team.as_ref().map(|t| t.0),
                _ => {}
            },
            _ => {}
        }
        if a.client_id.is_some() && named.client_industry.is_none() {
            errors.push(FieldError::new("client_id", Problem::UnknownReference));
        }
        out.industry = a.industry.as_deref().map(str::trim).filter(|i| !i.is_empty()).map(String::from);
        let client_industry = named.client_industry.as_deref().filter(|i| !i.trim().is_empty());
        match (client_industry, out.industry.as_deref()) {
            (Some(client), Some(typed)) if client.trim() != typed => {
                errors.push(FieldError::new("industry", Problem::IndustryDiffers { client: client.to_string() }))
            }
            (None, Some(typed)) if !self.industries.is_empty() && !self.industries.iter().any(|i| i == typed) => {
                errors.push(FieldError::new("industry", Problem::NotOneOf { allowed: self.industries.join("、") }))
            }
            // Without a client, or with one whose industry is unknown (an unknown client is reported above).
            (None, None) if (a.client_id.is_none() || named.client_industry.is_some()) && self.split_metrics.contains(&a.metric) => {
                let metric = self.metrics.iter().find(|(code, _)| *code == a.metric).map_or(a.metric.as_str(), |(_, n)| n.as_str());
                errors.push(FieldError::new("industry", Problem::IndustryNeeded { metric: metric.to_string() }));
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(Error::Validation(errors))
        }
    }
}

/// One recorded achievement as the achievements view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct Achievement {
    pub id: i64,
    #[serde(flatten)]
    pub input: AchievementInput,
    pub team: Option<String>,
    pub person: Option<String>,
    pub client_code: Option<String>,
    pub client_name: Option<String>,
    /// The industry the standings count it in: the client's, else the one typed.
    pub counted_industry: Option<String>,
    /// Where it came from: a returned tracker's row; None when typed or imported.
    pub source: Option<String>,
}

/// Which achievements to list, a page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AchievementQuery {
    pub metric: Option<String>,
    pub team_id: Option<TeamId>,
    pub person_id: Option<PersonId>,
    pub client_id: Option<ClientId>,
    /// First and last date, both included.
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: i64,
    pub offset: i64,
}

/// What a correction or deletion changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AchievementAction {
    Corrected,
    Deleted,
}

impl AchievementAction {
    pub fn code(self) -> &'static str {
        match self {
            AchievementAction::Corrected => "corrected",
            AchievementAction::Deleted => "deleted",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [AchievementAction::Corrected, AchievementAction::Deleted].into_iter().find(|a| a.code() == code)
    }
}

/// One line of the achievements log: who changed which achievement when, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct AchievementLogEntry {
    pub id: i64,
    pub achievement_id: i64,
    pub at: Timestamp,
    pub author: String,
    pub action: AchievementAction,
    pub before: AchievementInput,
    /// None for a deletion.
    pub after: Option<AchievementInput>,
}

/// The page size a list falls back to, and the most one page may hold.
pub const DEFAULT_PAGE: i64 = 50;
pub const MAX_PAGE: i64 = 1_000;

/// `limit` within 1..=MAX_PAGE (DEFAULT_PAGE when 0 or less) and `offset` not negative.
pub fn page_bounds(limit: i64, offset: i64) -> (i64, i64) {
    let limit = if limit <= 0 { DEFAULT_PAGE } else { limit.min(MAX_PAGE) };
    (limit, offset.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    fn rules(split: bool, industries: &[&str]) -> AchievementRules {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        AchievementRules {
            start: d(10, 1),
            end: d(12, 31),
            metrics: vec![("industry_wins".into(), "行业应用突破".into())],
            split_metrics: if split { vec!["industry_wins".into()] } else { Vec::new() },
            industries: industries.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn input() -> AchievementInput {
        AchievementInput {
            date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
            metric: "industry_wins".into(),
            team_id: Some(TeamId(1)),
            person_id: Some(PersonId(7)),
            quantity: 1,
            amount: Money::ZERO,
            client_id: None,
            industry: None,
            note: String::new(),
        }
    }

    fn fields(r: Result<AchievementInput>) -> Vec<(String, Problem)> {
        match r {
            Err(Error::Validation(e)) => e.into_iter().map(|f| (f.field, f.problem)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    fn in_team(team: i64) -> Named {
        Named {
            team: Some("一组".into()), person: Some(("张三".into(), Some((TeamId(team), format!("T{team}"))))), client_industry: None
        }
    }

    #[test]
    fn a_person_outside_the_named_team_is_refused_naming_both() {
        let got = fields(rules(false, &[]).check(&input(), &in_team(2)));
        assert_eq!(got, [("person_id".into(), Problem::NotInTeam { person: "张三".into(), team: "一组".into() })]);
    }

    #[test]
    fn a_person_alone_brings_their_team() {
        let a = AchievementInput { team_id: None, ..input() };
        let named = Named { team: None, ..in_team(3) };
        let out = rules(false, &[]).check(&a, &named).expect("a person alone is enough");
        assert_eq!(out.team_id, Some(TeamId(3)), "the team is taken from the person");
    }

    #[test]
    fn a_split_metric_needs_a_client_industry_or_a_typed_one() {
        let got = fields(rules(true, &[]).check(&input(), &in_team(1)));
        assert_eq!(got, [("industry".into(), Problem::IndustryNeeded { metric: "行业应用突破".into() })]);
        let typed = AchievementInput { industry: Some(" 金融 ".into()), ..input() };
        assert_eq!(rules(true, &[]).check(&typed, &in_team(1)).expect("typed").industry.as_deref(), Some("金融"));
        let unsplit = rules(false, &[]).check(&input(), &in_team(1));
        assert!(unsplit.is_ok(), "no award splits the metric: no industry needed");
        let client_without = AchievementInput { client_id: Some(ClientId(4)), ..input() };
        let named = Named { client_industry: Some(String::new()), ..in_team(1) };
        assert_eq!(fields(rules(true, &[]).check(&client_without, &named))[0].0, "industry", "a client with no industry is no help");
    }

    #[test]
    fn a_typed_industry_must_agree_with_the_client_and_the_rankings() {
        let a = AchievementInput { client_id: Some(ClientId(4)), industry: Some("教育".into()), ..input() };
        let named = Named { client_industry: Some("金融".into()), ..in_team(1) };
        assert_eq!(fields(rules(true, &[]).check(&a, &named)), [("industry".into(), Problem::IndustryDiffers { client: "金融".into() })]);
        let b = AchievementInput { industry: Some("教育业".into()), ..input() };
        let got = fields(rules(true, &["教育", "金融"]).check(&b, &in_team(1)));
        assert_eq!(got, [("industry".into(), Problem::NotOneOf { allowed: "教育、金融".into() })], "a misspelt industry");
    }

    #[test]
    fn a_date_outside_the_campaign_is_refused() {
        let a = AchievementInput { date: NaiveDate::from_ymd_opt(2026, 9, 30).expect("d"), ..input() };
        assert_eq!(fields(rules(false, &[]).check(&a, &in_team(1)))[0].0, "date");
    }
}
