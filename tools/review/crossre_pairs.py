#!/usr/bin/env python3
"""Write the asserted-only predictions of a `quarry extract` file, and print the entity-pair
recall: the share of gold relations whose two argument spans (direction ignored) are
overlapped by the two arguments of some predicted relation, asserted or co-occurrence.
Usage: crossre_pairs.py GOLD.jsonl PRED.jsonl ASSERTED_OUT.jsonl"""
import json
import sys

gold = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
pred = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]


def ov(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


found = total = found_asserted = 0
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for p in pred:
        g = gold[p["id"]]
        pe, ge = p["entities"], g["entities"]
        pairs = [(pe[r["head"]], pe[r["tail"]], r.get("kind")) for r in p["relations"]]
        for r in g["relations"]:
            total += 1
            gh, gt = ge[r["head"]], ge[r["tail"]]
            hits = [k for h, t, k in pairs if (ov(h, gh) and ov(t, gt)) or (ov(h, gt) and ov(t, gh))]
            found += bool(hits)
            found_asserted += "asserted" in hits
        p = dict(p)
        p["relations"] = [r for r in p["relations"] if r.get("kind") == "asserted"]
        out.write(json.dumps(p, ensure_ascii=False) + "\n")
print(f"entity-pair recall (any predicted pair, direction ignored): {found}/{total} = {found / max(total, 1):.3f}")
print(f"entity-pair recall (asserted pairs only, direction ignored): {found_asserted}/{total} = {found_asserted / max(total, 1):.3f}")
