#!/usr/bin/env bash
# Build the PyInstaller bundle (make installer) and prove it works on its own, from outside
# the source tree: the app visits every tab of the demo on an empty database, and the
# bundled `workbook` command imports the demo and exports it to .xlsx and .pdf. A data file
# or a module left out of the bundle makes one of these fail, and so this script.
# Usage: tools/smoke_bundle.sh [--no-build]; needs .venv (make test creates it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bundle="$root/dist/EngagementWorkbook"
export QT_QPA_PLATFORM=offscreen

if [ "${1:-}" != "--no-build" ]; then
  start=$SECONDS
  make installer
  echo "smoke-bundle: built $bundle in $((SECONDS - start)) s"
fi
echo "smoke-bundle: $(( $(du -sb "$bundle" | cut -f1) / 1000000 )) MB unpacked," \
  "$(find "$bundle" -type f | wc -l) files"

work=$(mktemp -d /tmp/workbook-bundle.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"  # nothing may come from the source tree
export WORKBOOK_LOG_DIR="$work/logs" HOME="$work/home" WORKBOOK_DB="$work/unused.sqlite"
fail() { echo "smoke-bundle: FAILED: $*" >&2; exit 1; }

: > empty.sqlite
"$bundle/EngagementWorkbook" --smoke-test shots --db empty.sqlite > tabs.txt \
  || fail "the app's smoke test (exit $?)"
[ "$(wc -l < tabs.txt)" = 16 ] || fail "the app visited $(wc -l < tabs.txt) tabs, not 16"
for shot in shots/00-overview.png shots/05-dataset.png shots/13-case_study.png shots/15-learning.png; do
  [ -s "$shot" ] || fail "no screenshot $shot"
done
[ "$(find shots -name '*.png' -size +10k | wc -l)" = 16 ] || fail "missing or blank screenshots"
grep -q "engagement-workbook .* started (bundle" logs/workbook.log || fail "the app wrote no log"
echo "smoke-bundle: app OK (16 tabs photographed, log written)"

cli() { "$bundle/workbook" --db cli.sqlite "$@"; }
id=$(cli import "$root/resources/demo/demo.engagement.json" | tail -n 1)
cli export "$id" --to demo.xlsx
cli export "$id" --to demo.pdf
cli export "$id" --to demo.engagement.json
cli diagram "$id" use-cases --to use-cases.png
cli profiles list > profiles.txt
cli list --json > list.json
[ "$(head -c 2 demo.xlsx)" = PK ] || fail "demo.xlsx is not a workbook"
[ "$(head -c 5 demo.pdf)" = %PDF- ] || fail "demo.pdf is not a PDF"
[ "$(find . -maxdepth 1 -name 'demo.pdf' -size +50k | wc -l)" = 1 ] || fail "demo.pdf is too small"
[ "$(head -c 4 use-cases.png | tail -c 3)" = PNG ] || fail "the diagram is not a PNG"
grep -q "CareConnect" profiles.txt || fail "the bundled profile catalogue is missing"
echo "meeting notes" > notes.sqlite
"$bundle/workbook" --db notes.sqlite list > /dev/null 2> error.txt && fail "a bad database was accepted"
grep -q "^workbook: " error.txt || fail "a bad database gave no one-line message"
echo "smoke-bundle: command line OK (import, export .xlsx .pdf .engagement.json, diagram, profiles)"

# a sample this large is read in two processes, the second started as the bundled program
# (multiprocessing.freeze_support): a failure there would be logged to stderr
"$root/.venv/bin/python" -c "import sys; sys.path.insert(0, '$root/benchmarks')
from pathlib import Path; from bench_xml_import import generate; generate(Path('big.xml'), 24)"
cli dataset import "$id" big.xml --dry-run > big.txt 2> big-errors.txt \
  || fail "the large XML sample was not imported: $(cat big-errors.txt)"
[ "$(tail -n 1 big.txt)" = "added 22, changed 0, removed 0" ] || fail "large XML: $(tail -n 1 big.txt)"
[ ! -s big-errors.txt ] || fail "large XML: $(cat big-errors.txt)"
echo "smoke-bundle: a 24 MB XML sample read in two processes"

"$root/.venv/bin/python" "$root/tools/check_bundle_text.py" "$bundle" > text.txt \
  || fail "text in the bundle: $(cat text.txt)"
echo "smoke-bundle: text sorts, changes case and shows as in the source install"
