#!/bin/bash
# Runs `quarry extract FILE` on every hostile file of a folder (made by make_hostile.py) and
# prints, per file: exit code, wall seconds, peak memory (MB) and the first line of stderr.
# A crash is an exit code of 128 or more (a signal: 134 is the abort of a stack overflow) or
# a run stopped by the time limit (exit 124).  Usage: measure.sh QUARRY_BINARY DIR [SECONDS]
bin=$1; dir=$2; limit=${3:-60}
printf "%-28s %5s %8s %8s  %s\n" file exit seconds peak_MB message
for f in "$dir"/*; do
  name=$(basename "$f")
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out.time" timeout "$limit" "$bin" extract "$f" -o /dev/null 2>"$out" >/dev/null
  code=$?
  read -r secs kb < <(tail -1 "$out.time")
  msg=$(grep -v "^reading\|^extracting\|Command terminated" "$out" | head -1 | cut -c1-110)
  printf "%-28s %5s %8s %8s  %s\n" "$name" "$code" "$secs" "$((kb / 1024))" "$msg"
  rm -f "$out" "$out.time"
done
