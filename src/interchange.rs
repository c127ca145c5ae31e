//! The JSONL interchange format (`shared/eval/FORMAT.md`): char offsets, coarse types.
