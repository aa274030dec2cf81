#!/usr/bin/env bash
# Cold start as an operator meets it: a fresh Coach.Api process on an existing store, from process start to
# /health 200 (reference data loaded and the index open), as in docs/benchmarks.md ("Quiet-machine runs").
#   benchmarks/http/coldstart.sh STORE_FOLDER [RUNS]
# STORE_FOLDER holds coach.db (and its coach.db.snapshot when there is one), e.g. a copy of
# data/corpus/engine-1000000-s42-*/ built by the benchmarks' `prepare`. The store is copied once into a run folder
# (the original is never opened); the first run starts with empty caches (the ROME 4.0-ESCO alignment computed),
# the next ones with the caches the first wrote. Prints wall time, the server's CPU time and its resident memory
# 5 s after ready. Writes nothing in the repository.
set -euo pipefail
src=${1:?STORE_FOLDER}; runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
base=${COACH_BENCH_DIR:-/tmp/coach-http-bench}
app=$base/app-$(echo "$root" | md5sum | cut -c1-8)
mkdir -p "$base"
run=$(mktemp -d "$base/coldstart-XXXXXX")
trap 'rm -rf "$run"' EXIT
rm -rf "$app"
dotnet publish "$root/src/Coach.Api" -c Release -o "$app" -v q >/dev/null
cp "$src/coach.db" "$run/coach.db"
if [ -f "$src/coach.db.snapshot" ]; then cp "$src/coach.db.snapshot" "$run/coach.db.snapshot"; fi
export Coach__DataPath=${COACH_DATA:-$root/../shared/data} Coach__CachePath=$run/cache Coach__ModelPath=$run/models Coach__StorePath=$run/coach.db
for i in $(seq 1 "$runs"); do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s.%N)
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:$port Coach__SeedOffers=0 Coach__SeedProfiles=0 \
    dotnet "$app/Coach.Api.dll" > "$run/server-$i.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = "200" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the server stopped; see its log:"; tail -20 "$run/server-$i.log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  cpu=$(awk '{print ($14+$15)/100}' "/proc/$pid/stat")
  sleep 5
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "run $i: ready in $(echo "$end - $start" | bc) s wall, ${cpu} s of server CPU, ${rss} kB resident 5 s after, load $(cut -d' ' -f1-3 /proc/loadavg); $(grep -o 'Match index.*' "$run/server-$i.log" | head -1)"
  kill -TERM "$pid"; wait "$pid" || true
done
