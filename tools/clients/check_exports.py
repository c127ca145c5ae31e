#!/usr/bin/env python3
"""Loads Quarry's CSV export with pandas and its GEXF/GraphML with networkx and compares the
row, node and edge counts with the summary line `quarry export` prints. Exit 1 on mismatch."""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd


def export(quarry, project, fmt, out):
    r = subprocess.run([quarry, "export", project, "--format", fmt, "-o", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"quarry export {fmt} failed: {r.stderr}")
    m = re.search(r"articles=(\d+) entities=(\d+) mentions=(\d+) quotes=(\d+) relations=(\d+) edges=(\d+)", r.stderr)
    if not m:
        sys.exit(f"no summary line in: {r.stderr}")
    return dict(zip(["articles", "entities", "mentions", "quotes", "relations", "edges"], map(int, m.groups())))


def main():
    quarry, project = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        want = export(quarry, project, "csv", f"{tmp}/csv")
        for name, key in [("articles", "articles"), ("entities", "entities"), ("mentions", "mentions"),
                          ("quotes", "quotes"), ("relations", "relations")]:
            n = len(pd.read_csv(f"{tmp}/csv/{name}.csv", keep_default_na=False))
            print(f"pandas {name}.csv: {n} rows (quarry {want[key]})")
            if n != want[key]:
                failures.append(name)
        for fmt, reader in [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)]:
            want = export(quarry, project, fmt, f"{tmp}/g.{fmt}")
            g = reader(f"{tmp}/g.{fmt}")
            # networkx reads a GEXF `mutual` (symmetric) edge as two directed edges with the
            # same id: count the distinct edge ids.
            edges = len({d.get("id", (u, v, k)) for u, v, k, d in g.edges(keys=True, data=True)})
            print(f"networkx {fmt}: {g.number_of_nodes()} nodes, {edges} edges "
                  f"({g.number_of_edges()} directed) (quarry {want['entities']}, {want['edges']})")
            if (g.number_of_nodes(), edges) != (want["entities"], want["edges"]):
                failures.append(fmt)
    if failures:
        sys.exit(f"count mismatch: {', '.join(failures)}")
    print("all counts match")


if __name__ == "__main__":
    main()
