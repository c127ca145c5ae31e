#!/usr/bin/env python3
"""Print the asserted relations of a `quarry extract` JSONL file, one a line:
doc | head -TYPE-> tail | trigger | flags.  Usage: dump_relations.py OUT.jsonl"""
import json
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    t, ents = d["text"], d["entities"]
    for r in d["relations"]:
        if r.get("kind") != "asserted":
            continue
        h, tl = ents[r["head"]], ents[r["tail"]]
        trig = t[r["trigger_start"]:r["trigger_end"]] if r.get("trigger_start") is not None else ""
        print(f"{d['id'][-28:]:28} | {t[h['start']:h['end']]} -{r['label']}-> {t[tl['start']:tl['end']]} | {trig}")
