#!/usr/bin/env python3
"""Named-speaker accuracy of direct quotes against a named-speaker fixture.

Usage:
  python3 tools/quotes/named_accuracy.py FIXTURE [PRED.jsonl] [--errors]

Without PRED, runs `$QUARRY extract --input-jsonl FIXTURE` (QUARRY defaults to
target/debug/quarry). Quotes are matched to the gold quotes exactly as score.py does (overlap
>= 50% of the gold span, one-to-one, greedy by overlap); the accuracy is the share of the
matched gold direct quotes that carry a speaker_name whose predicted speaker_name names the
same person (score.py's same_person). Also prints direct recall (matched gold direct quotes
over all gold direct quotes). --errors lists the wrong ones (never use it on the held-out part).
"""
import json
import os
import subprocess
import sys


def norm_name(x):
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in (x or "")).split())


def same_person(g, p):
    g, p = norm_name(g), norm_name(p)
    if not g or not p:
        return False
    return f" {g} " in f" {p} " or f" {p} " in f" {g} "


def overlap(a, b, c, d):
    return max(0, min(b, d) - max(a, c))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors = "--errors" in sys.argv
    gold_path = args[0]
    if len(args) > 1:
        with open(args[1], encoding="utf-8") as f:
            pred_lines = f.read().splitlines()
    else:
        quarry = os.environ.get("QUARRY", "target/debug/quarry")
        out = subprocess.run([quarry, "extract", "--input-jsonl", gold_path],
                             check=True, capture_output=True, text=True).stdout
        pred_lines = out.splitlines()
    preds = {}
    for line in pred_lines:
        if line.strip():
            r = json.loads(line)
            preds[r["id"]] = r
    n_direct = n_found = n_named = n_right = 0
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            text = g["text"]
            gq = g.get("quotes", [])
            pq = preds.get(g["id"], {}).get("quotes", [])
            cands = []
            for i, a in enumerate(gq):
                glen = max(1, a["end"] - a["start"])
                for j, b in enumerate(pq):
                    ov = overlap(a["start"], a["end"], b["start"], b["end"])
                    if 2 * ov >= glen:
                        cands.append((ov, i, j))
            cands.sort(reverse=True)
            used_g, used_p, matched = set(), set(), {}
            for _, i, j in cands:
                if i in used_g or j in used_p:
                    continue
                used_g.add(i)
                used_p.add(j)
                matched[i] = j
            for i, a in enumerate(gq):
                if not a.get("direct"):
                    continue
                n_direct += 1
                if i not in matched:
                    continue
                n_found += 1
                name = a.get("speaker_name")
                if not name:
                    continue
                n_named += 1
                b = pq[matched[i]]
                if same_person(name, b.get("speaker_name")):
                    n_right += 1
                elif errors:
                    spk = ""
                    if b.get("speaker_start") is not None:
                        spk = text[b["speaker_start"]:b["speaker_end"]]
                    print(f"{g['id'][:60]}\tgold={name!r}\tpred={b.get('speaker_name')!r}"
                          f"\tspan={spk!r}\tquote={text[a['start']:a['end']][:60]!r}")
    acc = n_right / n_named if n_named else 0.0
    rec = n_found / n_direct if n_direct else 0.0
    print(f"named-speaker accuracy {acc:.3f} ({n_right}/{n_named} matched named direct quotes); "
          f"direct recall {rec:.3f} ({n_found}/{n_direct})")


if __name__ == "__main__":
    main()
