//! Team mode's server: the same rampart-core over PostgreSQL, the only writer, for a province's
//! planners, district teams and account managers. See the README's "Team mode".

pub mod auth;
pub mod cluster;
pub mod http;
pub mod routes;
pub mod setup;
pub mod throttle;

pub use http::AppState;
pub use routes::router;
