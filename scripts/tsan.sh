#!/usr/bin/env bash
# The test suite under the thread sanitizer (TSan): every data race between threads
# that the tests make happen is reported with both stacks, and the run fails.
#
#   bash scripts/tsan.sh                       # the whole suite (as scripts/test.sh, with PostGIS)
#   bash scripts/tsan.sh --filter Moran        # only the tests whose names match
#   bash scripts/tsan.sh --probe               # a minute: only ParallelFor, Locked and OnceCache
#                                              # (scripts/tsan-probe/main.swift), compiled alone
#   bash scripts/tsan.sh --mutex-control       # shows why Locked is not Synchronization.Mutex: TSan
#                                              # reports correct Mutex code on Linux (status 66)
#
# It builds into its own folder, .build-tsan (a debug build with -sanitize=thread of
# every target, swift-crypto included: about 15 minutes unloaded the first time), so
# the ordinary .build is left alone. TSan slows the code down 5-15 times; the real
# PC-4 tests take long. TSAN_OPTIONS may be set (the default below makes the first
# race end the run with status 66 and names the suppressions file).
# Not in CI (.ci/run): run it by hand after changing code that runs on several threads.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--probe" ]]; then
  core=Sources/WijkstatCore
  probe=$(mktemp -d)
  trap 'rm -rf "$probe"' EXIT
  swiftc -swift-version 6 -sanitize=thread -Onone -o "$probe/probe" scripts/tsan-probe/main.swift \
    $core/Support/{ParallelFor,SeededRandom,Locked,OnceCache}.swift
  TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 exitcode=66}" "$probe/probe"
  exit
fi
if [[ "${1:-}" == "--mutex-control" ]]; then
  probe=$(mktemp -d)
  trap 'rm -rf "$probe"' EXIT
  swiftc -swift-version 6 -sanitize=thread -Onone -o "$probe/control" \
    scripts/tsan-probe/mutex-control.swift
  TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0 exitcode=66}" "$probe/control"
  exit
fi
bash scripts/setup.sh --test
# GDAL, GEOS, PROJ and LAPACK are not built with TSan: races inside them cannot be
# seen, and their own thread pools are left out (scripts/tsan-suppressions.txt).
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt}"
swift build --build-tests --sanitize=thread --build-path .build-tsan
# One test is skipped: aFileSizeLimitIsOneLineAndTheEarlierOutputStays runs wijkstat under
# `ulimit -f 64`, and the sanitizer's own runtime then dies of SIGBUS before wijkstat's
# code runs ("ThreadSanitizer: BUS on unknown address", also for `wijkstat demo` alone under
# that limit; session 10), which says nothing about races. The ordinary suite runs it.
bash scripts/with-postgis.sh swift test --skip-build --sanitize=thread --build-path .build-tsan --no-parallel \
  --skip aFileSizeLimitIsOneLineAndTheEarlierOutputStays "$@"
