//! Logging in: Argon2id password hashes (the `argon2` crate's PHC strings), and random session
//! tokens of which the database keeps only a SHA-256, sent back as `Authorization: Bearer`.
//! Local accounts first; a directory (LDAP/AD, OIDC) would be another way to reach `Caller`.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rampart_core::domain::access::Account;
use rampart_core::error::TeamError;
use sha2::{Digest, Sha256};

use crate::http::{blocking, ApiError, AppState};

/// How long a session lasts without logging in again: a working day and a half.
pub const SESSION_SECS: i64 = 36 * 3600;

pub fn hash_password(password: &str) -> Result<String, TeamError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| TeamError::Database(e.to_string()))
}

pub fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The hash an unknown login's password is checked against.
static STAND_IN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Checks a password for a login that may not exist. An unknown login is checked against a
/// stand-in hash, so it takes as long as a wrong password: the answer's timing does not tell
/// which logins exist.
pub fn login_matches(password: &str, hash: Option<&str>) -> bool {
    match hash {
        Some(hash) => password_matches(password, hash),
        None => {
            let stand_in = STAND_IN.get_or_init(|| hash_password("no account has this password").unwrap_or_default());
            let _ = password_matches(password, stand_in);
            false
        }
    }
}

/// A new session token: 32 random bytes as hex.
pub fn new_token() -> Result<String, TeamError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| TeamError::Database(e.to_string()))?;
    Ok(hex(&bytes))
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The account behind a request's session; a request without one is answered 401.
pub struct Caller {
    pub account: Account,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError(TeamError::Unauthenticated))?;
        let hash = token_hash(token);
        let store = state.store.clone();
        let key = hash.clone();
        let account = blocking(move || store.session_account(&key)).await?.ok_or(ApiError(TeamError::Unauthenticated))?;
        Ok(Caller { account, token_hash: hash })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_login_costs_a_full_password_check_and_never_matches() {
        assert!(!login_matches("no account has this password", None), "not even the stand-in's own password logs in");
        let hash = hash_password("geheim123").expect("hash");
        assert!(login_matches("geheim123", Some(&hash)) && !login_matches("geheim124", Some(&hash)));
        let stand_in = STAND_IN.get().expect("an unknown login was checked against the stand-in hash");
        assert!(PasswordHash::new(stand_in).is_ok_and(|h| h.algorithm.as_str() == "argon2id"), "with the same Argon2id work as a real one");
    }

    #[test]
    fn a_hash_accepts_its_password_only() {
        let hash = hash_password("长城2026").expect("hashing works");
        assert!(hash.starts_with("$argon2id$"), "Argon2id PHC string: {hash}");
        assert!(password_matches("长城2026", &hash));
        assert!(!password_matches("长城2027", &hash));
        assert!(!password_matches("长城2026", "not a hash"), "a damaged hash lets no one in");
        assert_ne!(hash_password("长城2026").expect("hashing works"), hash, "each hash has its own salt");
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let (a, b) = (new_token().expect("random"), new_token().expect("random"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
