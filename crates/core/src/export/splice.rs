//! Puts rows streamed by `row_stream` into a workbook rust_xlsxwriter saved with those sheets'
//! header, settings and totals only. Every other part is copied as it was compressed; a spliced
//! sheet is its saved start, the rows' deflate stream as it is, and its saved end, so nothing is
//! compressed twice.
//!
//! The zip is written here because the `zip` crate (8.x) cannot add data compressed elsewhere
//! without its unsafe calls; its reader reads the saved workbook.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::Path;

use flate2::FlushCompress;
use zip::{CompressionMethod, ZipArchive};

use super::row_stream::{Deflate, Segment};
use crate::error::{Error, Result};

/// The rows of one worksheet (0-based position in the workbook), and the style each column's
/// cells were given, which the saved sheet's column formats must match.
pub(crate) struct SheetRows {
    pub sheet: usize,
    pub segment: Segment,
    pub styles: Vec<u32>,
}

/// Writes `book` with `rows` spliced in to `out`.
pub(crate) fn splice(book: File, out: &Path, rows: Vec<SheetRows>) -> Result<()> {
    let mut by_part: HashMap<String, SheetRows> =
        rows.into_iter().map(|r| (format!("xl/worksheets/sheet{}.xml", r.sheet + 1), r)).collect();
    let mut archive = ZipArchive::new(book).map_err(io::Error::other)?;
    let mut zip = ZipOut::new(BufWriter::with_capacity(1 << 20, File::create(out)?));
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i).map_err(io::Error::other)?.name().to_string();
        match by_part.remove(&name) {
            Some(rows) => {
                let mut xml = String::new();
                archive.by_index(i).map_err(io::Error::other)?.read_to_string(&mut xml)?;
                zip.spliced(&name, &xml, rows)?;
            }
            None => {
                let mut entry = archive.by_index_raw(i).map_err(io::Error::other)?;
                let method = match entry.compression() {
                    CompressionMethod::Stored => 0,
                    CompressionMethod::Deflated => 8,
                    other => return Err(internal(format!("{name} is compressed as {other:?}"))),
                };
                let sizes = Sizes { crc: entry.crc32(), compressed: entry.compressed_size(), len: entry.size() };
                zip.entry(&name, method, sizes, |w| io::copy(&mut entry, w).map(drop))?;
            }
        }
    }
    if let Some(part) = by_part.keys().next() {
        return Err(internal(format!("{part} is not in the saved workbook")));
    }
    zip.finish()?.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(())
}

fn internal(what: String) -> Error {
    Error::Io(io::Error::other(format!("tracker workbook: {what}")))
}

/// The sheet's XML before the first data row (after its header row) and from it on, with the
/// dimension stretched to cover `last_row`.
fn split_sheet(xml: &str, last_row: u32) -> Result<(String, &str)> {
    let data = xml.find("<sheetData>").ok_or_else(|| internal("a sheet without data".into()))?;
    let header_end = xml[data..].find("</row>").map(|at| data + at + "</row>".len());
    let at = header_end.ok_or_else(|| internal("a sheet without its header row".into()))?;
    let mut before = xml[..at].to_string();
    if let Some(start) = before.find("<dimension ref=\"") {
        let from = start + "<dimension ref=\"".len();
        if let Some(len) = before[from..].find('"') {
            let old = &before[from..from + len];
            let (first, last) = old.split_once(':').unwrap_or((old, old));
            let column: String = last.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            let row: u32 = last[column.len()..].parse().unwrap_or(1);
            let new = format!("{first}:{column}{}", row.max(last_row));
            before.replace_range(from..from + len, &new);
        }
    }
    Ok((before, &xml[at..]))
}

/// Each `<col>`'s style by column (0-based), as the saved sheet declares them.
fn column_styles(xml: &str) -> Result<Vec<(u32, u32)>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut styles = Vec::new();
    loop {
        match reader.read_event().map_err(|e| internal(e.to_string()))? {
            quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) if e.name().as_ref() == b"col" => {
                let (mut min, mut max, mut style) = (0u32, 0u32, 0u32);
                for a in e.attributes().flatten() {
                    let value: u32 = std::str::from_utf8(&a.value).ok().and_then(|v| v.parse().ok()).unwrap_or(0);
                    match a.key.as_ref() {
                        b"min" => min = value,
                        b"max" => max = value,
                        b"style" => style = value,
                        _ => {}
                    }
                }
                styles.extend((min.max(1)..=max).map(|c| (c - 1, style)));
            }
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"sheetData" => return Ok(styles),
            quick_xml::events::Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

struct Sizes {
    crc: u32,
    compressed: u64,
    len: u64,
}

/// Where an entry's local header sits, for the central directory.
struct Written {
    name: String,
    method: u16,
    sizes: Sizes,
    offset: u64,
}

const ZIP64_LIMIT: u64 = 0xFFFF_FFFF;
/// 1980-01-01 00:00, as rust_xlsxwriter dates its parts.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

struct ZipOut<W: Write> {
    out: W,
    at: u64,
    written: Vec<Written>,
    /// Every entry as ZIP64, to test that form on small files.
    force_zip64: bool,
}

impl<W: Write> ZipOut<W> {
    fn new(out: W) -> ZipOut<W> {
        ZipOut { out, at: 0, written: Vec::new(), force_zip64: false }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    fn large(&self, sizes: &Sizes) -> bool {
        self.force_zip64 || sizes.len >= ZIP64_LIMIT || sizes.compressed >= ZIP64_LIMIT
    }

    /// One entry of known sizes; `body` writes exactly `sizes.compressed` bytes.
    fn entry(&mut self, name: &str, method: u16, sizes: Sizes, body: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
        let offset = self.at;
        let large = self.large(&sizes);
        let mut header = Vec::with_capacity(64 + name.len());
        header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header.extend_from_slice(&(if large { 45u16 } else { 20 }).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        header.extend_from_slice(&method.to_le_bytes());
        header.extend_from_slice(&DOS_TIME.to_le_bytes());
        header.extend_from_slice(&DOS_DATE.to_le_bytes());
        header.extend_from_slice(&sizes.crc.to_le_bytes());
        let (compressed, len) = if large { (ZIP64_LIMIT as u32, ZIP64_LIMIT as u32) } else { (sizes.compressed as u32, sizes.len as u32) };
        header.extend_from_slice(&compressed.to_le_bytes());
        header.extend_from_slice(&len.to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&(if large { 20u16 } else { 0 }).to_le_bytes());
        header.extend_from_slice(name.as_bytes());
        if large {
            header.extend_from_slice(&1u16.to_le_bytes());
            header.extend_from_slice(&16u16.to_le_bytes());
            header.extend_from_slice(&sizes.len.to_le_bytes());
            header.extend_from_slice(&sizes.compressed.to_le_bytes());
        }
        self.put(&header)?;
        body(&mut self.out)?;
        self.at += sizes.compressed;
        self.written.push(Written { name: name.to_string(), method, sizes, offset });
        Ok(())
    }

    /// A sheet: its saved start and end around the streamed rows.
    fn spliced(&mut self, name: &str, xml: &str, rows: SheetRows) -> Result<()> {
        let declared = column_styles(xml)?;
        for (col, style) in declared {
            if let Some(used) = rows.styles.get(col as usize) {
                if *used != style {
                    return Err(internal(format!("{name} column {col}: rows styled {used}, the column {style}")));
                }
            }
        }
        let (before, after) = split_sheet(xml, rows.segment.last_row)?;
        let mut head = Deflate::new(Vec::new());
        head.write(before.as_bytes(), FlushCompress::Sync)?;
        let (head, mut crc, head_len, _) = head.into_parts()?;
        let mut tail = Deflate::new(Vec::new());
        tail.write(after.as_bytes(), FlushCompress::Finish)?;
        let (tail, tail_crc, tail_len, _) = tail.into_parts()?;
        let Segment { mut file, crc: rows_crc, len: rows_len, compressed: rows_compressed, .. } = rows.segment;
        if file.seek(io::SeekFrom::End(0))? != rows_compressed {
            return Err(internal(format!("{name}: the streamed rows' file is not the size compressed")));
        }
        file.rewind()?;
        crc.combine(&rows_crc);
        crc.combine(&tail_crc);
        let sizes = Sizes {
            crc: crc.finalize(),
            compressed: head.len() as u64 + rows_compressed + tail.len() as u64,
            len: head_len + rows_len + tail_len,
        };
        self.entry(name, 8, sizes, |w| {
            w.write_all(&head)?;
            let copied = io::copy(&mut file, w)?;
            if copied != rows_compressed {
                return Err(io::Error::other("the streamed rows changed size while being copied"));
            }
            w.write_all(&tail)
        })?;
        Ok(())
    }

    fn finish(mut self) -> io::Result<W> {
        let start = self.at;
        let entries = std::mem::take(&mut self.written);
        for e in &entries {
            let large = self.large(&e.sizes);
            let far = self.force_zip64 || e.offset >= ZIP64_LIMIT;
            let mut extra = Vec::new();
            if large {
                extra.extend_from_slice(&e.sizes.len.to_le_bytes());
                extra.extend_from_slice(&e.sizes.compressed.to_le_bytes());
            }
            if far {
                extra.extend_from_slice(&e.offset.to_le_bytes());
            }
            let mut h = Vec::with_capacity(64 + e.name.len());
            h.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            let version: u16 = if large || far { 45 } else { 20 };
            h.extend_from_slice(&version.to_le_bytes());
            h.extend_from_slice(&version.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&DOS_TIME.to_le_bytes());
            h.extend_from_slice(&DOS_DATE.to_le_bytes());
            h.extend_from_slice(&e.sizes.crc.to_le_bytes());
            let small = |big: bool, v: u64| if big { ZIP64_LIMIT as u32 } else { v as u32 };
            h.extend_from_slice(&small(large, e.sizes.compressed).to_le_bytes());
            h.extend_from_slice(&small(large, e.sizes.len).to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            let extra_len = if extra.is_empty() { 0 } else { extra.len() as u16 + 4 };
            h.extend_from_slice(&extra_len.to_le_bytes());
            h.extend_from_slice(&[0u8; 8]); // comment length, disk, internal and external attributes
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&small(far, e.offset).to_le_bytes());
            h.extend_from_slice(e.name.as_bytes());
            if !extra.is_empty() {
                h.extend_from_slice(&1u16.to_le_bytes());
                h.extend_from_slice(&(extra.len() as u16).to_le_bytes());
                h.extend_from_slice(&extra);
            }
            self.put(&h)?;
        }
        let (count, size) = (entries.len() as u64, self.at - start);
        if self.force_zip64 || start >= ZIP64_LIMIT || size >= ZIP64_LIMIT || count >= 0xFFFF {
            let record = self.at;
            let mut z = Vec::with_capacity(76);
            z.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            z.extend_from_slice(&44u64.to_le_bytes());
            z.extend_from_slice(&45u16.to_le_bytes());
            z.extend_from_slice(&45u16.to_le_bytes());
            z.extend_from_slice(&[0u8; 8]); // this disk, the directory's disk
            z.extend_from_slice(&count.to_le_bytes());
            z.extend_from_slice(&count.to_le_bytes());
            z.extend_from_slice(&size.to_le_bytes());
            z.extend_from_slice(&start.to_le_bytes());
            z.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            z.extend_from_slice(&0u32.to_le_bytes());
            z.extend_from_slice(&record.to_le_bytes());
            z.extend_from_slice(&1u32.to_le_bytes());
            self.put(&z)?;
        }
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&[0u8; 4]);
        let count16 = count.min(0xFFFF) as u16;
        end.extend_from_slice(&count16.to_le_bytes());
        end.extend_from_slice(&count16.to_le_bytes());
        end.extend_from_slice(&(size.min(ZIP64_LIMIT) as u32).to_le_bytes());
        end.extend_from_slice(&(start.min(ZIP64_LIMIT) as u32).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.put(&end)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn zip_with(entries: &[(&str, &[u8], bool)], force_zip64: bool) -> Vec<u8> {
        let mut zip = ZipOut::new(Vec::new());
        zip.force_zip64 = force_zip64;
        for (name, data, deflated) in entries {
            let mut crc = crc32fast::Hasher::new();
            crc.update(data);
            let body = if *deflated {
                let mut d = Deflate::new(Vec::new());
                d.write(data, FlushCompress::Finish).expect("in a test");
                d.into_parts().expect("in a test").0
            } else {
                data.to_vec()
            };
            let sizes = Sizes { crc: crc.finalize(), compressed: body.len() as u64, len: data.len() as u64 };
            zip.entry(name, if *deflated { 8 } else { 0 }, sizes, |w| w.write_all(&body)).expect("in a test");
        }
        zip.finish().expect("in a test")
    }

    fn read_back(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).expect("the zip crate reads what was written");
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).expect("in a test");
                let mut data = Vec::new();
                f.read_to_end(&mut data).expect("data and CRC check");
                (f.name().to_string(), data)
            })
            .collect()
    }

    #[test]
    fn entries_read_back_whole_in_the_plain_and_the_zip64_form() {
        let big: Vec<u8> = (0..100_000u32).flat_map(|i| i.to_string().into_bytes()).collect();
        let entries: [(&str, &[u8], bool); 3] = [("a.xml", b"<a/>", true), ("b.bin", b"stored", false), ("c.xml", &big, true)];
        for zip64 in [false, true] {
            let back = read_back(zip_with(&entries, zip64));
            let names: Vec<&str> = back.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["a.xml", "b.bin", "c.xml"], "every entry in order (zip64 {zip64})");
            assert_eq!(back[2].1, big, "a deflated entry decompresses to what went in (zip64 {zip64})");
            assert_eq!(back[1].1, b"stored");
        }
    }

    #[test]
    fn deflate_streams_joined_after_a_sync_flush_read_as_one() {
        let parts: [&[u8]; 3] = [b"<sheetData><row r=\"1\"/>", b"<row r=\"2\"><c/></row>", b"</sheetData>"];
        let mut joined = Vec::new();
        let mut crc = crc32fast::Hasher::new();
        for (i, part) in parts.iter().enumerate() {
            let mut d = Deflate::new(Vec::new());
            d.write(part, if i == 2 { FlushCompress::Finish } else { FlushCompress::Sync }).expect("in a test");
            let (bytes, part_crc, _, _) = d.into_parts().expect("in a test");
            crc.combine(&part_crc);
            joined.extend_from_slice(&bytes);
        }
        let mut out = String::new();
        flate2::read::DeflateDecoder::new(&joined[..]).read_to_string(&mut out).expect("in a test");
        assert_eq!(out, parts.concat().iter().map(|b| *b as char).collect::<String>(), "three compressors' output is one stream");
        let mut whole = crc32fast::Hasher::new();
        whole.update(&parts.concat());
        assert_eq!(crc.finalize(), whole.finalize(), "the combined CRC is the whole's");
    }

    #[test]
    fn the_dimension_grows_to_the_last_streamed_row_and_rows_go_after_the_header() {
        let xml = r#"<worksheet><dimension ref="A1:M1"/><sheetData><row r="1"><c/></row><row r="9"/></sheetData></worksheet>"#;
        let (before, after) = split_sheet(xml, 8).expect("in a test");
        assert!(before.contains(r#"<dimension ref="A1:M8"/>"#), "{before}");
        assert!(before.ends_with(r#"<row r="1"><c/></row>"#), "rows are spliced right after the header: {before}");
        assert_eq!(after, r#"<row r="9"/></sheetData></worksheet>"#);
        let (kept, _) = split_sheet(&xml.replace("A1:M1", "A1:M20"), 8).expect("in a test");
        assert!(kept.contains(r#"ref="A1:M20""#), "totals below the rows keep the larger dimension");
    }
}
