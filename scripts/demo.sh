#!/usr/bin/env bash
# The README's first command: set up, build in release mode and run the whole
# job on the synthetic demo data in data/demo/, writing to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release
.build/release/wijkstat run --out out/demo
echo "open out/demo/report.html"
