#!/usr/bin/env bash
# HTTP load of the two hot endpoints with wrk, as in docs/benchmarks.md ("HTTP (wrk)").
#   benchmarks/http/run.sh [OFFERS] [PROFILES]     (default 100000 100000)
# Publishes this checkout's Coach (Release), generates the corpus once per size (seed 7) and starts every run on a
# fresh copy of it, in a run folder of its own (store, cache and signing key), on a free loopback port in Development
# (for /api/dev/token); warms up, waits until the server is idle, then runs wrk with 2 threads and 16 connections for
# 20 s on each endpoint, and prints req/s, latency percentiles and the server's CPU time per request (from /proc).
# Needs wrk (apt-get install wrk). Writes nothing in the repository.
#
# Why a run folder each time: runs used to share one store, one cache folder and one publish folder for every
# checkout. The store grew by every earlier run's impressions (3.4 GB after a day), a second checkout's run published
# over the first's binaries, and background work of a fresh start (a cache computed by another build, the tiered JIT)
# was counted in the measured CPU. Now: binaries per checkout, a pristine store copied per run, and no measurement
# before the server has been idle for 2 s.
set -euo pipefail
offers=${1:-100000}; profiles=${2:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
base=${COACH_BENCH_DIR:-/tmp/coach-http-bench}
corpus=$base/corpus-$offers-$profiles
app=$base/app-$(echo "$root" | md5sum | cut -c1-8)
mkdir -p "$corpus"
run=$(mktemp -d "$base/run-XXXXXX")
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
data=${COACH_DATA:-$root/../shared/data}

rm -rf "$app"
dotnet publish "$root/src/Coach.Api" -c Release -o "$app" -v q >/dev/null
export Coach__DataPath=$data Coach__CachePath=$run/cache Coach__ModelPath=$run/models
if [ ! -f "$corpus/generated" ]; then
  rm -f "$corpus"/coach.db*
  dotnet "$app/Coach.Api.dll" generate --offers "$offers" --profiles "$profiles" --seed 7 --store "$corpus/coach.db"
  touch "$corpus/generated"
fi
# The store and, when there is one, the index's snapshot of it (read at start instead of a rebuild).
cp "$corpus/coach.db" "$run/coach.db"
if [ -f "$corpus/coach.db.snapshot" ]; then cp "$corpus/coach.db.snapshot" "$run/coach.db.snapshot"; fi
export Coach__StorePath=$run/coach.db
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$url Coach__SeedOffers=0 Coach__SeedProfiles=0 \
  Coach__RateLimits__CallerUnitsPerMinute=100000000 Coach__RateLimits__AnonymousUnitsPerMinutePerAddress=100000000 \
  Logging__LogLevel__Default=Warning dotnet "$app/Coach.Api.dll" > "$run/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$run"' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "$url/health" && break; sleep 1; done

# 200 seekers of the store, each with their own token: a seeker reads their own matches.
python3 - "$run/coach.db" "$url" > "$run/seekers.txt" <<'PY'
import json, sqlite3, sys, urllib.request
db, url = sys.argv[1], sys.argv[2]
ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM profiles WHERE rowid % 97 = 0 LIMIT 200")]
for i in ids:
    req = urllib.request.Request(url + "/api/dev/token", json.dumps({"userId": i, "role": "seeker"}).encode(), {"Content-Type": "application/json"})
    print(i, json.load(urllib.request.urlopen(req))["token"])
PY
sed "s#SEEKERS#$run/seekers.txt#" "$root/benchmarks/http/matches.lua" > "$run/matches.lua"

cpu() { awk '{print $14+$15}' /proc/$server/stat; }
# Waits (up to 120 s) until the server used less than 5 % of a core over 2 s, and says how long that took.
idle() {
  local waited=0 a b
  while [ $waited -lt 120 ]; do
    a=$(cpu); sleep 2; b=$(cpu); waited=$((waited + 2))
    if [ $(( (b - a) * 100 )) -lt $(( 2 * $(getconf CLK_TCK) * 5 )) ]; then break; fi
  done
  echo "   (server idle after ${waited} s: $(( (b - a) * 1000 / $(getconf CLK_TCK) )) ms of CPU in the last 2 s)"
}
requests() { grep -oE '^\s*[0-9]+ requests' | grep -oE '[0-9]+'; }
impressions() { python3 - "$run/coach.db" <<'PY'
import sqlite3, sys
try: print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM ranking_impressions").fetchone()[0])
except sqlite3.OperationalError: print(0)
PY
}
measure() {
  local name=$1 script=$2
  warm=$(wrk -t2 -c16 -d10s -s "$script" "$url" | requests)   # warm-up (JIT, caches)
  local note t0 t1 out
  note=$(idle)
  t0=$(cpu)
  out=$(wrk -t2 -c16 -d20s --latency -s "$script" "$url")
  t1=$(cpu)
  requests=$(echo "$out" | requests)
  echo "== $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$note"
  echo "$out" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|timeout' || true
  python3 -c "print('server CPU per request: %.2f ms' % (($t1-$t0)*1000/$(getconf CLK_TCK)/$requests))"
}
if [ "${COACH_BENCH_ONLY:-}" != diagnose ]; then
  before=$(impressions)
  measure "GET /api/profiles/{id}/matches" "$run/matches.lua"
  # The impressions' writer done: the count the same twice 5 s apart (up to 3 minutes).
  last=-1; count=$(impressions)
  for _ in $(seq 1 36); do [ "$count" = "$last" ] && break; last=$count; sleep 5; count=$(impressions); done
  # Every page shown is recorded (ranking_impressions, one row per offer shown): rows per request, to see none dropped.
  python3 -c "print('impressions recorded: %.1f rows per matches request (%d requests)' % (($(impressions)-$before)/($warm+$requests), $warm+$requests))"
fi
[ "${COACH_BENCH_ONLY:-}" = matches ] || measure "POST /api/coach/diagnose" "$root/benchmarks/http/diagnose.lua"
