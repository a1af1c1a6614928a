//! A holiday's send list for the operator's SMS platform: xlsx, or csv in GBK or UTF-8. The file
//! appears whole or not at all, and the greetings are recorded as sent only once it is written,
//! in one transaction, so running it again lists only lines not yet greeted.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::domain::care::Greeting;
use crate::domain::ids::CampaignId;
use crate::domain::plan::By;
use crate::error::{Error, FieldError, Problem, Result};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Gbk,
    Utf8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(specta::Type))]
pub struct SendListSummary {
    pub file: String,
    pub greetings: u64,
    /// The batch the greetings were recorded in; none for a preview.
    pub batch: Option<i64>,
}

const HEADERS: [&str; 5] = ["号码", "客户编码", "客户名称", "客户经理", "短信内容"];

fn cells(g: &Greeting) -> [&str; 5] {
    [&g.line, &g.client_code, &g.client, &g.managers, &g.text]
}

/// Writes the send list of `holiday` in `year` to `path` (.xlsx, else csv in `encoding`) and,
/// unless `preview`, records each greeting as sent.
pub fn write_send_list(
    store: &Store,
    campaign: CampaignId,
    (holiday, year): (&str, i32),
    path: &Path,
    encoding: TextEncoding,
    preview: bool,
    by: &By,
) -> Result<SendListSummary> {
    let greetings = store.care().send_list(campaign, holiday, year)?;
    let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let partial = partial_path(path);
    let written = if xlsx { write_xlsx(&partial, &greetings) } else { write_csv(&partial, &greetings, encoding) };
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let batch = if preview {
        None
    } else {
        match store.care().record_sent(holiday, year, &greetings, by) {
            Ok(batch) => Some(batch),
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        }
    };
    std::fs::rename(&partial, path)?;
    Ok(SendListSummary { file: path.display().to_string(), greetings: greetings.len() as u64, batch })
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn write_xlsx(path: &Path, greetings: &[Greeting]) -> Result<()> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("发送清单")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, g) in greetings.iter().enumerate() {
        for (c, v) in cells(g).iter().enumerate() {
            // As text: a number like 0516… keeps its leading zero.
            ws.write_string_with_format(r as u32 + 1, c as u16, *v, &text)?;
        }
    }
    for (c, width) in [16.0, 14.0, 28.0, 16.0, 80.0].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    book.save(path)?;
    Ok(())
}

fn write_csv(path: &Path, greetings: &[Greeting], encoding: TextEncoding) -> Result<()> {
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(HEADERS).map_err(csv_error)?;
    for g in greetings {
        out.write_record(cells(g)).map_err(csv_error)?;
    }
    let text = String::from_utf8(out.into_inner().map_err(|e| csv_error(e.into_error().into()))?)
        .map_err(|e| Error::Io(std::io::Error::other(e)))?;
    let bytes = match encoding {
        TextEncoding::Utf8 => text.into_bytes(),
        TextEncoding::Gbk => gbk(greetings, &text)?,
    };
    let mut file = std::fs::File::create(path)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    Ok(())
}

/// The text in GBK, or the first row and character GBK cannot hold: never replaced.
fn gbk(greetings: &[Greeting], text: &str) -> Result<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    if !unmappable {
        return Ok(bytes.into_owned());
    }
    for (i, g) in greetings.iter().enumerate() {
        for value in cells(g) {
            if let Some(c) = value.chars().find(|c| encoding_rs::GBK.encode(&c.to_string()).2) {
                let problem = Problem::NotEncodable { row: i as u64 + 2, character: c.to_string(), encoding: "GBK".into() };
                return Err(Error::Validation(vec![FieldError::new("encoding", problem)]));
            }
        }
    }
    Err(Error::Validation(vec![FieldError::new(
        "encoding",
        Problem::NotEncodable { row: 1, character: String::new(), encoding: "GBK".into() },
    )]))
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}
