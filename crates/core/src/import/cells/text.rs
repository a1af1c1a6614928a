//! CSV and text files: UTF-8 (with or without BOM), GB18030/GBK as Chinese Excel saves "CSV",
//! and UTF-16 with BOM as it saves "Unicode 文本 (*.txt)" (tab-separated). Decoding is strict:
//! a byte sequence that is invalid in the file's encoding, or a file that mixes two encodings,
//! is refused with its line, never turned into replacement characters. A record is bounded
//! before the CSV parser buffers it.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use super::{cannot_open, too_long, too_wide, Cell, Flow, RowSink, Unreadable, MAX_CELL_CHARS, MAX_COLUMNS};

/// The longest record (or line) read: far above any real client row (512 columns of short
/// values), far below what would hurt.
pub(crate) const MAX_RECORD_BYTES: usize = 4 << 20;

type Breach = Rc<RefCell<Option<Unreadable>>>;

pub(super) fn read(path: &Path, row: &mut RowSink<'_>) -> Result<(), Unreadable> {
    let breach: Breach = Rc::default();
    let mut file = File::open(path).map_err(cannot_open)?;
    let wide = wide_bom(&mut file)?;
    let decoded: Box<dyn Read> = match wide {
        Some(encoding) => Box::new(Wide::new(file, encoding, &breach)),
        None => Box::new(Lines::new(file, &breach)),
    };
    let mut source =
        BufReader::with_capacity(64 << 10, Bounded { inner: decoded, line: 1, start: 1, quoted: false, record: 0, breach: breach.clone() });
    let delimiter = sniff(&mut source, &breach)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(source);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() > MAX_COLUMNS {
                    return Err(too_wide(line));
                }
                // A cell's characters are at most its bytes: only a long one is counted.
                if record.iter().any(|f| f.len() > MAX_CELL_CHARS && f.chars().count() > MAX_CELL_CHARS) {
                    return Err(too_long(line));
                }
                let values = record.iter().map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect();
                if let Flow::Stop = row(line, values) {
                    return Ok(());
                }
            }
            Err(e) => {
                if let Some(found) = breach.borrow_mut().take() {
                    return Err(found);
                }
                let line = e.position().map_or(0, |p| p.line());
                return Err(Unreadable::new(format!("第 {line} 行无法解析：{e}"), format!("line {line} cannot be parsed: {e}")));
            }
        }
    }
}

/// Tab-separated when the first line has more tabs than commas (Excel's text exports).
fn sniff(source: &mut impl BufRead, breach: &Breach) -> Result<u8, Unreadable> {
    let head = match source.fill_buf() {
        Ok(head) => head,
        Err(e) => return Err(breach.borrow_mut().take().unwrap_or_else(|| cannot_open(e))),
    };
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first.iter().filter(|&&b| b == c).count();
    Ok(if count(b'\t') > count(b',') { b'\t' } else { b',' })
}

/// The file's encoding when its BOM says UTF-16 (Excel's "Unicode 文本"); None otherwise, and
/// the file is read from its start either way.
fn wide_bom(file: &mut File) -> Result<Option<&'static Encoding>, Unreadable> {
    let mut head = [0u8; 3];
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]).map_err(cannot_open)? {
            0 => break,
            n => filled += n,
        }
    }
    file.seek(SeekFrom::Start(0)).map_err(cannot_open)?;
    Ok(Encoding::for_bom(&head[..filled]).map(|(encoding, _)| encoding).filter(|e| *e != UTF_8))
}

/// A line in one encoding after lines in another: the file was most likely pasted together
/// from two. `odd` is the line that breaks with the encoding of line `usual` before it.
fn mixed(odd: u64, usual: u64, odd_name: &str, usual_name: &str) -> Unreadable {
    Unreadable::new(
        format!(
            "第 {odd} 行的文字编码（{odd_name}）与前面的行（如第 {usual} 行，{usual_name}）不同，文件可能由两个文件拼接而成。请用 Excel 打开，另存为“CSV UTF-8（逗号分隔）”后再导入"
        ),
        format!(
            "line {odd} is in a different text encoding ({odd_name}) from the lines before it (e.g. line {usual}, {usual_name}); the file may have been pasted together from two. Open it in Excel, save as \"CSV UTF-8 (Comma delimited)\", and import again"
        ),
    )
}

/// Reads one raw line (with its '\n') into `line`, refusing one longer than the record limit
/// before buffering more of it. False at the end of the file.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>, number: u64) -> Result<bool, Unreadable> {
    line.clear();
    loop {
        let chunk = reader.fill_buf().map_err(cannot_open)?;
        if chunk.is_empty() {
            return Ok(!line.is_empty());
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if line.len() + take > MAX_RECORD_BYTES {
            return Err(record_too_long(number));
        }
        line.extend_from_slice(&chunk[..take]);
        reader.consume(take);
        if done {
            return Ok(true);
        }
    }
}

fn record_too_long(line: u64) -> Unreadable {
    let mib = MAX_RECORD_BYTES >> 20;
    Unreadable::new(
        format!("第 {line} 行（一条记录）超过 {mib} MB，不像客户清单，可能已损坏，已拒绝"),
        format!("line {line} (one record) is over {mib} MB; this is not a client list and may be damaged, refused"),
    )
}

fn invalid(line: u64, encoding: &str) -> Unreadable {
    Unreadable::new(
        format!("第 {line} 行含有不是 {encoding} 编码的字节，文件可能混用了编码或已损坏，请另存为 UTF-8 后再导入"),
        format!("line {line} holds bytes that are not valid {encoding}; the file may mix encodings or be damaged; save it as UTF-8 and import again"),
    )
}

fn fail(breach: &Breach, problem: Unreadable) -> std::io::Error {
    let message = problem.en.clone();
    *breach.borrow_mut() = Some(problem);
    std::io::Error::other(message)
}

/// UTF-8 or GB18030 text, line by line, in one pass. The first line that is not plain ASCII
/// decides the file's encoding: UTF-8 when it is valid UTF-8, else GB18030 (Chinese Excel's
/// "CSV"). UTF-8 lines pass through checked, GB18030 lines are decoded strictly, and a later
/// line in the other encoding is refused, naming both lines.
struct Lines {
    reader: BufReader<File>,
    /// The encoding decided, and the line that decided it.
    decided: Option<(Text, u64)>,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    number: u64,
    breach: Breach,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    Utf8,
    Gb18030,
}

impl Lines {
    fn new(file: File, breach: &Breach) -> Self {
        Lines {
            reader: BufReader::with_capacity(64 << 10, file),
            decided: None,
            raw: Vec::new(),
            out: Vec::new(),
            at: 0,
            number: 0,
            breach: breach.clone(),
        }
    }

    fn refill(&mut self) -> std::io::Result<bool> {
        self.number += 1;
        if !read_line(&mut self.reader, &mut self.raw, self.number).map_err(|p| fail(&self.breach, p))? {
            return Ok(false);
        }
        if self.number == 1 && self.raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.raw.drain(..3);
        }
        self.out.clear();
        self.at = 0;
        if self.raw.is_ascii() {
            // The same in either encoding.
            std::mem::swap(&mut self.out, &mut self.raw);
            return Ok(true);
        }
        let utf8 = std::str::from_utf8(&self.raw).is_ok();
        let (text, first) = *self.decided.get_or_insert((if utf8 { Text::Utf8 } else { Text::Gb18030 }, self.number));
        match (text, utf8) {
            (Text::Utf8, true) => std::mem::swap(&mut self.out, &mut self.raw),
            (Text::Utf8, false) => return Err(fail(&self.breach, mixed(self.number, first, "GBK", "UTF-8"))),
            (Text::Gb18030, true) => return Err(fail(&self.breach, mixed(self.number, first, "UTF-8", "GBK"))),
            (Text::Gb18030, false) => match GB18030.decode_without_bom_handling_and_without_replacement(&self.raw) {
                Some(text) => self.out.extend_from_slice(text.as_bytes()),
                None => return Err(fail(&self.breach, invalid(self.number, "GBK/GB18030"))),
            },
        }
        Ok(true)
    }
}

impl Read for Lines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// UTF-16 (with BOM), decoded strictly in chunks.
struct Wide {
    file: File,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    out_len: usize,
    at: usize,
    ended: bool,
    newlines: u64,
    name: &'static str,
    breach: Breach,
}

impl Wide {
    fn new(file: File, encoding: &'static Encoding, breach: &Breach) -> Self {
        let name = if encoding == UTF_16LE {
            "UTF-16LE"
        } else if encoding == UTF_16BE {
            "UTF-16BE"
        } else {
            encoding.name()
        };
        let decoder = encoding.new_decoder_with_bom_removal();
        let raw = vec![0; 64 << 10];
        let out = vec![0; decoder.max_utf8_buffer_length_without_replacement(raw.len()).unwrap_or(256 << 10)];
        Wide { file, decoder, raw, out, out_len: 0, at: 0, ended: false, newlines: 0, name, breach: breach.clone() }
    }
}

impl Read for Wide {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.out_len {
            if self.ended {
                return Ok(0);
            }
            let n = self.file.read(&mut self.raw)?;
            self.ended = n == 0;
            let (result, _, written) = self.decoder.decode_to_utf8_without_replacement(&self.raw[..n], &mut self.out, self.ended);
            let newlines = memchr::memchr_iter(b'\n', &self.out[..written]).count() as u64;
            if let DecoderResult::Malformed(_, _) = result {
                return Err(fail(&self.breach, invalid(self.newlines + newlines + 1, self.name)));
            }
            self.newlines += newlines;
            self.at = 0;
            self.out_len = written;
        }
        let n = buf.len().min(self.out_len - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Bounds each CSV record (quoted newlines included) before the parser buffers it.
struct Bounded {
    inner: Box<dyn Read>,
    line: u64,
    start: u64,
    quoted: bool,
    record: usize,
    breach: Breach,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let data = &buf[..n];
        // Only quotes and line ends change the state: jump from one to the next.
        let mut from = 0;
        for at in memchr::memchr2_iter(b'"', b'\n', data) {
            self.record += at - from;
            from = at + 1;
            if data[at] == b'"' {
                self.quoted = !self.quoted;
            } else {
                self.line += 1;
                if !self.quoted {
                    self.check_record()?;
                    self.record = 0;
                    self.start = self.line;
                    continue;
                }
            }
            self.record += 1;
        }
        self.record += n - from;
        self.check_record()?;
        Ok(n)
    }
}

impl Bounded {
    fn check_record(&self) -> std::io::Result<()> {
        if self.record > MAX_RECORD_BYTES {
            return Err(fail(&self.breach, record_too_long(self.start)));
        }
        Ok(())
    }
}
