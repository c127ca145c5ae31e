//! PNG: the SVG drawing ([`super::svg`]) rasterised with resvg, at twice its size so that
//! labels stay sharp when the picture is put in a slide or a report.
//!
//! The fonts are embedded, never looked up on the system, so a PNG is the same on every
//! machine: Ubuntu Light (egui's own text face, from `epaint_default_fonts`) for Latin,
//! Greek and Cyrillic, then the workbench's fallbacks for Arabic script and CJK
//! (`assets/fonts/`, see its README for files and licences).

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::Prepared;
use crate::{Error, Result};

/// How many pixels a unit of the SVG drawing becomes.
pub const SCALE: f32 = 2.0;

const ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");
const CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback.ttf");

/// The network as a PNG picture.
pub fn render(p: &Prepared) -> Result<Vec<u8>> {
    rasterise(&super::svg::render(p)?)
}

/// Rasterises an SVG drawing (at [`SCALE`]) with the embedded fonts.
pub fn rasterise(svg: &[u8]) -> Result<Vec<u8>> {
    let mut db = fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    db.load_font_data(ARABIC.to_vec());
    db.load_font_data(CJK.to_vec());
    db.set_sans_serif_family("Ubuntu");
    let options = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        fontdb: std::sync::Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &options)
        .map_err(|e| Error::Invalid(format!("drawing the network as PNG: {e}")))?;
    let size = tree.size();
    let (width, height) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| {
        Error::Invalid(format!(
            "drawing the network as PNG: bad size {width}×{height}"
        ))
    })?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Invalid(format!("encoding the PNG: {e}")))
}
