//! Fallback fonts for scripts egui's built-in fonts lack (Arabic script, CJK).
//!
//! The fonts are embedded (see `assets/fonts/README.md` for files and licences) and added
//! as the lowest-priority fallbacks of both families, so Latin, Greek and Cyrillic keep
//! egui's own fonts.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// Noto Naskh Arabic (SIL OFL 1.1).
const ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");

/// Droid Sans Fallback (Apache 2.0): CJK ideographs, kana and hangul.
const CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback.ttf");

/// Adds the fallback fonts to `ctx`. Safe to call more than once.
pub fn install(ctx: &egui::Context) {
    for (name, bytes) in [("NotoNaskhArabic", ARABIC), ("DroidSansFallback", CJK)] {
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(bytes),
            vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: FontPriority::Lowest,
                },
            ],
        ));
    }
}
