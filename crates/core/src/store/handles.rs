//! Each aggregate's reads and writes live on a handle borrowed from the store
//! (`store.plans().get(id, today)`), so `Store` itself only owns the connection: opening,
//! transactions, the write wait and error naming. A handle derefs to its store so its SQL
//! reaches the connection and the transaction helpers exactly as the store's own code does.

use super::Store;

macro_rules! handles {
    ($($(#[$doc:meta])* $name:ident => $accessor:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy)]
            pub struct $name<'s> {
                pub(super) store: &'s Store,
            }

            impl std::ops::Deref for $name<'_> {
                type Target = Store;
                fn deref(&self) -> &Store {
                    self.store
                }
            }
        )*

        impl Store {
            $(
                $(#[$doc])*
                pub fn $accessor(&self) -> $name<'_> {
                    $name { store: self }
                }
            )*
        }
    };
}

handles! {
    /// Campaigns, their targets and summaries.
    Campaigns => campaigns;
    /// Clients and their contracts.
    Clients => clients;
    /// Retention plans, their items and history.
    Plans => plans;
    /// Churn warnings, their workflow and the campaign's threshold.
    Warnings => warnings;
    /// Awards and their standings.
    Awards => awards;
    /// Achievements and the metrics they count.
    Achievements => achievements;
    /// Subsidy figures and rate overrides.
    Subsidies => subsidies;
    /// Subsidy rule sets and scenarios.
    RuleSets => rule_sets;
    /// What the tracker workbook exports and reads back.
    Tracker => tracker;
    /// Stored settings: key/value pairs, the import mapping, the tracker secret.
    Settings => settings;
    /// Import batches: recording and undoing them.
    Imports => imports;
    /// Teams and people.
    Org => org;
    /// Changes of clients' key people.
    KeyPeople => key_people;
    /// Billing snapshots.
    Snapshots => snapshots;
    /// Goals, the strategy skeleton, their KPIs and what the KPIs come to.
    Kpis => kpis;
    /// Star service standards per service tier.
    ServiceStandards => service_standards;
    /// Fibre preparation for high-risk targets (strategy 4).
    Fibre => fibre;
    /// Clients' contacts and key persons, with their history.
    Contacts => contacts;
    /// Visits: the schedule per tier, visits asked for, visits recorded.
    Visits => visits;
    /// The green channel: the service calendar and key clients' requests.
    GreenChannel => green_channel;
    /// The care calendar: holidays, templates, switchboard lines and greetings sent.
    Care => care;
    /// Loyalty points: the scheme, members' data, computed periods, redemptions.
    Points => points;
    /// The campaign's progress on a day: the dashboard and the weekly report.
    Dashboards => dashboards;
}
