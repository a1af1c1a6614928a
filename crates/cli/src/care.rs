//! `rampart care`: 移动维挽's care calendar — switchboard lines imported, a holiday's send list
//! written (xlsx, or csv in GBK or UTF-8) and recorded so a line never gets a greeting twice,
//! the holidays, templates and "new" window, and what was sent.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use rampart_core::domain::care::{Holiday, Template};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::export::send_list::{write_send_list, TextEncoding};
use rampart_core::import::switchboard_lines::import_lines;
use rampart_core::{Error, FieldError, Problem, Store};

use crate::output::{chinese, print_json, print_text};

#[derive(Subcommand)]
pub enum CareCommand {
    /// Imports switchboard lines (号码, 客户编码, 开通日期, 名称): all or nothing.
    ImportLines {
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        dry_run: bool,
    },
    /// Writes a holiday's send list and records it as sent (.xlsx, else csv).
    SendList {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        /// The holiday's name (春节, 国庆 …).
        #[arg(long)]
        holiday: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// gbk (the usual SMS platform) or utf-8.
        #[arg(long, default_value = "gbk")]
        encoding: String,
        /// Write the list without recording it as sent.
        #[arg(long)]
        preview: bool,
    },
    /// The window, holidays and templates.
    Settings {
        #[arg(long, value_name = "ID")]
        campaign: i64,
    },
    /// Sets how many days after activation a line counts as new.
    Window {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        days: i64,
    },
    /// Adds or moves a holiday's date in its year.
    Holiday {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        /// Remove it instead.
        #[arg(long)]
        remove: bool,
    },
    /// Sets a holiday's greeting ({客户名称} {客户经理} {节日} {号码}); no --holiday: the default.
    Template {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, default_value = "")]
        holiday: String,
        #[arg(long)]
        text: String,
    },
    /// The campaign's switchboard lines (paged).
    Lines {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Greetings sent, latest first (paged).
    Sent {
        #[arg(long, value_name = "ID")]
        campaign: i64,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
}

fn by() -> By {
    By { author: rampart_core::store::os_author("rampart"), at: chrono::Local::now().naive_local() }
}

fn show<T: serde::Serialize>(value: &T, text: String, json: bool) {
    if json {
        print_json(&serde_json::to_value(value).unwrap_or_default());
    } else {
        print_text(&text);
    }
}

pub fn run(store: &Store, command: CareCommand, json: bool) -> Result<(), Error> {
    let zh = chinese();
    match command {
        CareCommand::ImportLines { file, campaign, dry_run } => {
            let report = import_lines(store, &file, CampaignId(campaign), dry_run)?;
            let mut lines = vec![if zh {
                format!(
                    "{}：读取 {} 行，{} 个号码{}",
                    report.file,
                    report.rows,
                    report.written_lines,
                    if report.written { "已写入" } else { "未写入" }
                )
            } else {
                format!(
                    "{}: {} rows read, {} lines {}",
                    report.file,
                    report.rows,
                    report.written_lines,
                    if report.written { "written" } else { "not written" }
                )
            }];
            for p in &report.problems {
                lines.push(format!("  {} {} {:?}: {}", p.line, p.column, p.value, if zh { &p.message_zh } else { &p.message_en }));
            }
            show(&report, lines.join("\n"), json);
            if !report.problems.is_empty() {
                // Bad input, as every refused command: exit 2 once the report is out.
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(2);
            }
        }
        CareCommand::SendList { campaign, holiday, year, out, encoding, preview } => {
            let encoding = match encoding.trim().to_ascii_lowercase().as_str() {
                "gbk" | "gb2312" | "gb18030" => TextEncoding::Gbk,
                "utf-8" | "utf8" => TextEncoding::Utf8,
                _ => return Err(Error::Validation(vec![FieldError::new("encoding", Problem::NotOneOf { allowed: "gbk, utf-8".into() })])),
            };
            let summary = write_send_list(store, CampaignId(campaign), (&holiday, year), &out, encoding, preview, &by())?;
            let text = match (zh, summary.batch) {
                (true, Some(b)) => format!("{}：{} 条祝福，已记为第 {b} 批发送", summary.file, summary.greetings),
                (true, None) => format!("{}：{} 条祝福（预览，未记录）", summary.file, summary.greetings),
                (false, Some(b)) => format!("{}: {} greetings, recorded as batch {b}", summary.file, summary.greetings),
                (false, None) => format!("{}: {} greetings (preview, not recorded)", summary.file, summary.greetings),
            };
            show(&summary, text, json);
        }
        CareCommand::Settings { campaign } => {
            let s = store.care().settings(CampaignId(campaign))?;
            let mut lines = vec![if zh {
                format!("新用户期：开通后 {} 天", s.new_within_days)
            } else {
                format!("New for {} days after activation", s.new_within_days)
            }];
            lines.extend(s.holidays.iter().map(|h| format!("{} {}", h.day, h.name)));
            lines.extend(s.templates.iter().map(|t| {
                format!(
                    "[{}] {}",
                    if t.holiday.is_empty() {
                        if zh {
                            "默认"
                        } else {
                            "default"
                        }
                    } else {
                        &t.holiday
                    },
                    t.text
                )
            }));
            show(&s, lines.join("\n"), json);
        }
        CareCommand::Window { campaign, days } => {
            let mut s = store.care().settings(CampaignId(campaign))?;
            s.new_within_days = days;
            let s = store.care().set_settings(CampaignId(campaign), &s, &by())?;
            show(&s, format!("{}", s.new_within_days), json);
        }
        CareCommand::Holiday { campaign, name, date, remove } => {
            let mut s = store.care().settings(CampaignId(campaign))?;
            s.holidays.retain(|h| !(h.name == name.trim() && chrono::Datelike::year(&h.day) == chrono::Datelike::year(&date)));
            if !remove {
                s.holidays.push(Holiday { name: name.trim().into(), day: date });
            }
            let s = store.care().set_settings(CampaignId(campaign), &s, &by())?;
            show(&s, s.holidays.iter().map(|h| format!("{} {}", h.day, h.name)).collect::<Vec<_>>().join("\n"), json);
        }
        CareCommand::Template { campaign, holiday, text } => {
            let mut s = store.care().settings(CampaignId(campaign))?;
            s.templates.retain(|t| t.holiday != holiday.trim());
            s.templates.push(Template { holiday: holiday.trim().into(), text });
            let s = store.care().set_settings(CampaignId(campaign), &s, &by())?;
            show(&s, s.templates.iter().map(|t| format!("[{}] {}", t.holiday, t.text)).collect::<Vec<_>>().join("\n"), json);
        }
        CareCommand::Lines { campaign, limit, offset } => {
            let page = store.care().lines(CampaignId(campaign), limit, offset)?;
            let mut lines =
                vec![if zh { format!("共 {} 个总机号码", page.total) } else { format!("{} switchboard lines", page.total) }];
            lines.extend(
                page.rows.iter().map(|l| format!("{} · {} {} · {} · {}", l.line, l.client_code, l.client, l.manager, l.activated_on)),
            );
            show(&serde_json::json!({ "total": page.total, "rows": page.rows }), lines.join("\n"), json);
        }
        CareCommand::Sent { campaign, limit, offset } => {
            let page = store.care().sent(CampaignId(campaign), limit, offset)?;
            let mut lines = vec![if zh { format!("共发送 {} 条", page.total) } else { format!("{} greetings sent", page.total) }];
            lines.extend(
                page.rows.iter().map(|g| format!("{} {} {}{} · {} · #{}", g.sent_at, g.line, g.year, g.holiday, g.sent_by, g.batch)),
            );
            show(&serde_json::json!({ "total": page.total, "rows": page.rows }), lines.join("\n"), json);
        }
    }
    Ok(())
}
