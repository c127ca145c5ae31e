#!/usr/bin/env python3
"""Writes the texts of a JSONL file in the interchange format as one .txt file each, so that
`quarry bench --dir OUT` can time the pipeline on distinct articles (the default benchmark
repeats the 22 State Department releases, so the taggers' per-word memos are always warm).

Usage: tools/bench/distinct_corpus.py ../shared/data/polnear/train.jsonl /tmp/polnear-corpus
"""
import json
import pathlib
import sys


def main() -> None:
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    seen = set()
    with src.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            rec = json.loads(line)
            text = rec["text"]
            if text in seen:  # PolNeAR has one record per annotator.
                continue
            seen.add(text)
            (out / f"{i:05d}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
    print(f"{len(seen)} distinct texts, {total / 1e6:.2f} MB, in {out}")


if __name__ == "__main__":
    main()
