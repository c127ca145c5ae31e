//! Scores the shipped entity recogniser on an interchange JSONL file and times it.
//!
//! ```text
//! cargo run --release --no-default-features --example eval_ner -- [GOLD.jsonl] [--vote] [--pred OUT.jsonl] [--bench REPS]
//! ```

use std::path::PathBuf;

use quarry::ner::{NerModel, PosTagger, eval::evaluate_jsonl, train::pos_accuracy_conll};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || !matches!(args[i - 1].as_str(), "--pred" | "--bench"))
        })
        .map(|(_, a)| a)
        .map_or_else(
            || root.join("../shared/data/conll2003/dev.jsonl"),
            PathBuf::from,
        );
    let mut model = NerModel::shipped()?;
    if args.iter().any(|a| a == "--two-pass") {
        model.set_two_pass(true);
    }
    if args.iter().any(|a| a == "--vote") {
        model.set_doc_vote(true);
    }
    // Warm up the shared resources so their load time is not counted.
    let _ = model.tag_words(&[vec!["Warm", "up"]]);
    let r = evaluate_jsonl(&model, &gold, None)?;
    if let Some(i) = args.iter().position(|a| a == "--pred") {
        let out = args.get(i + 1).ok_or("--pred needs a file")?;
        write_predictions(&model, &gold, std::path::Path::new(out))?;
    }
    println!("{}: {} docs, {} tokens", gold.display(), r.docs, r.tokens);
    println!(
        "micro P {:.4} R {:.4} F1 {:.4}",
        r.micro.precision(),
        r.micro.recall(),
        r.micro.f1()
    );
    for (t, p) in &r.per_type {
        println!(
            "  {t:5} P {:.4} R {:.4} F1 {:.4} (gold {}, pred {})",
            p.precision(),
            p.recall(),
            p.f1(),
            p.n_gold,
            p.n_pred
        );
    }
    println!(
        "tagging: {:.3}s, {:.0} tokens/s, {:.2} MB/s (one core)",
        r.tag_seconds,
        r.tokens as f64 / r.tag_seconds,
        r.bytes as f64 / r.tag_seconds / 1e6
    );
    if let Some(i) = args.iter().position(|a| a == "--bench") {
        let reps: usize = args.get(i + 1).map_or(Ok(5), |s| s.parse())?;
        bench(&model, &gold, reps)?;
    }
    let dev_conll = root.join("../shared/data/conll2003/eng.dev.conll");
    let acc = pos_accuracy_conll(PosTagger::global(), &dev_conll, None)?;
    println!("POS accuracy on eng.dev.conll: {acc:.4}");
    let ud = root.join("../shared/data/ud-ewt/en_ewt-ud-dev.conllu");
    if let Ok(raw) = std::fs::read_to_string(&ud) {
        let (correct, total) = conllu_accuracy(&raw);
        println!(
            "POS accuracy on UD EWT dev XPOS: {:.4} ({correct}/{total})",
            correct as f64 / total.max(1) as f64
        );
    }
    Ok(())
}

/// Writes the model's entities for every gold document as interchange JSONL.
fn write_predictions(
    model: &NerModel,
    gold: &std::path::Path,
    out: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::fmt::Write as _;
    let raw = std::fs::read_to_string(gold)?;
    let mut buf = String::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line)?;
        let text = rec["text"].as_str().unwrap_or("");
        let sentences = quarry::ner::eval::whitespace_sentences(text);
        let index = quarry::model::CharIndex::new(text);
        let ents: Vec<serde_json::Value> = model
            .tag_document(text, &sentences)
            .into_iter()
            .map(|(span, ty, conf)| {
                let (s, e) = index.char_span(span);
                serde_json::json!({"start": s, "end": e, "label": ty.label(), "coarse": ty.coarse(), "confidence": conf})
            })
            .collect();
        let _ = writeln!(
            buf,
            "{}",
            serde_json::json!({"id": rec["id"], "text": text, "entities": ents})
        );
    }
    std::fs::write(out, buf)?;
    Ok(())
}

/// Tags every document of `gold` `reps` times and prints the throughput (one thread).
fn bench(
    model: &NerModel,
    gold: &std::path::Path,
    reps: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let raw = std::fs::read_to_string(gold)?;
    let mut docs = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line)?;
        let text = rec["text"].as_str().unwrap_or("").to_owned();
        let sentences = quarry::ner::eval::whitespace_sentences(&text);
        docs.push((text, sentences));
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let tokens: usize = docs
        .iter()
        .map(|d| d.1.iter().map(Vec::len).sum::<usize>())
        .sum();
    let started = std::time::Instant::now();
    let mut found = 0usize;
    for _ in 0..reps {
        for (text, sentences) in &docs {
            found += model.tag_document(text, sentences).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "bench NER: {reps} x {} docs, {found} entities, {:.0} tokens/s, {:.2} MB/s (one thread)",
        docs.len(),
        (tokens * reps) as f64 / secs,
        (bytes * reps) as f64 / secs / 1e6
    );
    {
        use rayon::prelude::*;
        let started = std::time::Instant::now();
        let found: usize = (0..reps)
            .into_par_iter()
            .flat_map(|_| docs.par_iter())
            .map(|(text, sentences)| model.tag_document(text, sentences).len())
            .sum();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "bench NER all cores ({} threads): {found} entities, {:.0} tokens/s, {:.2} MB/s",
            rayon::current_num_threads(),
            (tokens * reps) as f64 / secs,
            (bytes * reps) as f64 / secs / 1e6
        );
    }
    let tagger = PosTagger::global();
    let started = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..reps {
        for (text, sentences) in &docs {
            for s in sentences {
                n += tagger.tag(text, s).len();
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "bench POS: {n} tags, {:.0} tokens/s, {:.2} MB/s (one thread)",
        n as f64 / secs,
        (bytes * reps) as f64 / secs / 1e6
    );
    Ok(())
}

/// Tags the sentences of a CoNLL-U file and counts XPOS matches.
fn conllu_accuracy(raw: &str) -> (usize, usize) {
    let tagger = PosTagger::global();
    let (mut correct, mut total) = (0, 0);
    for block in raw.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c.len() >= 5 && !c[0].contains('-') && !c[0].contains('.'))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let words: Vec<&str> = rows.iter().map(|c| c[1]).collect();
        for (tag, row) in tagger.tag_words(&words).iter().zip(&rows) {
            total += 1;
            correct += usize::from(*tag == row[4]);
        }
    }
    (correct, total)
}
