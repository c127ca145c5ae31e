#!/bin/bash
# Cross-checks the exports with the clients researchers use (pandas, networkx) in a throwaway
# virtual environment. Usage: tools/clients/run.sh [QUARRY_BINARY] [PROJECT.ron]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quarry="${1:-$root/target/debug/quarry}"
project="${2:-$root/projects/demo/demo.ron}"
venv="$(mktemp -d /tmp/quarry-clients.XXXXXX)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet pandas networkx
"$venv/bin/python" "$here/check_exports.py" "$quarry" "$project"
