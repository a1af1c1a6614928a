//! `rampart-server`: team mode's server. `rampart-server dev` is what `make server` runs.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rampart_core::store::pg::{migrate, PgStore};
use rampart_server::cluster::LocalCluster;
use rampart_server::setup::{prepare, seed, serve, SAMPLE_PASSWORD};
use rampart_server::AppState;

#[derive(Parser)]
#[command(
    name = "rampart-server",
    version,
    about = "Rampart team mode: one PostgreSQL-backed server for a province's planners, districts and account managers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API on an existing database, connecting as the application's account.
    Serve {
        /// libpq connection string for the application's account (rampart_app).
        #[arg(long, env = "RAMPART_SERVER_DB")]
        db: String,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Database connections the server keeps.
        #[arg(long, default_value_t = 16)]
        pool: u32,
    },
    /// Bring the schema up to date, connecting as its owner (rampart_owner).
    Migrate {
        #[arg(long, env = "RAMPART_SERVER_OWNER_DB")]
        owner_db: String,
    },
    /// A local PostgreSQL in a folder with the sample province, and the server on it.
    Dev {
        #[arg(long, default_value = "target/team-db")]
        dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Clients in the sample province (seeded once, into an empty database).
        #[arg(long, default_value_t = 2_000)]
        clients: usize,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rampart-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Migrate { owner_db } => {
            let ran = migrate(&owner_db)?;
            println!("{ran} migration(s) applied");
            Ok(())
        }
        Command::Serve { db, listen, pool } => {
            let store = PgStore::connect(&db, pool)?;
            run_server(&listen, AppState::new(store, None))
        }
        Command::Dev { dir, listen, clients } => {
            let cluster = LocalCluster::open(&dir)?;
            let (owner, app) = prepare(&cluster, "rampart")?;
            let store = PgStore::connect(&app, 16)?;
            let summary = seed(&store, &owner, clients, 25)?;
            println!(
                "sample province: {} districts, {} accounts, {} clients (campaign {}); log in as admin, planner, dp01 or am0101 with password {SAMPLE_PASSWORD}",
                summary.districts, summary.accounts, summary.clients, summary.campaign_id
            );
            let served = run_server(&listen, AppState::new(store, None));
            drop(cluster);
            served
        }
    }
}

fn run_server(listen: &str, state: AppState) -> Result<(), Box<dyn std::error::Error>> {
    // Outlives the runtime: the pool's connections must not be closed on one of tokio's threads.
    let _store = state.store.clone();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        println!("rampart-server listening on http://{}", listener.local_addr()?);
        serve(listener, state).await?;
        Ok(())
    })
}
