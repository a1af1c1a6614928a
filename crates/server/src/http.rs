//! What every route shares: the state, errors as JSON with a stable code, and running the
//! blocking store off the async threads.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use rampart_core::error::TeamError;
use rampart_core::store::pg::PgStore;

#[derive(Clone)]
pub struct AppState {
    pub store: PgStore,
    /// A fixed "today" (tests, the sample); None reads the server's date at each request.
    pub today: Option<NaiveDate>,
    /// Failed logins lately, shared by every request.
    pub throttle: std::sync::Arc<crate::throttle::LoginThrottle>,
}

impl AppState {
    pub fn new(store: PgStore, today: Option<NaiveDate>) -> AppState {
        AppState { store, today, throttle: Default::default() }
    }

    /// The day rules are judged on: read here, at the edge, and passed in as a value.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// A [`TeamError`] as an HTTP answer: its status, and its report (code, both messages,
/// fields, the current value of a stale write) as the body.
#[derive(Debug)]
pub struct ApiError(pub TeamError);

impl From<TeamError> for ApiError {
    fn from(e: TeamError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            eprintln!("rampart-server: {}", self.0);
        }
        (status, Json(self.0.to_report())).into_response()
    }
}

pub type ApiResult<T> = Result<Json<T>, ApiError>;

/// Runs a store call on tokio's blocking threads: the PostgreSQL client and its pool block.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, TeamError> + Send + 'static) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(ApiError),
        Err(e) => Err(ApiError(TeamError::Database(format!("the request stopped: {e}")))),
    }
}

/// [`blocking`], answered as JSON.
pub async fn json<T: Send + 'static>(f: impl FnOnce() -> Result<T, TeamError> + Send + 'static) -> ApiResult<T> {
    blocking(f).await.map(Json)
}
