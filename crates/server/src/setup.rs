//! Bringing a team database up: roles and database in a local cluster, migrations as the
//! owner, the sample province, and serving on a socket.

use chrono::NaiveDate;
use rampart_core::error::TeamError;
use rampart_core::store::pg::{migrate, refresh_statistics, seed_sample, PgStore, SampleProvince, SampleSummary};

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
pub fn seed(store: &PgStore, owner_config: &str, clients: usize, managers: usize) -> Result<SampleSummary, TeamError> {
    let starts_on = NaiveDate::from_ymd_opt(SAMPLE_START.0, SAMPLE_START.1, SAMPLE_START.2).unwrap_or_default();
    let sample = SampleProvince {
        districts: 20,
        managers_per_district: managers,
        clients,
        password_hash: hash_password(SAMPLE_PASSWORD)?,
        starts_on,
    };
    let summary = seed_sample(store, &sample)?;
    if summary.seeded_now {
        refresh_statistics(owner_config)?;
    }
    Ok(summary)
}

/// Serves until the listener fails, Ctrl-C or SIGTERM; then returns, so the caller can stop
/// its local cluster too.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    axum::serve(listener, crate::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        })
        .await
}

/// A server on a sample province in a throw-away cluster, on a free loopback port: for tests
/// (here and in the CLI's) and the load bench.
pub struct RunningServer {
    pub url: String,
    /// Dropped first: the server stops before its database does.
    runtime: tokio::runtime::Runtime,
    /// The pool's last handle, dropped after the runtime: the synchronous client cannot close
    /// its connections on one of tokio's threads.
    store: PgStore,
    pub owner_config: String,
    pub app_config: String,
    pub cluster: LocalCluster,
}

impl RunningServer {
    /// `managers` account managers in each of the 20 districts; `today` fixes the day rules
    /// are judged on (None: the clock's).
    pub fn start(clients: usize, managers: usize, today: Option<NaiveDate>) -> Result<RunningServer, Box<dyn std::error::Error>> {
        let cluster = LocalCluster::temporary()?;
        let (owner_config, app_config) = prepare(&cluster, "rampart")?;
        let store = PgStore::connect(&app_config, 16)?;
        seed(&store, &owner_config, clients, managers)?;
        let runtime = tokio::runtime::Runtime::new()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = AppState::new(store.clone(), today);
        let app = crate::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        runtime.spawn(async move { axum::serve(listener, app).await });
        Ok(RunningServer { url, runtime, store, owner_config, app_config, cluster })
    }

    /// The cluster's superuser, whom row-level security does not limit: to see what is stored.
    pub fn superuser_config(&self) -> String {
        self.cluster.config("postgres", "rampart")
    }

    pub fn store(&self) -> &PgStore {
        &self.store
    }

    pub fn runtime(&self) -> &tokio::runtime::Runtime {
        &self.runtime
    }
}
