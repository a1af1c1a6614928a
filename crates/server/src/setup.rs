//! Bringing a team database up: roles and database in a local cluster, migrations as the
//! owner, the sample province, and serving on a socket.

use chrono::NaiveDate;
use rampart_core::error::TeamError;
use rampart_core::store::pg::{migrate, seed_sample, PgStore, SampleProvince, SampleSummary};

use crate::auth::hash_password;
use crate::cluster::{LocalCluster, APP_ROLE, OWNER_ROLE};
use crate::http::AppState;

/// Every sample account's password (sample only: a real province sets its own).
pub const SAMPLE_PASSWORD: &str = "rampart2026";
/// The sample campaign's first day.
pub const SAMPLE_START: (i32, u32, u32) = (2026, 9, 1);

/// Creates `dbname` in the cluster if needed and migrates it; returns the connection strings
/// of the owner and of the application's account.
pub fn prepare(cluster: &LocalCluster, dbname: &str) -> Result<(String, String), TeamError> {
    cluster.create_database(dbname)?;
    let owner = cluster.config(OWNER_ROLE, dbname);
    migrate(&owner)?;
    Ok((owner, cluster.config(APP_ROLE, dbname)))
}

/// The sample province: 20 districts of `managers` account managers each, and `clients` clients.
pub fn seed(store: &PgStore, clients: usize, managers: usize) -> Result<SampleSummary, TeamError> {
    let starts_on = NaiveDate::from_ymd_opt(SAMPLE_START.0, SAMPLE_START.1, SAMPLE_START.2).unwrap_or_default();
    let sample = SampleProvince {
        districts: 20,
        managers_per_district: managers,
        clients,
        password_hash: hash_password(SAMPLE_PASSWORD)?,
        starts_on,
    };
    seed_sample(store, &sample)
}

/// Serves until the listener fails or Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, crate::router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
