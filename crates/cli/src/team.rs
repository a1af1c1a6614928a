//! `rampart --server URL …`: the usual commands against a team server instead of a local file.
//! `login` keeps the session token (never a password) in the user's config folder, per server.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use rampart_core::domain::team::query_value;
use serde_json::{json, Value};

use super::output::{chinese, print_json, print_text};
use super::{AccountsCommand, CampaignsCommand, ClientsCommand, Command, ExportCommand, TrackerCommand, WarningsCommand};

/// The most rows the server gives in one call; longer lists are fetched page by page.
const PAGE: i64 = 1000;

struct Failure {
    code: String,
    zh: String,
    en: String,
    report: Value,
    user: bool,
}

impl Failure {
    fn local(code: &str, zh: String, en: String) -> Failure {
        Failure { code: code.into(), report: json!({"code": code, "message_zh": zh, "message_en": en}), zh, en, user: true }
    }
}

fn sessions_file() -> PathBuf {
    dirs::config_dir().unwrap_or_else(std::env::temp_dir).join("rampart").join("team-sessions.json")
}

fn sessions() -> BTreeMap<String, Value> {
    std::fs::read_to_string(sessions_file()).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

fn save_sessions(all: &BTreeMap<String, Value>) -> Result<(), Failure> {
    let path = sessions_file();
    let write = || -> std::io::Result<()> {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // A token is as good as a password while it lasts: for this user's eyes only.
        let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&path)?;
        file.write_all(serde_json::to_string_pretty(all).unwrap_or_default().as_bytes())
    };
    write().map_err(|e| {
        Failure::local(
            "io",
            format!("无法保存登录信息 {}：{e}", path.display()),
            format!("cannot keep the session in {}: {e}", path.display()),
        )
    })
}

struct Server {
    base: String,
    agent: ureq::Agent,
    token: Option<String>,
}

impl Server {
    fn new(url: &str) -> Server {
        let base = url.trim_end_matches('/').to_string();
        let token = sessions().get(&base).and_then(|s| s["token"].as_str().map(str::to_owned));
        Server { base, agent: ureq::Agent::config_builder().http_status_as_error(false).build().into(), token }
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Failure> {
        let url = format!("{}{path}", self.base);
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let response = match (method, body) {
            ("GET", _) => {
                let mut r = self.agent.get(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (m, body) => {
                let mut r = if m == "PUT" { self.agent.put(&url) } else { self.agent.post(&url) };
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.send_json(body.cloned().unwrap_or(json!({})))
            }
        };
        let mut response = response.map_err(|e| Failure {
            user: false,
            ..Failure::local(
                "unreachable",
                format!("无法连接团队服务器 {}：{e}", self.base),
                format!("cannot reach the team server at {}: {e}", self.base),
            )
        })?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if status < 300 {
            return Ok(value);
        }
        Err(Self::refusal(status, &value.to_string()))
    }

    /// Bytes from the server (an exported workbook).
    fn download(&self, path: &str) -> Result<Vec<u8>, Failure> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let mut response = request.call().map_err(|e| self.unreachable(&e.to_string()))?;
        let status = response.status().as_u16();
        if status >= 300 {
            let text = response.body_mut().read_to_string().unwrap_or_default();
            return Err(Self::refusal(status, &text));
        }
        response.body_mut().with_config().limit(1 << 30).read_to_vec().map_err(|e| self.unreachable(&e.to_string()))
    }

    /// Bytes to the server (a returned workbook), answered with JSON.
    fn upload(&self, path: &str, bytes: &[u8]) -> Result<Value, Failure> {
        let mut request = self.agent.post(format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let mut response = request.send(bytes).map_err(|e| self.unreachable(&e.to_string()))?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        if status >= 300 {
            return Err(Self::refusal(status, &text));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    fn unreachable(&self, detail: &str) -> Failure {
        Failure {
            user: false,
            ..Failure::local(
                "unreachable",
                format!("无法连接团队服务器 {}：{detail}", self.base),
                format!("cannot reach the team server at {}: {detail}", self.base),
            )
        }
    }

    fn refusal(status: u16, text: &str) -> Failure {
        let value: Value = serde_json::from_str(text).unwrap_or(Value::String(text.to_string()));
        let field = |k: &str| value[k].as_str().unwrap_or_default().to_string();
        Failure { code: field("code"), zh: field("message_zh"), en: field("message_en"), report: value, user: status < 500 }
    }

    /// Every row of a paged list from `offset`, `limit` rows at most (None: all), printed as they come.
    fn pages(&self, path: &str, offset: i64, limit: Option<i64>, json: bool, line: impl Fn(&Value) -> String) -> Result<(), Failure> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let (mut shown, mut all) = (0i64, Vec::new());
        loop {
            let want = limit.map_or(PAGE, |l| (l - shown).min(PAGE));
            if want <= 0 {
                break;
            }
            let page = self.call("GET", &format!("{path}{sep}offset={}&limit={want}", offset + shown), None)?;
            let rows = page["rows"].as_array().cloned().unwrap_or_default();
            if shown == 0 && !json {
                let total = page["total"].as_i64().unwrap_or(0);
                print_text(&if chinese() {
                    format!("# 共 {total} 条，从第 {} 条起", offset + 1)
                } else {
                    format!("# {total} in all, from number {}", offset + 1)
                });
            }
            shown += rows.len() as i64;
            let done = (rows.len() as i64) < want;
            for row in rows {
                if json {
                    all.push(row);
                } else {
                    print_text(&line(&row));
                }
            }
            if done {
                break;
            }
        }
        if json {
            print_json(&Value::Array(all));
        }
        Ok(())
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

fn limit_of(limit: &str) -> Option<i64> {
    limit.trim().parse().ok()
}

/// Runs `command` against the server at `url`.
pub fn run(url: &str, command: Command, json: bool) -> ExitCode {
    match dispatch(&Server::new(url), command, json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if json {
                eprintln!("{}", serde_json::to_string_pretty(&f.report).unwrap_or_default());
            } else if chinese() {
                eprintln!("错误：{}", if f.zh.is_empty() { &f.code } else { &f.zh });
            } else {
                eprintln!("error: {}", if f.en.is_empty() { &f.code } else { &f.en });
            }
            // A stale write: what is there now, to decide again on.
            let current = &f.report["current"];
            if !json && current.is_object() {
                let label = if chinese() { "当前" } else { "now" };
                eprintln!(
                    "{label}: {}\t{}\t{}\tv{}",
                    text(&current["id"]),
                    text(&current["title"].as_str().map_or(current["client"].clone(), |_| current["title"].clone())),
                    text(&current["status"]),
                    text(&current["version"])
                );
            }
            ExitCode::from(if f.user { 2 } else { 1 })
        }
    }
}

/// The account's password: from $RAMPART_PASSWORD, or asked.
fn password() -> Result<String, Failure> {
    secret("RAMPART_PASSWORD", "密码：", "Password: ")
}

/// A new password: from $RAMPART_NEW_PASSWORD, or asked.
fn new_password() -> Result<String, Failure> {
    secret("RAMPART_NEW_PASSWORD", "新密码：", "New password: ")
}

/// A secret from the environment, or asked without echo at a terminal, or read as one line.
fn secret(variable: &str, zh: &str, en: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var(variable) {
        return Ok(p);
    }
    let read = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(if chinese() { zh } else { en })
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line.trim_end_matches(['\r', '\n']).to_string())
    };
    read.map_err(|e| Failure::local("io", format!("无法读取密码：{e}"), format!("cannot read the password: {e}")))
}

fn dispatch(server: &Server, command: Command, json: bool) -> Result<(), Failure> {
    let out = |value: Value, line: &dyn Fn(&Value) -> String| {
        if json {
            print_json(&value);
        } else if let Value::Array(rows) = &value {
            rows.iter().for_each(|r| print_text(&line(r)));
        } else {
            print_text(&line(&value));
        }
    };
    match command {
        Command::Login { user } => {
            let answer = server.call("POST", "/api/login", Some(&json!({"login": user, "password": password()?})))?;
            let mut all = sessions();
            all.insert(server.base.clone(), json!({"login": user, "token": answer["token"]}));
            save_sessions(&all)?;
            let a = &answer["account"];
            out(a.clone(), &|a| format!("{}\t{}\t{}\t{}", text(&a["login"]), text(&a["name"]), text(&a["role"]), text(&a["district"])));
        }
        Command::Logout => {
            if server.token.is_some() {
                // Ended here even if the server has already forgotten it.
                let _ = server.call("POST", "/api/logout", None);
            }
            let mut all = sessions();
            all.remove(&server.base);
            save_sessions(&all)?;
        }
        Command::Campaigns { command: CampaignsCommand::List } => {
            let list = server.call("GET", "/api/campaigns", None)?;
            out(list, &|c| format!("{}\t{}\t{} – {}", text(&c["id"]), text(&c["name"]), text(&c["starts_on"]), text(&c["ends_on"])));
        }
        Command::Clients { command: ClientsCommand::List { campaign: Some(campaign), search, limit, offset } } => {
            let search = search.unwrap_or_default();
            let path = format!("/api/campaigns/{campaign}/clients?text={}", query_value(&search));
            server.pages(&path, offset.max(0), limit_of(&limit), json, |c| {
                format!("{}\t{}\t{}\t{}", text(&c["code"]), text(&c["name"]), text(&c["district"]), text(&c["manager"]))
            })?;
        }
        Command::Plans { campaign, .. } => {
            server.pages(&format!("/api/campaigns/{campaign}/plan-items"), 0, None, json, |i| {
                let late = if i["late"] == true { "\tlate" } else { "" };
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\tv{}{late}",
                    text(&i["id"]),
                    text(&i["client_code"]),
                    text(&i["client"]),
                    text(&i["title"]),
                    text(&i["owner"]),
                    text(&i["due"]),
                    text(&i["status"]),
                    text(&i["version"])
                )
            })?;
        }
        Command::ItemStatus { id, status, done_on, reason, version } => {
            let version = match version {
                Some(v) => v,
                None => server.call("GET", &format!("/api/plan-items/{id}"), None)?["version"].as_i64().unwrap_or(0),
            };
            let body = json!({"version": version, "status": status, "done_on": done_on, "blocked_reason": reason});
            let item = server.call("PUT", &format!("/api/plan-items/{id}/status"), Some(&body))?;
            out(item, &|i| format!("{}\t{}\t{}\tv{}", text(&i["id"]), text(&i["title"]), text(&i["status"]), text(&i["version"])));
        }
        Command::Warnings { campaign: Some(campaign), status, command: None, .. } => {
            let open = status.as_deref() == Some("open");
            server.pages(&format!("/api/campaigns/{campaign}/warnings?open={open}"), 0, None, json, |w| {
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\tv{}",
                    text(&w["id"]),
                    text(&w["client_code"]),
                    text(&w["client"]),
                    text(&w["reason"]),
                    text(&w["status"]),
                    text(&w["raised_on"]),
                    text(&w["version"])
                )
            })?;
        }
        Command::Warnings { command: Some(WarningsCommand::SetStatus { id, status, note }), .. } => {
            // The version the change is based on: the warning as read a moment ago.
            let version = server.call("GET", &format!("/api/warnings/{id}"), None)?["version"].as_i64().unwrap_or(0);
            let w = server.call("PUT", &format!("/api/warnings/{id}/status"), Some(&json!({"version": version, "status": status, "note": note})))?;
            out(w, &|w| format!("{}\t{}\t{}\tv{}", text(&w["id"]), text(&w["client"]), text(&w["status"]), text(&w["version"])));
        }
        Command::Standings { campaign, .. } => {
            let list = server.call("GET", &format!("/api/campaigns/{campaign}/standings"), None)?;
            out(list, &|s| {
                let pct = s["done_bp"].as_i64().unwrap_or(0);
                format!("{}\t{}\t{}/{}\t{}.{:02}%\t{}", text(&s["rank"]), text(&s["district"]), text(&s["done"]), text(&s["items"]), pct / 100, pct % 100, text(&s["late"]))
            });
        }
        Command::Audit { entity, entity_id, offset, limit } => {
            let mut path = "/api/audit".to_string();
            if let (Some(e), Some(id)) = (&entity, entity_id) {
                path = format!("{path}?entity={}&entity_id={id}", query_value(e));
            }
            server.pages(&path, offset.max(0), Some(limit), json, |a| {
                format!(
                    "{}\t{}\t{}\t{} {}\t{} → {}",
                    text(&a["at"]),
                    text(&a["account"]),
                    text(&a["action"]),
                    text(&a["entity"]),
                    text(&a["entity_id"]),
                    text(&a["before"]["status"]),
                    text(&a["after"]["status"])
                )
            })?;
        }
        Command::Accounts { command: AccountsCommand::List } => {
            let list = server.call("GET", "/api/accounts", None)?;
            out(list, &|a| format!("{}\t{}\t{}\t{}", text(&a["login"]), text(&a["name"]), text(&a["role"]), text(&a["district"])));
        }
        Command::Accounts { command: AccountsCommand::Add { login, name, role, district } } => {
            let district_id = match district {
                None => None,
                Some(wanted) => {
                    let all = server.call("GET", "/api/districts", None)?;
                    let found = all.as_array().and_then(|l| l.iter().find(|d| d["name"].as_str() == Some(wanted.trim()))).and_then(|d| d["id"].as_i64());
                    Some(found.ok_or_else(|| Failure::local("not_found", format!("找不到区县：{wanted}"), format!("no district named {wanted}")))?)
                }
            };
            let body = json!({"login": login, "name": name, "role": role, "district_id": district_id, "password": new_password()?});
            let added = server.call("POST", "/api/accounts", Some(&body))?;
            out(added, &|a| format!("{}\t{}\t{}\t{}", text(&a["login"]), text(&a["name"]), text(&a["role"]), text(&a["district"])));
        }
        Command::Accounts { command: AccountsCommand::Deactivate { login } } => {
            let changed = server.call("PUT", &format!("/api/accounts/{}/active", query_value(&login)), Some(&json!({"active": false})))?;
            out(changed, &|a| format!("{}\t{}", text(&a["login"]), if chinese() { "已停用" } else { "ended" }));
        }
        Command::Accounts { command: AccountsCommand::Reactivate { login } } => {
            let changed = server.call("PUT", &format!("/api/accounts/{}/active", query_value(&login)), Some(&json!({"active": true})))?;
            out(changed, &|a| format!("{}\t{}", text(&a["login"]), if chinese() { "已恢复" } else { "active again" }));
        }
        Command::Accounts { command: AccountsCommand::ResetPassword { login } } => {
            let body = json!({"password": new_password()?});
            let done = server.call("PUT", &format!("/api/accounts/{}/password", query_value(&login)), Some(&body))?;
            out(done, &|_| if chinese() { format!("{login} 的密码已重设") } else { format!("password of {login} set") });
        }
        Command::Accounts { command: AccountsCommand::Password } => {
            let body = json!({"current": password()?, "password": new_password()?});
            let done = server.call("PUT", "/api/me/password", Some(&body))?;
            out(done, &|_| if chinese() { "密码已修改".to_string() } else { "password changed".to_string() });
        }
        Command::Export { command: ExportCommand::Tracker { campaign, out, english, .. } } => {
            let bytes = server.download(&format!("/api/campaigns/{campaign}/tracker?lang={}", if english { "en" } else { "zh-CN" }))?;
            std::fs::write(&out, &bytes).map_err(|e| Failure::local("io", format!("无法写入 {}：{e}", out.display()), format!("cannot write {}: {e}", out.display())))?;
            out_path(&out, json);
        }
        Command::Tracker { command: TrackerCommand::Apply { files, dry_run } } => {
            let mut refused = false;
            for file in files {
                let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                let bytes = std::fs::read(&file).map_err(|e| Failure::local("io", format!("无法读取 {}：{e}", file.display()), format!("cannot read {}: {e}", file.display())))?;
                let report = server.upload(&format!("/api/tracker?dry_run={dry_run}&file={}", query_value(&name)), &bytes)?;
                refused |= report["problems"].as_array().is_some_and(|p| !p.is_empty()) || report["conflicts"].as_array().is_some_and(|c| !c.is_empty());
                print_tracker_report(&name, &report, json);
            }
            if refused {
                return Err(Failure::local("tracker_refused", "跟踪表有问题或冲突，未写入任何内容".into(), "the tracker has problems or conflicts; nothing was written".into()));
            }
        }
        _ => {
            return Err(Failure::local(
                "local_only",
                "这个命令目前只能用于本地数据库文件（去掉 --server）；团队服务器支持：login、logout、campaigns list、clients list --campaign、plans、item-status、warnings、standings、audit、export tracker、tracker apply、accounts".into(),
                "this command works on a local database file only for now (leave out --server); the team server takes: login, logout, campaigns list, clients list --campaign, plans, item-status, warnings, standings, audit, export tracker, tracker apply, accounts".into(),
            ))
        }
    }
    Ok(())
}

fn out_path(path: &std::path::Path, json: bool) {
    if json {
        print_json(&json!({ "file": path.display().to_string() }));
    } else {
        print_text(&path.display().to_string());
    }
}

fn print_tracker_report(file: &str, report: &Value, json: bool) {
    if json {
        print_json(&json!({ "file": file, "report": report }));
        return;
    }
    let zh = chinese();
    let n = |k: &str| report[k].as_i64().unwrap_or(0);
    print_text(&if zh {
        format!(
            "{file}：{} 项更改，{} 项未变{}",
            n("applied"),
            n("unchanged"),
            if report["written"] == true { "，已写入" } else { "，未写入" }
        )
    } else {
        format!(
            "{file}: {} changes, {} unchanged{}",
            n("applied"),
            n("unchanged"),
            if report["written"] == true { ", written" } else { ", nothing written" }
        )
    });
    for p in report["problems"].as_array().into_iter().flatten() {
        let message = if zh { &p["message_zh"] } else { &p["message_en"] };
        print_text(&format!("  {} {}{}: {}", text(&p["sheet"]), text(&p["column"]), text(&p["row"]), text(message)));
    }
    for c in report["conflicts"].as_array().into_iter().flatten() {
        let label = if zh { "已被他人修改，当前" } else { "changed by someone else; now" };
        print_text(&format!(
            "  {} {}: {label} {} v{}",
            text(&c["row"]),
            text(&c["current"]["title"]),
            text(&c["current"]["status"]),
            text(&c["current"]["version"])
        ));
    }
}
