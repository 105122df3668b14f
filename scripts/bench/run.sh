#!/usr/bin/env bash
# Builds wijkstat and wijkstat-bench in release mode and runs the benchmark
# (BENCHMARKS.md) with the arguments given, e.g.
#   bash scripts/bench/run.sh --whole-only --repeat 5
#   bash scripts/bench/run.sh --sizes 10000,50000,460000 --repeat 3 --out BENCHMARKS.md
# Run from the package root: the whole-process project uses maps/*.yaml and the
# real boundaries in ../shared/data/nl. Not a test: nothing fails on a slow machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product wijkstat
swift build -c release --product wijkstat-bench
exec .build/release/wijkstat-bench "$@"
