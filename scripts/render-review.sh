#!/bin/sh
# Renders the review of the example export to a PNG with headless Chromium, to look at it as a
# person would (screen and print). Usage: scripts/render-review.sh [OUT_DIR]
# Needs Debian's chromium (apt-get install -y chromium) and a built precept (swift build).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/.build/review-render"}
mkdir -p "$out"
"$root/.build/debug/precept" review "$root/Rules/dfe-2026/examples/incidents.csv" \
  --roster "$root/Rules/dfe-2026/examples/roster.csv" --output "$out/review.html"
"$root/.build/debug/precept" review "$root/Rules/dfe-2026/examples/incidents.csv" \
  --format markdown --output "$out/review.md"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-dev-shm-usage"
# The page on screen, tall enough for every section.
$browser $flags --window-size=1100,${HEIGHT:-5400} --screenshot="$out/review.png" \
  "file://$out/review.html" 2>/dev/null
# And as printed (A4, with the print stylesheet).
$browser $flags --no-pdf-header-footer --print-to-pdf="$out/review.pdf" "file://$out/review.html" \
  2>/dev/null
echo "$out/review.html"
echo "$out/review.png"
echo "$out/review.pdf"
