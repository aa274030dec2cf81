#!/usr/bin/env bash
# Runs every test of Coach. Installs what the tests need when it is missing, then `dotnet test`.
# Ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use (real servers and a real browser, never mocks).
packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
# (Added as the features that need them land.)
# The web app's end-to-end tests drive the Debian Chromium through Playwright; fonts for readable screenshots.
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
# The cache and rate-limit tests start a real Redis (two Coach instances on it, then kill it).
[ -x /usr/bin/redis-server ] || packages+=(redis-server)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null || {
    echo "Could not install ${packages[*]} with apt-get"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (https://dot.net)."; echo "0 passed, 1 failed"; exit 1
fi

log=$(mktemp)
dotnet test Coach.sln --configuration Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The house style: `dotnet format` has nothing to change (whitespace, code style, analyzers). A change counts as a failure.
format_failed=0
echo "Checking the formatting: dotnet format --verify-no-changes"
if ! dotnet format Coach.sln --verify-no-changes --no-restore 2>&1 | tail -n 50; then
  echo "dotnet format would change the files above: run 'dotnet format Coach.sln' and commit."
  format_failed=1
fi

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 8, Skipped: 0, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)!\s+- Failed:' "$log" | sed -E 's/.*Failed:\s+([0-9]+), Passed:\s+([0-9]+), Skipped:\s+([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or a test host failed before any test could report
fi
failed=$((failed + format_failed))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
