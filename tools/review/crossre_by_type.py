#!/usr/bin/env python3
"""Per-type CrossRE relation figures of asserted predictions, with the matching of
`quarry eval` (src/eval/relations.rs: directed, both argument spans overlap, each gold
relation used once, a same-label candidate preferred, labels through the relation map).
For each CrossRE label L with a mapping: gold = relations labelled L, pred = predicted
relations whose type is in map[L] (a type mapped under several labels counts under each),
matched = gold L matched with such a type; P = matched/pred, R = matched/gold.
Then per Quarry type T: predicted, and matched to a gold label whose map has T (precision).
Usage: crossre_by_type.py GOLD.jsonl ASSERTED.jsonl MAP.json"""
import json
import sys
from collections import Counter

gold = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
pred = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
rmap = json.load(open(sys.argv[3], encoding="utf-8"))


def ov(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


n_gold, n_pred_type, match_gold, match_type = Counter(), Counter(), Counter(), Counter()
n_pred_label = Counter()
for p in pred:
    g = gold[p["id"]]
    pe, ge = p["entities"], g["entities"]
    for r in g["relations"]:
        n_gold[r["label"]] += 1
    used = set()
    for r in p["relations"]:
        n_pred_type[r["label"]] += 1
        for lab, types in rmap.items():
            if r["label"] in types:
                n_pred_label[lab] += 1
        if r["head"] >= len(pe) or r["tail"] >= len(pe):
            continue
        h, t = pe[r["head"]], pe[r["tail"]]
        best = None
        for k, x in enumerate(g["relations"]):
            if k in used:
                continue
            if ov(h, ge[x["head"]]) and ov(t, ge[x["tail"]]):
                same = r["label"] in rmap.get(x["label"], [])
                cand = (not same, k)
                if best is None or cand < best:
                    best = cand
        if best is not None:
            used.add(best[1])
            if not best[0]:
                match_gold[g["relations"][best[1]]["label"]] += 1
                match_type[r["label"]] += 1


def prf(m, np_, ng):
    p = m / np_ if np_ else 0.0
    r = m / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


print("by CrossRE label (labelled, mapped): gold pred matched P R F1")
for lab in sorted(rmap, key=lambda l: -n_gold[l]):
    if not rmap[lab]:
        continue
    p, r, f = prf(match_gold[lab], n_pred_label[lab], n_gold[lab])
    print(f"  {lab:20} {n_gold[lab]:5} {n_pred_label[lab]:5} {match_gold[lab]:5}  {p:.3f} {r:.3f} {f:.3f}")
print("by Quarry type: pred matched P")
for ty, n in sorted(n_pred_type.items(), key=lambda x: -x[1]):
    print(f"  {ty:20} {n:5} {match_type[ty]:5}  {match_type[ty] / n:.3f}")
