//! Reading gold and predictions, and pairing their documents, as `score.py` does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::python::py_repr;
use crate::interchange::Record;
use crate::{Error, Result};

/// Reads gold or predictions: JSON Lines, or (like `score.py`) a file holding one JSON
/// object or a list of them when the lines are not each valid JSON.
pub fn load_records(path: &Path) -> Result<Vec<Record>> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut values = Vec::new();
    let mut lines_ok = true;
    for line in raw.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            values.push(v);
        } else {
            lines_ok = false;
            break;
        }
    }
    if !lines_ok {
        let whole: serde_json::Value = serde_json::from_str(&raw)
            .map_err(|e| Error::parse(path, format!("neither JSON Lines nor JSON: {e}")))?;
        values = match whole {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v).map_err(|e| {
                Error::parse(
                    path,
                    format!("document {}: not an interchange record: {e}", i + 1),
                )
            })
        })
        .collect()
}

/// Keeps only direct quotes (`direct: true`) in every record.
pub fn keep_direct_quotes(records: &mut [Record]) {
    for record in records {
        record.quotes.retain(|q| q.direct == Some(true));
    }
}

/// Pairs gold and predicted documents by id (by position when any id is empty), as
/// `score.py`'s `pair_docs`. A gold document without a prediction is paired with an empty
/// one (and a warning).
pub(super) fn pair_docs<'a>(
    gold: &'a [Record],
    pred: &'a [Record],
    warnings: &mut Vec<String>,
) -> Result<Vec<(&'a Record, Option<&'a Record>)>> {
    if gold.iter().all(|d| !d.id.is_empty()) && pred.iter().all(|d| !d.id.is_empty()) {
        let by_id: BTreeMap<&str, &Record> = pred.iter().map(|d| (d.id.as_str(), d)).collect();
        let pairs = gold
            .iter()
            .map(|g| {
                let p = by_id.get(g.id.as_str()).copied();
                if p.is_none() {
                    warnings.push(format!(
                        "warning: no prediction for doc id {}; scored as empty",
                        py_repr(&g.id)
                    ));
                }
                (g, p)
            })
            .collect();
        let gold_ids: BTreeSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
        let extra = by_id.keys().filter(|id| !gold_ids.contains(*id)).count();
        if extra > 0 {
            warnings.push(format!(
                "warning: {extra} predicted doc(s) not in gold ignored"
            ));
        }
        return Ok(pairs);
    }
    if gold.len() != pred.len() {
        return Err(Error::Invalid(
            "gold and pred differ in length and lack ids".to_owned(),
        ));
    }
    Ok(gold.iter().zip(pred.iter().map(Some)).collect())
}
