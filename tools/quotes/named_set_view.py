#!/usr/bin/env python3
"""Print PolNeAR dev articles with their direct quotes marked, for annotating speaker names.

Usage: named_set_view.py N [N ...]   (N = 1-based article number in dev.jsonl's order)

Each direct quote k is shown inline as [[Qk ... ]] and its gold speaker mention as <<Sk ...>>;
after the text, one line per direct quote gives the speaker mention, the cue and a *candidate*
name (the speaker mention expanded to the fullest earlier name in the article that ends with
the same word, or the previous quote's candidate when the mention is a pronoun, description or
absent). The candidate is only a starting point: every name in
named_set/annotations.txt was decided by reading the article.
"""
import json
import re
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "polnear" / "dev.jsonl"
TITLES = {
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Senator", "Rep", "Gov", "Governor", "President", "Vice",
    "Secretary", "Gen", "General", "Judge", "Justice", "The", "Former", "Democratic",
    "Republican", "Attorney", "Mayor", "Lt", "Col", "Rev", "Chairman", "Speaker", "Leader",
    "Minister", "Prime", "Candidate", "Nominee", "GOP", "Democrat", "House", "Senate", "State",
    "Press", "Chief", "Adviser", "Professor", "Prof", "Sgt", "Adm", "Capt", "Lt.",
}
PRONOUNS = {"He", "She", "They", "It", "We", "I", "His", "Her", "Which", "Who", "Their", "You"}
CAP = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)"
RUN = re.compile(CAP + r"(?: +(?:de |van |von |la |del )?" + CAP + r")*")


def runs(s):
    out = []
    for m in RUN.finditer(s):
        toks = m.group(0).split()
        while toks and toks[0].rstrip(".") in TITLES:
            toks = toks[1:]
        if toks and toks[-1].endswith(".") and len(toks[-1]) > 2:
            toks[-1] = toks[-1][:-1]
        if toks:
            out.append((m.start(), " ".join(toks)))
    return out


def strip_poss(name):
    return re.sub(r"[’']s$", "", name)


def candidate(text, q, prev):
    if q.get("speaker_start") is None:
        return prev, "cont?"
    s = text[q["speaker_start"]:q["speaker_end"]]
    rs = [strip_poss(n) for _, n in runs(s)]
    rs = [n for n in rs if n and n.split()[0] not in PRONOUNS]
    if not rs:
        return prev, "pron/desc?"
    multi = [n for n in rs if len(n.split()) >= 2]
    name = multi[0] if multi else rs[0]
    if len(name.split()) >= 2:
        return name, "span"
    last = name.split()[-1]
    best = None
    for pos, n in runs(text):
        n = strip_poss(n)
        parts = n.split()
        if 2 <= len(parts) <= 4 and parts[-1] == last:
            best = n
            break
    return (best or name), ("expanded" if best else "single")


def show(n, rec):
    text = rec["text"]
    direct = [q for q in rec["quotes"] if q.get("direct")]
    events = []
    for k, q in enumerate(direct):
        events.append((q["start"], 1, f"[[Q{k} "))
        events.append((q["end"], 0, f" Q{k}]]"))
        if q.get("speaker_start") is not None:
            events.append((q["speaker_start"], 1, f"<<S{k} "))
            events.append((q["speaker_end"], 0, ">>"))
    events.sort(key=lambda e: (e[0], e[1]))
    out, last = [], 0
    for pos, _, tag in events:
        out.append(text[last:pos])
        out.append(tag)
        last = pos
    out.append(text[last:])
    print(f"=== #{n} {rec['id']}  ({len(direct)} direct / {len(rec['quotes'])})")
    print("".join(out))
    print("--- candidates")
    prev = None
    for k, q in enumerate(direct):
        cand, how = candidate(text, q, prev)
        prev = cand
        sp = text[q["speaker_start"]:q["speaker_end"]] if q.get("speaker_start") is not None else None
        cue = text[q["cue_start"]:q["cue_end"]] if q.get("cue_start") is not None else None
        snippet = text[q["start"]:q["end"]].replace("\n", " ")
        if len(snippet) > 60:
            snippet = snippet[:30] + "…" + snippet[-25:]
        print(f"{k}\t{cand}\t# {how}; S={sp!r} cue={cue!r} | {snippet}")
    print()


def main():
    recs = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    for a in sys.argv[1:]:
        n = int(a)
        show(n, recs[n - 1])


if __name__ == "__main__":
    main()
