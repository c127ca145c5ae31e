#!/usr/bin/env python3
"""Learn the quote-cue lexicon from PolNeAR *train* (never dev).

For every word, counts how often it opens a gold attribution cue (`cue_start`) and how
often it occurs in the training texts at all; words that open a cue at least MIN_COUNT
times and in at least MIN_RATIO of their occurrences are kept. Writes
assets/lexicon/quote_cues.tsv: `word<TAB>cue_count<TAB>ratio<TAB>direct_share`.

Usage: python3 tools/quotes/learn_cues.py ../shared/data/polnear/train.jsonl > assets/lexicon/quote_cues.tsv
"""
import collections
import json
import re
import sys

MIN_COUNT = 4
MIN_RATIO = 0.25
# Auxiliaries and adverbs that stand before the cue verb inside gold cue spans.
SKIP = {"also", "has", "have", "had", "was", "were", "is", "are", "be", "been", "would",
        "will", "later", "then", "further", "previously", "once", "again", "recently",
        "repeatedly", "publicly", "had", "did", "does", "do", "not", "just", "even", "still",
        "already", "often", "frequently", "first", "last", "since", "earlier", "reportedly"}
# Speech verbs added by hand (count 0 in the table): forms too rare in PolNeAR train to be
# learned but common in news from elsewhere, with the reliability we give them.
HAND = {"say": 0.9, "state": 0.8, "states": 0.8, "assuring": 0.8, "assures": 0.8,
        "conveyed": 0.6, "stresses": 0.8, "stressing": 0.8, "emphasised": 0.8,
        "emphasises": 0.8, "tweets": 0.8, "remarks": 0.5, "quipped": 0.9, "insist": 0.6,
        "hoped": 0.7, "urges": 0.7, "warns": 0.7, "acknowledges": 0.7, "announces": 0.6,
        "reiterates": 0.7, "affirmed": 0.7, "observed": 0.6, "maintained": 0.6,
        "maintains": 0.6, "underlined": 0.7, "underscored": 0.7, "clarified": 0.7,
        "retorted": 0.9, "exclaimed": 0.9, "whispered": 0.9, "shouted": 0.9,
        "told": 0.9, "tell": 0.6, "telling": 0.6}
# Function words that are never cues by themselves.
STOP = {"in", "for", "of", "to", "the", "a", "an", "and", "or", "on", "at", "by", "with",
        "as", "that", "this", "it", "he", "she", "they", "we", "i", "his", "her", "their",
        "from", "about", "who", "which", "what", "if", "but", "so", "its", "there", "when"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

def main(path):
    occ = collections.Counter()
    cue = collections.Counter()
    direct = collections.Counter()
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        t = d["text"]
        for m in WORD.finditer(t):
            occ[m.group().lower()] += 1
        for q in d.get("quotes", []):
            if q.get("cue_start") is None:
                continue
            words = [w.lower() for w in WORD.findall(t[q["cue_start"]:q["cue_end"]])]
            words = [w for w in words if w not in SKIP]
            if not words:
                continue
            w = words[0]
            cue[w] += 1
            direct[w] += bool(q.get("direct"))
    print("# word\tcue_count\tratio\tdirect_share  (learned from PolNeAR train by tools/quotes/learn_cues.py)")
    rows = []
    for w, n in cue.items():
        r = n / max(occ[w], n)
        if n >= MIN_COUNT and r >= MIN_RATIO and w not in STOP:
            rows.append((w, n, r, direct[w] / n))
    learned = {w for w, *_ in rows}
    for w in sorted(HAND):
        if w not in learned:
            rows.append((w, 0, HAND[w], 0.5))
    for w, n, r, ds in sorted(rows):
        print(f"{w}\t{n}\t{r:.2f}\t{ds:.2f}")

if __name__ == "__main__":
    main(sys.argv[1])
