#!/usr/bin/env bash
# CrossRE relation figures for Quarry (see docs/relations.md, "CrossRE evaluation").
# Usage: tools/review/crossre_eval.sh [news|politics ...]   (from the repository root,
# after `cargo build --release --no-default-features`; Q=target/debug/quarry for a debug build).
# For each dev file it extracts once, then scores
#   1. asserted relations only, labelled through assets/eval/crossre_map.json;
#   2. entity-pair recall: every predicted pair (asserted or co-occurrence), direction ignored;
#   3. per type: P/R/F1 by CrossRE label and precision by Quarry type (crossre_by_type.py).
set -euo pipefail
Q=${Q:-target/release/quarry}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for domain in "${@:-news politics}"; do
  for d in $domain; do
    gold=../shared/data/crossre/crossre_${d}_dev.jsonl
    "$Q" extract --input-jsonl "$gold" -o "$tmp/$d.all.jsonl" 2>/dev/null
    python3 tools/review/crossre_pairs.py "$gold" "$tmp/$d.all.jsonl" "$tmp/$d.asserted.jsonl"
    echo "== $d: asserted relations, labels mapped by assets/eval/crossre_map.json"
    "$Q" eval "$gold" --pred "$tmp/$d.asserted.jsonl" --relation-map assets/eval/crossre_map.json \
      | sed -n '/^RELATIONS/,$p'
    python3 tools/review/crossre_by_type.py "$gold" "$tmp/$d.asserted.jsonl" assets/eval/crossre_map.json
  done
done
