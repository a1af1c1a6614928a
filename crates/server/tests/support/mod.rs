//! A real server on a throw-away PostgreSQL cluster, and a plain HTTP client to call it.

#![allow(dead_code)]

use chrono::NaiveDate;
use rampart_server::setup::{RunningServer, SAMPLE_PASSWORD};
use serde_json::Value;

/// The day the tests judge lateness on: inside the sample campaign, after its first items fell due.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 20).expect("a real date")
}

pub struct TestServer {
    pub url: String,
    agent: ureq::Agent,
    pub server: RunningServer,
}

impl TestServer {
    /// A sample province of `clients` clients over 20 districts of two account managers each.
    pub fn start(clients: usize) -> TestServer {
        let server = RunningServer::start(clients, 2, Some(today()))
            .expect("a throw-away PostgreSQL cluster starts (postgresql installed by make setup), is migrated and seeded");
        // A fresh connection per request: the server may close one after refusing a request
        // whose body it did not read (a write without a session), and a POST sent on that
        // closed, pooled connection fails as "peer disconnected" instead of being answered.
        let agent = ureq::Agent::config_builder().http_status_as_error(false).max_idle_connections(0).build().into();
        TestServer { url: server.url.clone(), agent, server }
    }

    /// Logs in as one of the sample's accounts and returns the session token.
    pub fn login(&self, login: &str) -> String {
        let (status, body) = self.post(None, "/api/login", &serde_json::json!({"login": login, "password": SAMPLE_PASSWORD}));
        assert_eq!(status, 200, "{login} logs in with the sample password: {body}");
        body["token"].as_str().expect("a token").to_string()
    }

    fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, Value) {
        let mut response = response.expect("the server answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("a readable body");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub fn get(&self, token: Option<&str>, path: &str) -> (u16, Value) {
        let mut request = self.agent.get(format!("{}{path}", self.url));
        if let Some(t) = token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        Self::answer(request.call())
    }

    pub fn post(&self, token: Option<&str>, path: &str, body: &Value) -> (u16, Value) {
        let mut request = self.agent.post(format!("{}{path}", self.url));
        if let Some(t) = token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        Self::answer(request.send_json(body))
    }

    pub fn put(&self, token: Option<&str>, path: &str, body: &Value) -> (u16, Value) {
        let mut request = self.agent.put(format!("{}{path}", self.url));
        if let Some(t) = token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        Self::answer(request.send_json(body))
    }

    /// A GET answered with bytes (an exported workbook).
    pub fn get_bytes(&self, token: &str, path: &str) -> (u16, Vec<u8>) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .expect("the server answers");
        let status = response.status().as_u16();
        (status, response.body_mut().with_config().limit(256 * 1024 * 1024).read_to_vec().expect("a body"))
    }

    /// A POST of bytes (a returned workbook), answered with JSON.
    pub fn post_bytes(&self, token: &str, path: &str, body: &[u8]) -> (u16, Value) {
        let request = self.agent.post(format!("{}{path}", self.url)).header("Authorization", format!("Bearer {token}"));
        Self::answer(request.send(body))
    }

    /// A connection as the cluster's superuser, which row-level security does not limit: to
    /// read what the database really holds.
    pub fn superuser(&self) -> postgres::Client {
        postgres::Client::connect(&self.server.superuser_config(), postgres::NoTls).expect("the superuser connects")
    }
}
