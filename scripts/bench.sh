#!/usr/bin/env bash
# The benchmark: appxlint against `xmllint --noout` on the same synthetic corpus.
#
#   scripts/bench.sh              # 10,000 manifests, 5 rounds
#   COUNT=2000 ROUNDS=3 scripts/bench.sh
#
# Builds appxlint in release mode, writes the corpus into target/bench-corpus (once per
# COUNT and SEED), then runs scripts/bench.py. xmllint comes from libxml2
# (Debian/Ubuntu: apt-get install libxml2-utils); without it the baseline is skipped. Peak
# RSS is read with GNU time (apt-get install time).
# Figures and the machine they came from: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${COUNT:-10000}"
seed="${SEED:-1}"
rounds="${ROUNDS:-5}"
corpus="target/bench-corpus"

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example scan
if ! [ -f "$corpus/summary.json" ] || ! python3 - "$corpus/summary.json" "$count" "$seed" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(0 if (s.get("count"), s.get("seed")) == (int(sys.argv[2]), int(sys.argv[3])) else 1)
PY
then
  echo "writing the corpus ($count manifests) into $corpus"
  python3 scripts/gen_corpus.py --out "$corpus" --count "$count" --seed "$seed" >/dev/null
fi
if ! command -v xmllint >/dev/null; then
  echo "xmllint not found (apt-get install libxml2-utils): the baseline is skipped"
fi
# The manifest XSD set, when the shared reference is beside the checkout: xmllint then also
# validates against it, the C baseline that does work comparable to appxlint's.
schema="${APPXLINT_SHARED:-../shared}/reference/schemas/all.xsd"
schema_arg=()
if [ -f "$schema" ]; then schema_arg=(--schema "$schema"); fi
python3 scripts/bench.py --appxlint target/release/appxlint --scan target/release/examples/scan --corpus "$corpus" --rounds "$rounds" --json target/bench-result.json "${schema_arg[@]}"
