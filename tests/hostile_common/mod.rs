//! Builders of hostile test files: DOCX containers around any `word/document.xml`, and PDFs
//! from object bodies with a correct cross-reference table.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

/// A DOCX (a zip, deflated) whose `word/document.xml` is `xml`.
pub fn docx(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A PDF whose objects 1, 2, … have these bodies (object 1 is the catalog).
pub fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object's body.
pub fn stream(dict: &str, content: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A one-page PDF: catalog (1), pages (2), page (3) with `page_resources` and content
/// `page_content` (5), Helvetica as `/F1` (4), and form `XObject`s `/X1`, `/X2`, … (objects
/// 6, 7, …) with the contents `forms`; every form's resources name the font and all forms.
pub fn text_pdf(page_resources: &str, page_content: &str, forms: &[String]) -> Vec<u8> {
    let mut all_forms = String::new();
    for i in 0..forms.len() {
        let _ = write!(all_forms, "/X{} {} 0 R ", i + 1, i + 6);
    }
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {page_resources} >> /Contents 5 0 R >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        stream("", page_content),
    ];
    for form in forms {
        objects.push(stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << {all_forms}>> >>"
            ),
            form,
        ));
    }
    pdf(&objects)
}
