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

/// Logins differ only by case and surrounding space count as one.
fn key(login: &str) -> String {
    login.trim().to_lowercase()
}

impl LoginThrottle {
    /// Refuses a login that has used up its attempts, saying in how many minutes to try again.
    pub fn check(&self, login: &str, now: Instant) -> Result<(), TeamError> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = failures.get(&key(login)) else { return Ok(()) };
        let recent: Vec<&Instant> = times.iter().filter(|t| now.duration_since(**t) < WINDOW).collect();
        match recent.first() {
            Some(first) if recent.len() >= ATTEMPTS => {
                let wait = WINDOW.saturating_sub(now.duration_since(**first));
                Err(TeamError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) })
            }
            _ => Ok(()),
        }
    }

    pub fn failed(&self, login: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= TRACKED {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        let times = failures.entry(key(login)).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        times.push(now);
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
            assert!(throttle.check("planner", at(i * 60)).is_ok(), "attempt {} is still allowed", i + 1);
            throttle.failed("planner", at(i * 60));
        }
        let refused = throttle.check(" Planner ", at(5 * 60)).expect_err("the sixth attempt within the window is refused");
        assert_eq!(refused.code(), "too_many_attempts");
        assert_eq!(refused.http_status(), 429);
        assert!(refused.message_zh().contains("10 分钟"), "it says how long to wait: {}", refused.message_zh());
        assert!(throttle.check("viewer", at(5 * 60)).is_ok(), "another login is not held up");
        assert!(throttle.check("planner", at(15 * 60 + 1)).is_ok(), "once the first failure is old enough, one more try is allowed");
        throttle.succeeded("planner");
        assert!(throttle.check("planner", at(5 * 60)).is_ok(), "a right password clears the count");
    }
}
