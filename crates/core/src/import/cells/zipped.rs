//! Zip containers (.xlsx, .ods) read entry by entry with the inflated bytes counted as they
//! come: an entry stops at the size its directory declares and at a cap for its kind, so a
//! bomb or a lying directory is refused after reading at most the cap, never buffered whole.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use zip::ZipArchive;

use super::{cannot_open, damaged, password_protected, Unreadable};

/// Inflated-size caps by what an entry holds. Sheets stream through in bounded memory, so
/// their cap only bounds time; shared strings and small parts are held in memory.
pub(crate) const SHEET_CAP: u64 = 2 << 30;
pub(crate) const STRINGS_CAP: u64 = 512 << 20;
pub(crate) const PART_CAP: u64 = 32 << 20;
/// The longest run of bytes between two markup characters ('<' or '>') that the XML reader
/// will buffer: a cell's text is at most 32,767 characters, ~96 KiB in UTF-8.
const MAX_TOKEN: u64 = 1 << 20;

/// What the counting reader found wrong, kept where the caller can see it after the XML
/// reader turns it into a generic I/O error.
pub(crate) type Breach = Rc<RefCell<Option<Unreadable>>>;

pub(crate) struct Archive {
    zip: ZipArchive<BufReader<File>>,
}

impl Archive {
    pub(crate) fn open(path: &Path) -> Result<Archive, Unreadable> {
        let file = File::open(path).map_err(cannot_open)?;
        let mut head = [0u8; 8];
        let n = (&file).read(&mut head).map_err(cannot_open)?;
        // Excel saves an encrypted workbook as an OLE compound file, not a zip.
        if n == 8 && head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            let cfb = cfb::open(path).map_err(damaged)?;
            return Err(if cfb.exists("/EncryptedPackage") || cfb.exists("/EncryptionInfo") {
                password_protected()
            } else {
                damaged("an old-format workbook saved as .xlsx; save it as .xls or .xlsx")
            });
        }
        let file = File::open(path).map_err(cannot_open)?;
        let mut zip = ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
        // Whatever part a reader later needs, a directory that claims an absurd size is a
        // tampered file: refuse it before inflating anything.
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(damaged)?;
            if entry.size() > SHEET_CAP {
                return Err(inflates_past(entry.name(), SHEET_CAP));
            }
        }
        Ok(Archive { zip })
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The entry `name`, inflated through a counter that stops at its declared size and at
    /// `cap`; None when the archive has no such entry.
    pub(crate) fn entry(&mut self, name: &str, cap: u64, breach: &Breach) -> Result<Option<Bounded<impl Read + '_>>, Unreadable> {
        let Some(index) = self.zip.index_for_name(name) else { return Ok(None) };
        let file = self.zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") || m.contains("assword") => password_protected(),
            e => damaged(e),
        })?;
        let declared = file.size();
        if declared > cap {
            return Err(inflates_past(name, cap));
        }
        Ok(Some(Bounded { inner: file, name: name.to_string(), read: 0, declared, cap, since_mark: 0, breach: breach.clone() }))
    }
}

pub(crate) fn inflates_past(name: &str, cap: u64) -> Unreadable {
    let mib = cap >> 20;
    Unreadable::new(
        format!("文件解压后超过 {mib} MB（{name}），可能已损坏或被篡改，已拒绝"),
        format!("the file inflates past {mib} MB ({name}); it may be damaged or tampered with, refused"),
    )
}

fn lies(name: &str, declared: u64) -> Unreadable {
    Unreadable::new(
        format!("文件解压后超过其声明的大小（{name} 声明 {declared} 字节），可能已损坏或被篡改，已拒绝"),
        format!("the file inflates past its declared size ({name} declares {declared} bytes); it may be damaged or tampered with, refused"),
    )
}

fn token_too_long(name: &str) -> Unreadable {
    Unreadable::new(
        format!("文件中有超过 {} MB 的连续内容（{name}），可能已损坏或被篡改，已拒绝", MAX_TOKEN >> 20),
        format!(
            "the file holds a run of more than {} MB without markup ({name}); it may be damaged or tampered with, refused",
            MAX_TOKEN >> 20
        ),
    )
}

/// Counts inflated bytes and the longest run between markup characters.
pub(crate) struct Bounded<R> {
    inner: R,
    name: String,
    read: u64,
    declared: u64,
    cap: u64,
    since_mark: u64,
    breach: Breach,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let problem = if self.read > self.declared {
            Some(lies(&self.name, self.declared))
        } else if self.read > self.cap {
            Some(inflates_past(&self.name, self.cap))
        } else {
            let chunk = &buf[..n];
            match memchr::memrchr2(b'<', b'>', chunk) {
                Some(last) => {
                    let first = memchr::memchr2(b'<', b'>', chunk).unwrap_or(last);
                    let longest_inside = longest_gap(&chunk[first..=last]);
                    let worst = (self.since_mark + first as u64).max(longest_inside);
                    self.since_mark = (n - last - 1) as u64;
                    (worst > MAX_TOKEN).then(|| token_too_long(&self.name))
                }
                None => {
                    self.since_mark += n as u64;
                    (self.since_mark > MAX_TOKEN).then(|| token_too_long(&self.name))
                }
            }
        };
        if let Some(p) = problem {
            let message = p.en.clone();
            *self.breach.borrow_mut() = Some(p);
            return Err(std::io::Error::other(message));
        }
        Ok(n)
    }
}

/// The longest run without '<' or '>' inside a chunk that starts and ends with one.
fn longest_gap(chunk: &[u8]) -> u64 {
    let mut longest = 0;
    let mut prev = 0;
    for i in memchr::memchr2_iter(b'<', b'>', chunk) {
        longest = longest.max((i - prev) as u64);
        prev = i;
    }
    longest
}
