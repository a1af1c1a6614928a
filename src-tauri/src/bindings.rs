//! The IPC contract as TypeScript: the command functions and every type that crosses to the UI,
//! generated into ui/src/bindings.ts from `command_list!`. `make bindings` rewrites the file; a
//! test fails while the committed one differs from what the Rust side would write.

use rampart_core::error::{ErrorCode, ErrorReport};
use tauri::Runtime;
use tauri_specta::{Builder, Commands, ErrorHandlingMode};

pub fn builder<R: Runtime>(commands: Commands<R>) -> Builder<R> {
    Builder::new()
        .commands(commands)
        // A command rejects with an ErrorReport; ui/src/api.ts turns it into an ApiError.
        .error_handling(ErrorHandlingMode::Throw)
        // serde sends i64 as a JSON number, and so the UI has always read ids, fen and basis
        // points: all far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type, as pages use them; a `#[serde(default)]` field shows
        // as optional (a sender may leave it out), which api.ts tightens where the core always sends it.
        .disable_serde_phases()
        .typ::<ErrorReport>()
        .typ::<ErrorCode>()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    use specta_typescript::Typescript;

    use super::*;

    fn ui_file(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src").join(name)
    }

    /// What the Rust side would write today.
    pub fn typescript() -> String {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bindings.ts");
        let header = "// Generated from the Rust commands and types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.";
        builder::<tauri::Wry>(command_list!(tauri::Wry)).export(Typescript::default().header(header), &path).expect("bindings export");
        std::fs::read_to_string(&path).expect("bindings written")
    }

    /// Whether the committed file at `path` holds `fresh`. With `RAMPART_WRITE_GENERATED=1`
    /// (what `make bindings` sets) it writes `fresh` there instead.
    pub fn committed_or_written(path: &std::path::Path, fresh: &str) -> bool {
        if std::env::var_os("RAMPART_WRITE_GENERATED").is_some() {
            std::fs::write(path, fresh).expect("write generated file");
            return true;
        }
        std::fs::read_to_string(path).is_ok_and(|committed| committed == fresh)
    }

    #[test]
    fn generated_bindings_match_the_committed_file() {
        assert!(
            committed_or_written(&ui_file("bindings.ts"), &typescript()),
            "ui/src/bindings.ts is stale: the Rust commands or types changed. Run `make bindings` and commit the result."
        );
    }

    /// The IPC names of the commands in `command_list!`, read from the generated bindings.
    fn listed_commands() -> Vec<String> {
        let bindings = typescript();
        let mut names: Vec<String> = bindings
            .lines()
            .filter_map(|line| {
                let call = &line[line.find("__TAURI_INVOKE<")?..];
                let name = &call[call.find(">(\"")? + 3..];
                Some(name[..name.find('"')?].to_string())
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn build_rs_and_the_capabilities_grant_exactly_the_listed_commands() {
        let listed = listed_commands();
        assert_eq!(listed.len(), 191, "every command of command_list! appears in the bindings once");

        // build.rs generates an `allow-*` permission for each name in COMMANDS.
        let build_rs = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("build.rs")).expect("build.rs");
        let list = &build_rs[build_rs.find("const COMMANDS").expect("COMMANDS in build.rs")..];
        let list = &list[..list.find("];").expect("end of COMMANDS")];
        let mut in_build_rs: Vec<String> = list.split('"').skip(1).step_by(2).map(str::to_string).collect();
        in_build_rs.sort();
        assert_eq!(in_build_rs, listed, "build.rs's COMMANDS must name exactly the commands in command_list! (src-tauri/src/lib.rs)");

        let capabilities =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json")).expect("capabilities");
        let capabilities: serde_json::Value = serde_json::from_str(&capabilities).expect("capabilities are JSON");
        let mut granted: Vec<String> = capabilities["permissions"]
            .as_array()
            .expect("a permission list")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
            .collect();
        granted.sort();
        assert_eq!(
            granted, listed,
            "capabilities/default.json must allow exactly the commands in command_list!, so none is unreachable or left open"
        );
    }
}
