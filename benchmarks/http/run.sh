#!/usr/bin/env bash
# HTTP load of the two hot endpoints with wrk, as in docs/benchmarks.md ("HTTP (wrk)").
#   benchmarks/http/run.sh [OFFERS] [PROFILES]     (default 100000 100000)
# Publishes Coach (Release), generates the corpus into a scratch folder (kept between runs, by size), starts
# Coach on a free loopback port in Development (for /api/dev/token), warms up, then runs wrk with 2 threads and
# 16 connections for 20 s on each endpoint, and prints req/s, latency percentiles and the server's CPU time per
# request (from /proc). Needs wrk (apt-get install wrk). Writes nothing in the repository.
set -euo pipefail
offers=${1:-100000}; profiles=${2:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${COACH_BENCH_DIR:-/tmp/coach-http-bench}/$offers-$profiles
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
data=${COACH_DATA:-$root/../shared/data}

dotnet publish "$root/src/Coach.Api" -c Release -o "$work/app" -v q >/dev/null
export Coach__DataPath=$data Coach__StorePath=$work/coach.db Coach__CachePath=$work/cache Coach__ModelPath=$work/models
if [ ! -f "$work/coach.db" ]; then
  dotnet "$work/app/Coach.Api.dll" generate --offers "$offers" --profiles "$profiles" --seed 7 --store "$work/coach.db"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$url Coach__SeedOffers=0 Coach__SeedProfiles=0 \
  Coach__RateLimits__CallerUnitsPerMinute=100000000 Coach__RateLimits__AnonymousUnitsPerMinutePerAddress=100000000 \
  Logging__LogLevel__Default=Warning dotnet "$work/app/Coach.Api.dll" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "$url/health" && break; sleep 1; done

# 200 seekers of the store, each with their own token: a seeker reads their own matches.
python3 - "$work/coach.db" "$url" > "$work/seekers.txt" <<'PY'
import json, sqlite3, sys, urllib.request
db, url = sys.argv[1], sys.argv[2]
ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM profiles WHERE rowid % 97 = 0 LIMIT 200")]
for i in ids:
    req = urllib.request.Request(url + "/api/dev/token", json.dumps({"userId": i, "role": "seeker"}).encode(), {"Content-Type": "application/json"})
    print(i, json.load(urllib.request.urlopen(req))["token"])
PY
sed "s#SEEKERS#$work/seekers.txt#" "$root/benchmarks/http/matches.lua" > "$work/matches.lua"

measure() {
  local name=$1 script=$2
  wrk -t2 -c16 -d10s -s "$script" "$url" > /dev/null   # warm-up (JIT, caches)
  local t0 t1 out
  t0=$(awk '{print $14+$15}' /proc/$server/stat)
  out=$(wrk -t2 -c16 -d20s --latency -s "$script" "$url")
  t1=$(awk '{print $14+$15}' /proc/$server/stat)
  local requests
  requests=$(echo "$out" | grep -oE '^\s*[0-9]+ requests' | grep -oE '[0-9]+')
  echo "== $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "$out" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|timeout' || true
  python3 -c "print('server CPU per request: %.2f ms' % (($t1-$t0)*1000/$(getconf CLK_TCK)/$requests))"
}
measure "GET /api/profiles/{id}/matches" "$work/matches.lua"
measure "POST /api/coach/diagnose" "$root/benchmarks/http/diagnose.lua"
