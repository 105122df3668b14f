#!/usr/bin/env bash
# The README's second command (and CI's): set up, then build and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
swift build --build-tests
swift test --skip-build
