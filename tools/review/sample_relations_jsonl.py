#!/usr/bin/env python3
"""Deterministic sample of asserted (non-co-occurrence) relations for the relation review.

Usage (from the repository root, after `cargo build --release --no-default-features`):
  target/release/quarry extract ../shared/articles/state-department/ -o /tmp/sd.jsonl
  tools/review/sample_relations_jsonl.py /tmp/sd.jsonl --seed 6 --n 50 > /tmp/sample.md

Prints a Markdown table: number, article, head -TYPE-> tail, trigger, flags and the evidence
(the line-and-sentence around the trigger), for a reader to fill in a verdict.
"""
import argparse
import json
import random
import re

SENT_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bMr)(?<!\bDr)[.!?][”\"]?\s+(?=[A-Z“\"])")

ap = argparse.ArgumentParser()
ap.add_argument("extracted")
ap.add_argument("--seed", type=int, default=6)
ap.add_argument("--n", type=int, default=50)
a = ap.parse_args()

rows = []
for line in open(a.extracted, encoding="utf-8"):
    d = json.loads(line)
    t, ents = d["text"], d["entities"]
    for r in d["relations"]:
        if r.get("kind") != "asserted":
            continue
        h, tl = ents[r["head"]], ents[r["tail"]]
        ts, te = r.get("trigger_start"), r.get("trigger_end")
        anchor = ts if ts is not None else h["start"]
        # The sentence around the trigger: back to a sentence end or line break (a full
        # stop after a lowercase word or a digit ends a sentence; "U.S." does not).
        ends = [m.end() for m in SENT_END.finditer(t)]
        start = max([e for e in ends if e <= anchor] + [t.rfind("\n", 0, anchor) + 1, 0])
        stop = max(anchor, te or anchor)
        end = min([e for e in ends if e > stop] + [x for x in [t.find("\n", stop)] if x >= 0] + [len(t)])
        rows.append({
            "doc": d["id"].rsplit("/", 1)[-1][:40],
            "rel": f"{t[h['start']:h['end']]} [{h.get('entity')}] -{r['label']}-> {t[tl['start']:tl['end']]} [{tl.get('entity')}]",
            "trigger": t[ts:te] if ts is not None else "",
            "evidence": " ".join(t[start:end].split()),
        })
rows.sort(key=lambda x: (x["doc"], x["evidence"], x["rel"]))
sample = random.Random(a.seed).sample(rows, min(a.n, len(rows)))
sample.sort(key=lambda x: (x["doc"], x["evidence"], x["rel"]))
print(f"<!-- {len(rows)} asserted relations; seed {a.seed}; {len(sample)} sampled -->")
print("| # | article | relation | trigger | evidence |")
print("|---|---|---|---|---|")
for i, x in enumerate(sample, 1):
    ev = x["evidence"].replace("|", "\\|")
    print(f"| {i} | {x['doc']} | {x['rel']} | {x['trigger']} | {ev} |")
