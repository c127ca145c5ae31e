//! Scoring extractions against gold, in agreement with `shared/eval/score.py`.
