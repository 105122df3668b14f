#!/usr/bin/env bash
# Checks that `swift format` (the toolchain's, with the repo's .swift-format) would
# change no Swift file: the sources, the tests and Package.swift are formatted in a
# temporary copy and compared with the tree. Fails (status 1) naming every file it
# would change, with the start of the difference; changes nothing in the tree.
#
#   bash scripts/format-check.sh           # the check (skipped until the tree is formatted, see below)
#   bash scripts/format-check.sh --force   # the check even before that, to see what would change
#   swift format format -i -r -p --configuration .swift-format Sources Tests Package.swift
#                                          # formats the tree in place (what makes the check pass)
#
# The check is enforced only once the file .swift-format-enforced exists at the top of
# the repository (committed together with the one formatting commit of the whole tree,
# issue 17): until then it prints that it was skipped and succeeds, so CI keeps working.
# scripts/test.sh (and so .ci/run) runs it before the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--force" && ! -f .swift-format-enforced ]]; then
  echo "format check skipped: the tree is not yet formatted (no .swift-format-enforced; see scripts/format-check.sh)"
  exit 0
fi
if ! swift format --version >/dev/null 2>&1; then
  echo "format check: \`swift format\` is not available in this toolchain" >&2
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Only the Swift files (the tests' fixtures stay where they are).
find Sources Tests -name '*.swift' -print0 | xargs -0 cp --parents -t "$scratch"
cp Package.swift .swift-format "$scratch"/
(cd "$scratch" && swift format format -i -r -p --configuration .swift-format Sources Tests Package.swift)
changed=()
while IFS= read -r -d '' file; do
  cmp -s "$file" "$scratch/$file" || changed+=("$file")
done < <(find Sources Tests -name '*.swift' -print0 | sort -z; printf 'Package.swift\0')
if (( ${#changed[@]} > 0 )); then
  echo "format check failed: swift format would change ${#changed[@]} file(s):" >&2
  printf '  %s\n' "${changed[@]}" >&2
  for file in "${changed[@]:0:3}"; do diff -u "$file" "$scratch/$file" | head -20 >&2 || true; done
  echo "fix: swift format format -i -r -p --configuration .swift-format Sources Tests Package.swift" >&2
  exit 1
fi
echo "format check passed: swift format would change none of $(find Sources Tests -name '*.swift' | wc -l) Swift files and Package.swift"
