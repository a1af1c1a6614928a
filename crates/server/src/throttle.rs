//! Slowing down password guessing: a login that failed five times within fifteen minutes from
//! one address is refused there until the first of those failures is fifteen minutes old,
//! whatever password comes next. Counting per address keeps a stranger from locking a planner
//! out by guessing at their login; a login also has a larger allowance across all addresses, so
//! guesses spread over many machines are held up too. Kept in memory: a restart forgets it,
//! which costs a guesser a restart of the server.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rampart_core::error::TeamError;

/// Failed attempts allowed within the window, from one address and from all together.
pub const ATTEMPTS: usize = 5;
pub const ATTEMPTS_EVERYWHERE: usize = 25;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Logins tracked before the ones whose failures are all old are forgotten.
const TRACKED: usize = 10_000;

/// A login from one address, or from any (None).
type Key = (String, Option<IpAddr>);

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<Key, Vec<Instant>>>,
}

/// The login as the account is looked up (trimmed, case kept: logins may differ by case), from
/// its address and from any.
fn keys(login: &str, from: Option<IpAddr>) -> [Key; 2] {
    let login = login.trim().to_string();
    // Without a known address (a test calling the router directly) both counts are the one.
    let from = from.or(Some(IpAddr::from([0, 0, 0, 0])));
    [(login.clone(), from), (login, None)]
}

impl LoginThrottle {
    /// Starts an attempt: refuses a login that has used up its attempts, saying in how many
    /// minutes to try again; otherwise counts this attempt as a failure until `succeeded` says
    /// otherwise. Refusing and counting under one lock, before the slow password check, keeps
    /// guesses sent all at once from slipping through together.
    pub fn begin(&self, login: &str, from: Option<IpAddr>, now: Instant) -> Result<(), TeamError> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= TRACKED {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        let keys = keys(login, from);
        for (key, allowed) in keys.iter().zip([ATTEMPTS, ATTEMPTS_EVERYWHERE]) {
            let times = failures.entry(key.clone()).or_default();
            times.retain(|t| now.duration_since(*t) < WINDOW);
            if let Some(first) = times.first().filter(|_| times.len() >= allowed) {
                let wait = WINDOW.saturating_sub(now.duration_since(*first));
                return Err(TeamError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) });
            }
        }
        for key in keys {
            failures.entry(key).or_default().push(now);
        }
        Ok(())
    }

    /// A right password clears the failures counted from its address, and takes its attempt
    /// off the count across addresses.
    pub fn succeeded(&self, login: &str, from: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let [here, everywhere] = keys(login, from);
        failures.remove(&here);
        if let Some(times) = failures.get_mut(&everywhere) {
            times.pop();
        }
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
        let here = Some(IpAddr::from([10, 0, 0, 7]));
        for i in 0..ATTEMPTS as u64 {
            assert!(throttle.begin("planner", here, at(i * 60)).is_ok(), "attempt {} is still allowed", i + 1);
        }
        let refused = throttle.begin(" planner ", here, at(5 * 60)).expect_err("the sixth attempt within the window is refused");
        assert_eq!(refused.code(), "too_many_attempts");
        assert_eq!(refused.http_status(), 429);
        assert!(refused.message_zh().contains("10 分钟"), "it says how long to wait: {}", refused.message_zh());
        assert!(throttle.begin("Planner", here, at(5 * 60)).is_ok(), "another login, differing by case, is not held up");
        assert!(throttle.begin("planner", here, at(15 * 60 + 1)).is_ok(), "once the first failure is old enough, one more try is allowed");
        assert!(throttle.begin("planner", here, at(15 * 60 + 2)).is_err(), "and only one: the other four are still recent");
        throttle.succeeded("planner", here);
        assert!(throttle.begin("planner", here, at(15 * 60 + 3)).is_ok(), "a right password clears the count");
    }

    #[test]
    fn a_stranger_guessing_cannot_lock_the_planner_out_but_guesses_from_many_places_are_held_up() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let (stranger, planner) = (Some(IpAddr::from([203, 0, 113, 9])), Some(IpAddr::from([10, 0, 0, 7])));
        for _ in 0..ATTEMPTS {
            throttle.begin("planner", stranger, now).expect("the stranger's first guesses are let through");
        }
        assert!(throttle.begin("planner", stranger, now).is_err(), "the stranger is held up");
        assert!(throttle.begin("planner", planner, now).is_ok(), "the planner, elsewhere, can still log in");
        throttle.succeeded("planner", planner);
        let refused = (0..=ATTEMPTS_EVERYWHERE as u8)
            .map(|i| throttle.begin("planner", Some(IpAddr::from([198, 51, 100, i])), now))
            .position(|r| r.is_err())
            .expect("guesses from many addresses are stopped too");
        assert_eq!(refused, ATTEMPTS_EVERYWHERE - ATTEMPTS, "the allowance across addresses counts every failure, the stranger's included");
    }
}
