#!/usr/bin/env python3
"""Build the named-speaker fixtures from tools/quotes/named_set/annotations.txt.

Writes tests/fixtures/speakers/polnear_dev_named.jsonl (development part) and
tests/fixtures/speakers/polnear_dev_named_heldout.jsonl (held-out part: every 4th article of
/work/shared/data/polnear/dev.jsonl in file order, starting with the 4th). Each record is the
original PolNeAR dev record, byte-for-byte the same JSON values, except that direct quotes get
"speaker_name" where the annotation names the speaker. An article enters a fixture only when
it has no direct quote or every one of its direct quotes is annotated, so the files stay
valid and complete per article while the annotation is in progress. See docs/quotes.md.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / ".." / "shared" / "data" / "polnear" / "dev.jsonl"
ANN = ROOT / "tools" / "quotes" / "named_set" / "annotations.txt"
OUT = ROOT / "tests" / "fixtures" / "speakers"


def is_heldout(n):
    """Article number n (1-based, dev.jsonl order) belongs to the held-out part."""
    return n % 4 == 0


def parse_annotations(path):
    """{article number: (id, {quote index: name or None}, {quote index: note})}."""
    out, cur = {}, None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("## "):
            _, num, rid = line.split(None, 2)
            cur = int(num)
            if cur in out:
                sys.exit(f"{path}:{lineno}: article {cur} annotated twice")
            out[cur] = (rid, {}, {})
            continue
        body, _, note = line.partition("#")
        parts = body.rstrip().split("\t")
        if cur is None or len(parts) != 2:
            sys.exit(f"{path}:{lineno}: expected 'k<TAB>name', got {raw!r}")
        k, name = int(parts[0]), parts[1].strip()
        if k in out[cur][1]:
            sys.exit(f"{path}:{lineno}: quote {k} annotated twice")
        out[cur][1][k] = None if name == "-" else name
        out[cur][2][k] = note.strip()
    return out


def main():
    recs = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    ann = parse_annotations(ANN)
    dev_out, held_out, missing = [], [], []
    for n, rec in enumerate(recs, 1):
        direct = [q for q in rec["quotes"] if q.get("direct")]
        if direct and n not in ann:
            missing.append(n)
            continue
        names = {}
        if direct:
            rid, names, _ = ann[n]
            if rid != rec["id"]:
                sys.exit(f"annotation {n}: id {rid} is not {rec['id']}")
            if sorted(names) != list(range(len(direct))):
                sys.exit(f"annotation {n}: {len(names)} lines for {len(direct)} direct quotes")
        new = dict(rec)
        new["quotes"] = []
        k = 0
        for q in rec["quotes"]:
            q = dict(q)
            if q.get("direct"):
                if names[k] is not None:
                    q["speaker_name"] = names[k]
                k += 1
            new["quotes"].append(q)
        (held_out if is_heldout(n) else dev_out).append(new)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("polnear_dev_named.jsonl", dev_out),
                       ("polnear_dev_named_heldout.jsonl", held_out)):
        with (OUT / name).open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} articles")
    if missing:
        print(f"not yet annotated ({len(missing)}): {' '.join(map(str, missing))}")


if __name__ == "__main__":
    main()
