//! Slowing down password guessing: a login that failed five times within fifteen minutes is
//! refused until the first of those failures is fifteen minutes old, whatever password comes
//! next. Kept in memory: a restart forgets it, which costs a guesser a restart of the server.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rampart_core::error::TeamError;

/// Failed attempts allowed within the window.
pub const ATTEMPTS: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Logins tracked before the ones whose failures are all old are forgotten.
const TRACKED: usize = 10_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

/// The login as the account is looked up: trimmed, case kept (logins may differ by case).
fn key(login: &str) -> String {
    login.trim().to_string()
}

impl LoginThrottle {
    /// Starts an attempt: refuses a login that has used up its attempts, saying in how many
    /// minutes to try again; otherwise counts this attempt as a failure until `succeeded` says
    /// otherwise. Refusing and counting under one lock, before the slow password check, keeps
    /// guesses sent all at once from slipping through together.
    pub fn begin(&self, login: &str, now: Instant) -> Result<(), TeamError> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= TRACKED {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        let times = failures.entry(key(login)).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        if let Some(first) = times.first().filter(|_| times.len() >= ATTEMPTS) {
            let wait = WINDOW.saturating_sub(now.duration_since(*first));
            return Err(TeamError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) });
        }
        times.push(now);
        Ok(())
    }

    /// A right password clears the login's failures.
    pub fn succeeded(&self, login: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&key(login));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_a_login_for_the_rest_of_the_window_and_only_that_login() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        for i in 0..ATTEMPTS as u64 {
            assert!(throttle.begin("planner", at(i * 60)).is_ok(), "attempt {} is still allowed", i + 1);
        }
        let refused = throttle.begin(" planner ", at(5 * 60)).expect_err("the sixth attempt within the window is refused");
        assert_eq!(refused.code(), "too_many_attempts");
        assert_eq!(refused.http_status(), 429);
        assert!(refused.message_zh().contains("10 分钟"), "it says how long to wait: {}", refused.message_zh());
        assert!(throttle.begin("Planner", at(5 * 60)).is_ok(), "another login, differing by case, is not held up");
        assert!(throttle.begin("planner", at(15 * 60 + 1)).is_ok(), "once the first failure is old enough, one more try is allowed");
        assert!(throttle.begin("planner", at(15 * 60 + 2)).is_err(), "and only one: the other four are still recent");
        throttle.succeeded("planner");
        assert!(throttle.begin("planner", at(15 * 60 + 3)).is_ok(), "a right password clears the count");
    }
}
