//! Trains the shipped entity recogniser and part-of-speech tagger.
//!
//! ```text
//! cargo run --release --no-default-features --example train -- ner [EPOCHS] [BITS] [PRUNE] [ENSEMBLE]
//! cargo run --release --no-default-features --example train -- pos [EPOCHS] [BITS] [PRUNE] [ENSEMBLE]
//! ```
//! Reads `../shared/data/conll2003/eng.{train,dev}.conll`, picks the epoch on dev and writes
//! `assets/ner/{ner,pos}.model` (and the tagger's `pos.tagdict`).

use std::path::PathBuf;

use quarry::ner::train::{TrainOptions, train_ner, train_pos};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("ner", String::as_str);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data/conll2003");
    let train = data.join("eng.train.conll");
    let dev = Some(data.join("eng.dev.conll"));
    let mut opts = match what {
        "ner" => TrainOptions::ner(train, dev),
        "pos" => TrainOptions::pos(train, dev),
        other => return Err(format!("unknown model {other:?} (ner or pos)").into()),
    };
    if let Some(e) = args.get(1) {
        opts.max_epochs = e.parse()?;
    }
    if let Some(b) = args.get(2) {
        opts.bits = b.parse()?;
    }
    if let Some(p) = args.get(3) {
        opts.prune = p.parse()?;
    }
    if let Some(k) = args.get(4) {
        opts.ensemble = k.parse()?;
    }
    opts.verbose = true;
    let report = if what == "ner" {
        train_ner(&opts)?
    } else {
        train_pos(&opts)?
    };
    let out = root.join(format!("assets/ner/{what}.model"));
    std::fs::write(&out, &report.model)?;
    if let Some(dict) = &report.tag_dictionary {
        std::fs::write(out.with_extension("tagdict"), dict)?;
    }
    println!(
        "{what}: best epoch {} of {:?}; dev {:?}; {} non-zero weights; {} bytes -> {}; {:.1}s",
        report.best_epoch,
        opts.max_epochs,
        report.dev_scores,
        report.non_zero,
        report.model.len(),
        out.display(),
        report.seconds
    );
    Ok(())
}
