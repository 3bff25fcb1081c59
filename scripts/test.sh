#!/usr/bin/env bash
# npm test: everything CI checks, in order, on a fresh machine of this kind (Debian, Node 20).
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium (never a downloaded browser); install it when missing.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "Chromium is missing: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

step() { printf '\n== %s\n' "$1"; }
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
step "type-check";           npx tsc -p tsconfig.json
step "lint (zero warnings)"; npx eslint . --max-warnings 0
step "format";               npx prettier --check . --log-level warn
step "unit and integration"; npx jest --selectProjects unit integration --coverage --json --outputFile "$results/unit.json"
step "production build";     npx webpack --env target=local
step "browser tests";        npx jest --selectProjects browser --runInBand --json --outputFile "$results/browser.json"

# One closing line over both Jest runs, in the plain form CI reads.
node -e '
  const runs = process.argv.slice(1).map((f) => JSON.parse(require("node:fs").readFileSync(f, "utf8")));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  console.log(`\nTests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' "$results/unit.json" "$results/browser.json"
