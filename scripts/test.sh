#!/usr/bin/env bash
# The README's second command (and CI's): set up, then build and run the whole test suite.
# Tests run one at a time (--no-parallel): the GDAL bridge's memory test measures this
# process's resident memory, which other tests running alongside would disturb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
swift build --build-tests
swift test --skip-build --no-parallel
