//! The XML inside .xlsx and .ods files, read as events through the counting reader (quick-xml,
//! the parser calamine uses): attribute look-up by local name, text with entities resolved,
//! and every parser error turned into a refusal that says what the counter saw.

use std::io::{BufReader, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::zipped::{Bounded, Breach};
use super::{damaged, Unreadable, MAX_CELL_CHARS};

pub(crate) struct Xml<R: Read> {
    reader: Reader<BufReader<Bounded<R>>>,
    breach: Breach,
    pub(crate) buf: Vec<u8>,
}

impl<R: Read> Xml<R> {
    pub(crate) fn new(source: Bounded<R>, breach: &Breach) -> Self {
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 << 10, source));
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = false;
        config.check_comments = false;
        config.expand_empty_elements = false;
        Xml { reader, breach: breach.clone(), buf: Vec::with_capacity(4096) }
    }

    /// The next event; the buffer is reused, so take what you need before asking again.
    pub(crate) fn next(&mut self) -> Result<Event<'_>, Unreadable> {
        self.buf.clear();
        match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => Ok(event),
            Err(e) => Err(self.breach.borrow_mut().take().unwrap_or_else(|| damaged(e))),
        }
    }

    /// Reads text up to the end of the element just started (whose local name is `name`),
    /// skipping the text of elements named in `skip` (Excel's phonetic runs), bounded to a
    /// cell's length: past it, `too_long` says where.
    pub(crate) fn text_until_end(&mut self, name: &[u8], skip: &[&[u8]], too_long: &dyn Fn() -> Unreadable) -> Result<String, Unreadable> {
        let mut out = String::new();
        self.text_into(name, skip, too_long, &mut out)?;
        Ok(out)
    }

    /// [`Xml::text_until_end`] into `out` (cleared first), whose room is used again from one
    /// cell to the next: most cells hold a number or a shared string's index, read where it is.
    pub(crate) fn text_into(
        &mut self,
        name: &[u8],
        skip: &[&[u8]],
        too_long: &dyn Fn() -> Unreadable,
        out: &mut String,
    ) -> Result<(), Unreadable> {
        out.clear();
        let mut depth = 0usize;
        let mut skipping = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) => {
                    let local = e.local_name();
                    if skipping > 0 || skip.contains(&local.as_ref()) {
                        skipping += 1;
                    } else if local.as_ref() == name {
                        depth += 1;
                    }
                }
                Event::End(e) => {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if e.local_name().as_ref() == name {
                        if depth == 0 {
                            return Ok(());
                        }
                        depth -= 1;
                    }
                }
                Event::Text(t) if skipping == 0 => out.push_str(&t.xml10_content().map_err(damaged)?),
                Event::CData(t) if skipping == 0 => out.push_str(&String::from_utf8_lossy(&t)),
                Event::GeneralRef(r) if skipping == 0 => push_reference(&r, out)?,
                Event::Eof => return Err(damaged("the document ends inside an element")),
                _ => {}
            }
            if out.len() > MAX_CELL_CHARS * 4 {
                return Err(too_long());
            }
        }
    }

    /// Skips to the end of the element just started (local name `name`).
    pub(crate) fn skip_to_end(&mut self, name: &[u8]) -> Result<(), Unreadable> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Start(e) if e.local_name().as_ref() == name => depth += 1,
                Event::End(e) if e.local_name().as_ref() == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(damaged("the document ends inside an element")),
                _ => {}
            }
        }
    }
}

/// A character reference (`&#20013;`) or one of XML's five entities, appended to `out`.
pub(crate) fn push_reference(r: &BytesRef<'_>, out: &mut String) -> Result<(), Unreadable> {
    match r.resolve_char_ref().map_err(damaged)? {
        Some(c) => out.push(c),
        None => {
            let name = r.decode().map_err(damaged)?;
            let text = quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(|| damaged(format!("unknown entity &{name};")))?;
            out.push_str(text);
        }
    }
    Ok(())
}

/// An attribute's value by its local name (`r:id` → `id`), entities resolved.
pub(crate) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Result<Option<String>, Unreadable> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(damaged)?;
        if a.key.local_name().as_ref() == local {
            let raw = std::str::from_utf8(&a.value).map_err(damaged)?;
            let value = quick_xml::escape::unescape(raw).map_err(damaged)?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// Excel writes characters XML cannot hold as `_xHHHH_` (e.g. `_x000D_` for a carriage
/// return) and a literal `_x` as `_x005F_x`.
pub(crate) fn excel_unescape(text: String) -> String {
    if !text.contains("_x") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = tail
            .get(2..6)
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()) && tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::excel_unescape;

    #[test]
    fn excel_escapes_become_characters() {
        assert_eq!(excel_unescape("a_x000D_b".into()), "a\rb", "Excel's escaped carriage return");
        assert_eq!(excel_unescape("_x005F_x0041_".into()), "_x0041_", "an escaped underscore keeps the literal text");
        assert_eq!(excel_unescape("x_xyz_".into()), "x_xyz_", "not an escape: left as written");
        assert_eq!(excel_unescape("北区_x0000_".into()), "北区\0", "a NUL stays visible to the value checks, not dropped");
    }
}
