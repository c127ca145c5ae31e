//! Prints what the entity recogniser (and the POS tagger) find in a plain-text article.
//!
//! ```text
//! cargo run --release --no-default-features --example tag_article -- ../shared/articles/us-pakistan-afghan-peace.txt [--pos]
//! ```

use quarry::model::Document;
use quarry::pipeline::Stage;
use quarry::pipeline::entities::ModelEntities;
use quarry::pipeline::pos::PosStage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: tag_article FILE [--pos]")?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut doc = Document::new(path.clone(), text);
    PosStage.run(&mut doc);
    ModelEntities.run(&mut doc);
    for m in &doc.annotations.mentions {
        println!(
            "{:>5}..{:<5} {:7} {:.2}  {}",
            m.span.start,
            m.span.end,
            m.entity_type.label(),
            m.provenance.confidence,
            m.span.text(&doc.text)
        );
    }
    if args.iter().any(|a| a == "--pos") {
        let line: Vec<String> = doc
            .annotations
            .tokens
            .iter()
            .map(|t| {
                format!(
                    "{}/{}",
                    t.span.text(&doc.text),
                    t.pos.as_deref().unwrap_or("?")
                )
            })
            .collect();
        println!("{}", line.join(" "));
    }
    Ok(())
}
