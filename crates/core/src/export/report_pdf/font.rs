//! The report's one typeface: a face of a CJK font collection, read from the system.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::error::{Error, Result};

/// Where the report's font is read from. Only the glyphs a report uses are embedded, so the
/// 19 MB collection costs a report some tens of kilobytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSource {
    pub path: PathBuf,
    /// The face inside a .ttc collection (0 for a plain .ttf/.otf).
    pub index: u32,
    /// The system package that provides `path`, named in the error when it is missing.
    pub package: String,
}

impl FontSource {
    /// Noto Sans CJK SC from Debian/Ubuntu's fonts-noto-cjk (scripts/setup.sh installs it):
    /// face 2 of the collection is the Simplified Chinese one, whose glyph shapes planners expect.
    pub fn noto_sans_sc() -> FontSource {
        FontSource {
            path: PathBuf::from("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            index: 2,
            package: "fonts-noto-cjk".into(),
        }
    }
}

/// A loaded face: krilla's handle for drawing, and the bytes again for measuring.
#[derive(Clone)]
pub(crate) struct ReportFont {
    data: Arc<Vec<u8>>,
    index: u32,
    pub(crate) face: krilla::text::Font,
}

impl ReportFont {
    pub(crate) fn load(source: &FontSource) -> Result<ReportFont> {
        let missing = |path: &Path| Error::FontMissing { path: path.display().to_string(), package: source.package.clone() };
        let bytes = std::fs::read(&source.path).map_err(|_| missing(&source.path))?;
        let data = Arc::new(bytes);
        // A file that is there but not a font (or lacks the face) is as useless as a missing one.
        FontRef::from_index(data.as_slice(), source.index).map_err(|_| missing(&source.path))?;
        let face = krilla::text::Font::new(data.clone().into(), source.index).ok_or_else(|| missing(&source.path))?;
        Ok(ReportFont { data, index: source.index, face })
    }

    /// A shaper over this face, built once per report: building it is the costly part.
    pub(crate) fn shaper(&self) -> Option<Shaper<'_>> {
        rustybuzz::Face::from_slice(self.data.as_slice(), self.index).map(|face| Shaper { face })
    }

    /// Width of `text` set at `size` points, summing advances: the report's text is Chinese
    /// and Latin without kerning-dependent alignment, so this matches what krilla lays out.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(font) = FontRef::from_index(self.data.as_slice(), self.index) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars().map(|c| charmap.map(c).and_then(|g| metrics.advance_width(g)).unwrap_or(size * 0.5)).sum()
    }
}

pub(crate) struct Shaper<'a> {
    face: rustybuzz::Face<'a>,
}

impl Shaper<'_> {
    /// Glyphs for one left-to-right run (the report sets no right-to-left text), with advances
    /// in em units as krilla expects; each glyph maps back to its cluster for ToUnicode.
    pub(crate) fn shape(&self, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let output = rustybuzz::shape(&self.face, &[], buffer);
        let em = self.face.units_per_em() as f32;
        let infos = output.glyph_infos();
        output
            .glyph_positions()
            .iter()
            .zip(infos)
            .enumerate()
            .map(|(i, (pos, info))| {
                let start = info.cluster as usize;
                let end = infos[i + 1..].iter().map(|next| next.cluster as usize).find(|&c| c != start).unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / em,
                    pos.x_offset as f32 / em,
                    pos.y_offset as f32 / em,
                    pos.y_advance as f32 / em,
                    start..end,
                    None,
                )
            })
            .collect()
    }
}
