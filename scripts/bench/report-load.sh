#!/usr/bin/env bash
# Times how long headless Chromium takes to load and lay out a report.html
# (BENCHMARKS.md, issue 19): a harness page loads the report in an iframe and
# records performance.now() at the iframe's load event (HTML parsed, inline SVG
# and images decoded, layout done), N times, each in a fresh Chromium process.
# Also prints the whole process's wall time (Chromium's own start included).
#   bash scripts/bench/report-load.sh OUT/report.html [N]
# Needs chromium (apt-get install chromium). Not a test.
set -euo pipefail
report=$(realpath "$1")
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/harness.html" <<HTML
<!doctype html><html><body><pre id="result">pending</pre>
<iframe id="f" style="width:1280px;height:900px"></iframe>
<script>
const t0 = performance.now();
const f = document.getElementById('f');
f.onload = () => {
  const t = performance.now() - t0;
  const d = f.contentDocument;
  document.getElementById('result').textContent =
    'loaded_ms=' + t.toFixed(0) + ' elements=' + d.getElementsByTagName('*').length +
    ' svg=' + d.getElementsByTagName('svg').length + ' img=' + d.getElementsByTagName('image').length;
};
f.src = 'file://$report';
</script></body></html>
HTML
for r in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  line=$(chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --user-data-dir="$work/profile-$r" --dump-dom \
    "file://$work/harness.html" 2>/dev/null | grep -o '<pre id="result">[^<]*' | sed 's/.*>//' || echo 'loaded_ms=? (no load event)')
  end=$(date +%s.%N)
  printf 'run %d: %s, whole chromium process %.2f s, load %s\n' "$r" "$line" \
    "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
