#!/usr/bin/env python3
"""Check the named-speaker fixtures against PolNeAR dev and print their counts.

Checks, for tests/fixtures/speakers/polnear_dev_named{,_heldout}.jsonl:
- every record is a PolNeAR dev record (same id) in the right part (held-out = every 4th
  article of dev.jsonl in file order, starting with the 4th), each article at most once;
- each record equals the original except for "speaker_name" on direct quotes: same keys and
  values, same quotes in the same order with the same spans, cues and flags;
- no indirect quote carries a speaker_name;
- every speaker_name occurs in the article text as written, or is a documented exception
  (its annotation line's note starts with "!" and says why, and its last word occurs in the text).
Prints articles, direct quotes, named and unnamed per part, and exits non-zero on a failure.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_named_set import ANN, DEV, OUT, is_heldout, parse_annotations  # noqa: E402


def main():
    recs = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    by_id = {r["id"]: (n, r) for n, r in enumerate(recs, 1)}
    ann = parse_annotations(ANN)
    errors = []
    seen = set()
    total = {}
    for fname, held in (("polnear_dev_named.jsonl", False), ("polnear_dev_named_heldout.jsonl", True)):
        path = OUT / fname
        c = {"articles": 0, "direct": 0, "named": 0, "unnamed": 0, "exceptions": 0}
        for lineno, line in enumerate(path.open(encoding="utf-8"), 1):
            where = f"{fname}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: not JSON ({e})")
                continue
            if rec.get("id") not in by_id:
                errors.append(f"{where}: id {rec.get('id')!r} is not in dev.jsonl")
                continue
            n, orig = by_id[rec["id"]]
            if rec["id"] in seen:
                errors.append(f"{where}: article {n} appears twice")
            seen.add(rec["id"])
            if is_heldout(n) != held:
                errors.append(f"{where}: article {n} is in the wrong part")
            if {k: v for k, v in rec.items() if k != "quotes"} != {k: v for k, v in orig.items() if k != "quotes"}:
                errors.append(f"{where}: record fields differ from dev.jsonl")
            if len(rec["quotes"]) != len(orig["quotes"]):
                errors.append(f"{where}: {len(rec['quotes'])} quotes, dev.jsonl has {len(orig['quotes'])}")
                continue
            c["articles"] += 1
            notes = ann.get(n, (None, {}, {}))[2]
            k = 0
            for q, o in zip(rec["quotes"], orig["quotes"]):
                name = q.get("speaker_name")
                if {a: b for a, b in q.items() if a != "speaker_name"} != o:
                    errors.append(f"{where}: a quote differs from dev.jsonl: {o.get('attribution_id')}")
                if not o.get("direct"):
                    if name is not None:
                        errors.append(f"{where}: indirect quote {o.get('attribution_id')} has a speaker_name")
                    continue
                c["direct"] += 1
                if name is None:
                    c["unnamed"] += 1
                else:
                    c["named"] += 1
                    if name not in rec["text"]:
                        note = notes.get(k, "")
                        if note.startswith("!") and name.split()[-1].lower() in rec["text"].lower():
                            c["exceptions"] += 1
                        else:
                            errors.append(f"{where}: speaker_name {name!r} (quote {k}) is not in the text")
                k += 1
        total[fname] = c
        print(f"{fname}: {c['articles']} articles, {c['direct']} direct quotes, "
              f"{c['named']} named, {c['unnamed']} unnamed "
              f"({c['exceptions']} named by a documented exception)")
    missing = [n for n, r in enumerate(recs, 1) if r["id"] not in seen]
    if missing:
        print(f"not yet in either part ({len(missing)} articles): {' '.join(map(str, missing))}")
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
