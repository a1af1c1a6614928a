//! `rampart teams …`, `rampart people …` and `rampart clients reassign`: parse names, call core,
//! print. Names resolve exactly; a mistyped one is an error naming it, with the closest existing
//! name as a hint.

use clap::{Args, Subcommand};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::org::{closest_name, PersonInput, PersonSummary, Reassignment, Role, TeamSummary};
use rampart_core::domain::plan::By;
use rampart_core::domain::{Category, ClientQuery, Person, Team, Tier};
use rampart_core::{Error, FieldError, Problem, Store};
use serde_json::json;

#[derive(Subcommand)]
pub enum TeamsCommand {
    /// Teams with their people and clients.
    List,
    /// A new team.
    Create { name: String },
    /// Rename a team; another team's name is refused.
    Rename {
        name: String,
        #[arg(long, value_name = "NEW")]
        to: String,
    },
    /// Merge team FROM into TO: its clients, people, campaigns, achievements and award targets
    /// move to TO, and FROM is removed.
    Merge {
        from: String,
        #[arg(long, value_name = "TO")]
        into: String,
    },
}

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// People with their team, role and clients; also lists likely duplicates.
    List {
        /// Only this team's people.
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
    },
    /// A new person.
    Create {
        name: String,
        #[arg(long, value_name = "NAME")]
        team: Option<String>,
        /// account_manager (客户经理), team_member (团队成员) or vip_account_manager (VIP客户经理).
        #[arg(long, default_value = "account_manager")]
        role: String,
    },
    /// Merge person FROM (a duplicate) into TO: clients, plan items, warnings, plan
    /// memberships, achievements and award targets move to TO, and FROM is removed.
    Merge {
        from: String,
        #[arg(long, value_name = "TO")]
        into: String,
    },
}

/// `clients reassign`: which clients, and their new account manager.
#[derive(Args)]
pub struct ReassignArgs {
    /// The new account manager (an active 客户经理 or VIP客户经理).
    #[arg(long, value_name = "NAME")]
    to: String,
    /// All clients of this account manager.
    #[arg(long, value_name = "NAME")]
    manager: Option<String>,
    /// Only this campaign's targets.
    #[arg(long, value_name = "ID")]
    campaign: Option<i64>,
    /// Only this team's clients.
    #[arg(long, value_name = "NAME")]
    team: Option<String>,
    /// Only clients whose code or name contains this text.
    #[arg(long)]
    search: Option<String>,
    /// Only this category (strategic, local_key, campus, sme, or its Chinese name).
    #[arg(long)]
    category: Option<String>,
    /// Only this tier (A, B, C).
    #[arg(long)]
    tier: Option<String>,
    /// Show what would move, writing nothing.
    #[arg(long)]
    dry_run: bool,
}

fn by() -> By {
    By { author: rampart_core::store::os_author("rampart"), at: chrono::Local::now().naive_local() }
}

/// Prints a line; a closed pipe ends output quietly.
fn say(text: &str) {
    use std::io::Write as _;
    if writeln!(std::io::stdout().lock(), "{text}").is_err() {
        std::process::exit(0);
    }
}

fn print_json(value: &serde_json::Value) {
    say(&serde_json::to_string_pretty(value).unwrap_or_default());
}

/// A "did you mean" line for a name that matched nothing, on stderr, unless output is JSON.
fn hint<'a>(name: &str, names: impl IntoIterator<Item = &'a str>, json: bool) {
    if let (Some(near), false) = (closest_name(name, names), json) {
        eprintln!("hint: did you mean {near:?}? / 是否指 {near}？");
    }
}

pub fn team(store: &Store, name: &str, json: bool) -> Result<Team, Error> {
    store.org().team_named(name).inspect_err(|_| {
        let teams = store.org().teams().unwrap_or_default();
        hint(name, teams.iter().map(|t| t.name.as_str()), json);
    })
}

pub fn person(store: &Store, name: &str, json: bool) -> Result<Person, Error> {
    store.org().person_named(name).inspect_err(|_| {
        let people = store.org().people().unwrap_or_default();
        hint(name, people.iter().map(|p| p.name.as_str()), json);
    })
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::AccountManager => "客户经理",
        Role::TeamMember => "团队成员",
        Role::VipAccountManager => "VIP客户经理",
    }
}

fn parse_role(text: &str) -> Result<Role, Error> {
    Role::ALL.into_iter().find(|r| r.code() == text || role_label(*r) == text).ok_or_else(|| {
        let allowed = Role::ALL.map(|r| r.code()).join(", ");
        Error::Validation(vec![FieldError::new("role", Problem::NotOneOf { allowed })])
    })
}

fn print_teams(teams: &[TeamSummary], json: bool) {
    if json {
        print_json(&serde_json::to_value(teams).unwrap_or_default());
        return;
    }
    say(&format!("{:<6} {:<20} {:>6} {:>8} {}", "id", "name", "people", "clients", "active"));
    for t in teams {
        say(&format!("{:<6} {:<20} {:>6} {:>8} {}", t.id, t.name, t.people, t.clients, if t.active { "yes" } else { "no" }));
    }
}

pub fn teams(store: &Store, command: TeamsCommand, json: bool) -> Result<(), Error> {
    match command {
        TeamsCommand::List => print_teams(&store.org().team_summaries()?, json),
        TeamsCommand::Create { name } => {
            let id = store.org().create_team(&name, &by())?;
            let created: Vec<TeamSummary> = store.org().team_summaries()?.into_iter().filter(|t| t.id == id).collect();
            print_teams(&created, json);
        }
        TeamsCommand::Rename { name, to } => {
            let renamed = store.org().rename_team(team(store, &name, json)?.id, &to, &by())?;
            if json {
                print_json(&serde_json::to_value(&renamed).unwrap_or_default());
            } else {
                say(&format!("{name} → {}", renamed.name));
            }
        }
        TeamsCommand::Merge { from, into } => {
            let (source, target) = (team(store, &from, json)?, team(store, &into, json)?);
            let moved = store.org().merge_teams(source.id, target.id, &by())?;
            if json {
                print_json(&json!({ "from": source.name, "into": target.name, "moved": moved }));
            } else {
                say(&format!(
                    "merged {} into {}: {} clients, {} people, {} campaigns, {} achievements, {} award targets",
                    source.name, target.name, moved.clients, moved.people, moved.campaigns, moved.achievements, moved.award_targets
                ));
            }
        }
    }
    Ok(())
}

fn print_people(people: &[PersonSummary], json: bool) {
    if json {
        print_json(&serde_json::to_value(people).unwrap_or_default());
        return;
    }
    say(&format!("{:<6} {:<12} {:<12} {:<12} {:>8} {}", "id", "name", "team", "role", "clients", "active"));
    for p in people {
        let team = p.team.as_deref().unwrap_or("-");
        let active = if p.active { "yes" } else { "no" };
        say(&format!("{:<6} {:<12} {:<12} {:<12} {:>8} {active}", p.id, p.name, team, role_label(p.role), p.clients));
    }
}

pub fn people(store: &Store, command: PeopleCommand, json: bool) -> Result<(), Error> {
    match command {
        PeopleCommand::List { team: name } => {
            let team_id = name.map(|n| team(store, &n, json)).transpose()?.map(|t| t.id);
            let people = store.org().person_summaries(team_id)?;
            if json {
                print_json(&json!({ "people": people, "likely_duplicates": store.org().duplicates()? }));
                return Ok(());
            }
            print_people(&people, false);
            for d in store.org().duplicates()? {
                say(&format!("likely duplicate: {:?} → {:?} (rampart people merge {:?} --into {:?})", d.from, d.into, d.from, d.into));
            }
        }
        PeopleCommand::Create { name, team: team_name, role } => {
            let role = parse_role(&role)?;
            let team_id = team_name.map(|n| team(store, &n, json)).transpose()?.map(|t| t.id);
            let id = store.org().create_person(&PersonInput { name, team_id, role, active: true }, &by())?;
            let created: Vec<PersonSummary> = store.org().person_summaries(None)?.into_iter().filter(|p| p.id == id).collect();
            print_people(&created, json);
        }
        PeopleCommand::Merge { from, into } => {
            let (source, target) = (person(store, &from, json)?, person(store, &into, json)?);
            let moved = store.org().merge_people(source.id, target.id, &by())?;
            if json {
                print_json(&json!({ "from": source.name, "into": target.name, "moved": moved }));
            } else {
                say(&format!(
                    "merged {} into {}: {} clients, {} plan items, {} warnings, {} plans, {} achievements, {} award targets",
                    source.name,
                    target.name,
                    moved.clients,
                    moved.plan_items,
                    moved.warnings,
                    moved.plans,
                    moved.achievements,
                    moved.award_targets
                ));
            }
        }
    }
    Ok(())
}

fn parse_category(text: &str) -> Result<Category, Error> {
    Category::ALL
        .iter()
        .copied()
        .find(|c| c.code() == text || c.label_zh() == text)
        .ok_or_else(|| Error::Validation(vec![FieldError::new("category", Problem::NotOneOf { allowed: Category::codes() })]))
}

fn parse_tier(text: &str) -> Result<Tier, Error> {
    Tier::ALL
        .iter()
        .copied()
        .find(|t| t.code().eq_ignore_ascii_case(text) || t.label_zh() == text)
        .ok_or_else(|| Error::Validation(vec![FieldError::new("tier", Problem::NotOneOf { allowed: Tier::codes() })]))
}

pub fn reassign(store: &Store, args: ReassignArgs, json: bool) -> Result<(), Error> {
    let to = person(store, &args.to, json)?;
    let query = ClientQuery {
        campaign_id: args.campaign.map(CampaignId),
        search: args.search,
        category: args.category.as_deref().map(parse_category).transpose()?,
        tier: args.tier.as_deref().map(parse_tier).transpose()?,
        team_id: args.team.map(|n| team(store, &n, json)).transpose()?.map(|t| t.id),
        account_manager_id: args.manager.map(|n| person(store, &n, json)).transpose()?.map(|p| p.id),
        ..Default::default()
    };
    if query == ClientQuery::default() {
        // Without a filter the action would take every client in the file: almost never meant.
        return Err(Error::Validation(vec![FieldError::new("manager", Problem::Required)]));
    }
    let result = if args.dry_run { store.org().reassign_preview(&query, to.id)? } else { store.org().reassign(&query, to.id, &by())? };
    print_reassignment(&result, args.dry_run, json);
    Ok(())
}

fn print_reassignment(r: &Reassignment, dry_run: bool, json: bool) {
    if json {
        print_json(&json!({ "dry_run": dry_run, "reassignment": r }));
        return;
    }
    let verb = if dry_run { "would move" } else { "moved" };
    say(&format!(
        "{:<12} {:>8} {:>11} {:>14} {:>13} {:>16}",
        "from", "clients", "open items", "open warnings", "done (stay)", "closed (stay)"
    ));
    for g in &r.groups {
        say(&format!(
            "{:<12} {:>8} {:>11} {:>14} {:>13} {:>16}",
            g.from.as_deref().unwrap_or("-"),
            g.clients,
            g.open_items,
            g.open_warnings,
            g.closed_items,
            g.closed_warnings
        ));
    }
    say(&format!(
        "{verb} to {}: {} clients, {} open plan items, {} open warnings; {} done items and {} closed warnings stay; {} already {}'s",
        r.to, r.clients, r.open_items, r.open_warnings, r.closed_items, r.closed_warnings, r.unchanged, r.to
    ));
}
