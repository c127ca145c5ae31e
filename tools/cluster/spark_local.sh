#!/usr/bin/env bash
# Runs tools/cluster/spark_job.py in Spark's local[2] mode on 4 shards of ../shared/articles,
# merges the output with `quarry import --from-jsonl`, and checks that the project equals a
# single-process `quarry import` of the same articles. Needs Java 17 and python3-venv;
# pyspark goes into a throwaway virtual environment. Exit 0 only when the projects agree.
#   tools/cluster/spark_local.sh [QUARRY_BINARY]   (default: target/debug/quarry)
# Prints the Spark job's wall time (JVM start included).
set -euo pipefail
cd "$(dirname "$0")/../.."
QUARRY=$(realpath "${1:-target/debug/quarry}")
ARTICLES=$(realpath ../shared/articles)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# QUARRY_SPARK_VENV names a virtual environment that already has pyspark (to run it again).
if [ -n "${QUARRY_SPARK_VENV:-}" ]; then
  ln -s "$(realpath "$QUARRY_SPARK_VENV")" "$WORK/venv"
else
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q pyspark
fi

# The input: one record (id, text, meta) per article, in four shards.
"$QUARRY" extract "$ARTICLES" --text-only -o "$WORK/records.jsonl"
mkdir "$WORK/shards"
split -n l/4 -d --additional-suffix=.jsonl "$WORK/records.jsonl" "$WORK/shards/shard-"

start=$(date +%s%N)
# Shards named in order, comma-separated: partitions (and part files) keep that order.
INPUT=$(ls "$WORK"/shards/*.jsonl | sort | paste -sd, -)
PYSPARK_PYTHON="$WORK/venv/bin/python" "$WORK/venv/bin/python" tools/cluster/spark_job.py \
  --master 'local[2]' --quarry "$QUARRY" --input "$INPUT" --output "$WORK/out" 2> "$WORK/spark.log" \
  || { tail -40 "$WORK/spark.log" >&2; exit 1; }
end=$(date +%s%N)
echo "spark job: $(ls "$WORK"/shards | wc -l) shards, $(cat "$WORK"/out/part-* | wc -l) records, $(( (end - start) / 1000000 )) ms wall"

"$QUARRY" import "$WORK/merged.ron" --from-jsonl "$WORK"/out/part-*
"$QUARRY" import "$WORK/single.ron" "$ARTICLES"
# The projects differ only in their names (taken from the file names). The project file
# holds text, metadata and settings; the extractions are in its sidecar (NAME.ron.cache), so
# both are compared: the sidecars byte for byte, and what `extract --project` prints of them.
"$QUARRY" extract --project "$WORK/merged.ron" > "$WORK/merged.jsonl"
"$QUARRY" extract --project "$WORK/single.ron" > "$WORK/single.jsonl"
if ! cmp -s "$WORK/merged.ron.cache" "$WORK/single.ron.cache" \
  || ! cmp -s "$WORK/merged.jsonl" "$WORK/single.jsonl"; then
  echo "spark_local: the merged project's extractions differ from the single-process import" >&2
  diff "$WORK/merged.jsonl" "$WORK/single.jsonl" | head -20 >&2
  exit 1
fi
if cmp -s <(sed '/^  name: /d' "$WORK/merged.ron") <(sed '/^  name: /d' "$WORK/single.ron"); then
  echo "spark_local: the merged project (file and sidecar) equals the single-process import"
else
  echo "spark_local: the merged project differs from the single-process import" >&2
  diff <(sed '/^  name: /d' "$WORK/merged.ron") <(sed '/^  name: /d' "$WORK/single.ron") | head -20 >&2
  exit 1
fi
