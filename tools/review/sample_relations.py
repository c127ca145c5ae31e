#!/usr/bin/env python3
"""Draw the relation-review sample from a fresh `quarry extract` run and print it as a table.

Usage (python3 standard library only):
  tools/review/sample_relations.py QUARRY_BINARY ARTICLES_DIR [--seed 15] [--n 50]
                                   [--kind asserted|cooccurrence|all] [--list-all]
                                   [--verdicts VERDICTS.tsv] [--jsonl-out FILE]

  e.g. tools/review/sample_relations.py target/debug/quarry /work/shared/articles

It runs `QUARRY_BINARY extract` on every *.txt file under ARTICLES_DIR (recursively) except
us-pakistan-afghan-peace.txt (not a State Department release), in sorted path order, and
lists every relation with its flag (`kind`: asserted / cooccurrence). The population to
sample is the relations of --kind (default: asserted). If it holds more than --n relations,
`random.seed(SEED); random.sample(population, N)` draws the sample (then re-sorted by
article and position for reading); otherwise all of them are reviewed.

The table has: number, article file, subject, type, object, trigger, verdict, reason, and
the evidence sentence (the `evidence` span the extractor records in `annotations`,
converted from UTF-8 byte offsets to character offsets). Subject and object are the
mention text; the canonical entity name follows in brackets when it differs.
--verdicts reads a TSV of `number<TAB>verdict<TAB>reason` lines to fill those columns.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

EXCLUDE = {"us-pakistan-afghan-peace.txt"}

ap = argparse.ArgumentParser()
ap.add_argument("quarry")
ap.add_argument("articles")
ap.add_argument("--seed", type=int, default=15)
ap.add_argument("--n", type=int, default=50)
ap.add_argument("--kind", default="asserted", choices=["asserted", "cooccurrence", "all"])
ap.add_argument("--list-all", action="store_true", help="also print every relation")
ap.add_argument("--verdicts")
ap.add_argument("--jsonl-out", help="keep the extractor's JSONL here")
a = ap.parse_args()

files = []
for root, _dirs, names in os.walk(a.articles):
    for name in names:
        if name.endswith(".txt") and name not in EXCLUDE:
            files.append(os.path.join(root, name))
files.sort()
if not files:
    sys.exit("no articles found under " + a.articles)

out = a.jsonl_out or os.path.join(tempfile.mkdtemp(prefix="relreview"), "extract.jsonl")
subprocess.run([a.quarry, "extract", *files, "-o", out], check=True)


def b2c(text):
    """Map UTF-8 byte offset -> character offset."""
    m, pos = {}, 0
    for i, ch in enumerate(text):
        m[pos] = i
        pos += len(ch.encode("utf-8"))
    m[pos] = len(text)
    return m


def cell(s):
    return " ".join(s.split()).replace("|", "\\|")


rows = []
for line in open(out, encoding="utf-8"):
    d = json.loads(line)
    t, ents = d["text"], d["entities"]
    fname = os.path.basename(d["meta"]["path"])
    ann = d.get("annotations", {}).get("relations", [])
    m = b2c(t)
    for i, r in enumerate(d["relations"]):
        kind = r.get("kind", "")
        h, tl = ents[r["head"]], ents[r["tail"]]

        def name(e):
            s = t[e["start"]:e["end"]]
            c = e.get("entity")
            return s if not c or c == s else f"{s} [{c}]"

        trig = ""
        if r.get("trigger_start") is not None:
            trig = t[r["trigger_start"]:r["trigger_end"]]
        ev, flags = "", []
        if i < len(ann):
            x = ann[i]
            if x.get("evidence"):
                ev = t[m[x["evidence"]["start"]]:m[x["evidence"]["end"]]]
            flags = [f for f in ("negated", "modal") if x.get(f)]
            rule = (x.get("provenance") or {}).get("rule", "")
        else:
            rule = ""
        rows.append(dict(file=fname, pos=(h["start"], tl["start"]), kind=kind, label=r["label"],
                         subj=name(h), obj=name(tl), trig=trig, ev=ev, flags=flags, rule=rule))

total = collections.Counter((r["kind"], r["label"]) for r in rows)
print(f"Articles: {len(files)}; relations: {len(rows)}")
for (k, lab), c in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"  {k:13} {lab:12} {c}")
print()

if a.list_all:
    print("| # | article | flag | subject | type | object | trigger |")
    print("|---|---|---|---|---|---|---|")
    for i, r in enumerate(rows, 1):
        print(f"| {i} | {r['file'][:2]} | {r['kind']} | {cell(r['subj'])} | {r['label']} | "
              f"{cell(r['obj'])} | {cell(r['trig'])} |")
    print()

pop = [r for r in rows if a.kind == "all" or r["kind"] == a.kind]
if len(pop) > a.n:
    random.seed(a.seed)
    sample = random.sample(pop, a.n)
    how = f"random.seed({a.seed}); random.sample({len(pop)} {a.kind} relations, {a.n})"
else:
    sample = list(pop)
    how = f"all {len(pop)} {a.kind} relations (not more than {a.n})"
sample.sort(key=lambda r: (r["file"], r["pos"]))
print(f"Sample: {how}\n")

verdicts = {}
if a.verdicts:
    for line in open(a.verdicts, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            num, v, reason = line.rstrip("\n").split("\t", 2)
            verdicts[int(num)] = (v, reason)

print("| # | article file | subject | type | object | trigger | verdict | reason | evidence |")
print("|---|---|---|---|---|---|---|---|---|")
for i, r in enumerate(sample, 1):
    v, reason = verdicts.get(i, ("", ""))
    lab = r["label"] + ("" if not r["flags"] else " (" + ",".join(r["flags"]) + ")")
    print(f"| {i} | {r['file']} | {cell(r['subj'])} | {lab} | {cell(r['obj'])} | "
          f"{cell(r['trig'])} | {v} | {cell(reason)} | {cell(r['ev'])} |")
