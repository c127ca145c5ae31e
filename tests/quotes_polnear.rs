//! A regression floor for quote finding on the `PolNeAR` dev split (the rules were developed
//! on train; the third round's patterns also came from reading dev misses, so the dev
//! figure is optimistic — see docs/quotes.md). Extraction is deterministic, so the figures cannot drift by chance. Last
//! measured: direct quotes recall 0.913, speaker right for 0.905 of the found quotes; all
//! attributions P 0.760, F1 0.709. The floors are the targets (direct recall and
//! speaker right 0.90, all-attributions F1 0.70) and a precision floor a point below.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use crate::extract_common;

use quarry::eval::{EvalOptions, score};

#[test]
fn polnear_dev_quotes_stay_above_the_floor() {
    let (gold, pred) = extract_common::gold_and_extracted("polnear/dev.jsonl", None);
    assert_eq!(gold.len(), 84);
    let direct = score(
        &gold,
        &pred,
        &EvalOptions {
            direct_only: true,
            ..EvalOptions::default()
        },
    )
    .unwrap()
    .quotes;
    let recall = direct.span.prf.r;
    let count = |n: usize| f64::from(u32::try_from(n).unwrap());
    let speaker_right = count(direct.with_speaker.matched) / count(direct.span.matched);
    assert!(recall >= 0.90, "direct recall {recall:.3}");
    assert!(
        speaker_right >= 0.90,
        "direct speaker right {speaker_right:.3}"
    );
    let all = score(&gold, &pred, &EvalOptions::default()).unwrap().quotes;
    assert!(
        all.span.prf.f1 >= 0.70,
        "all attributions F1 {:.3}",
        all.span.prf.f1
    );
    assert!(
        all.span.prf.p >= 0.75,
        "all attributions P {:.3}",
        all.span.prf.p
    );
}
