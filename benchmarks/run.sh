#!/usr/bin/env bash
# Legate side by side with haproxy and nginx: builds Legate, starts on loopback a grpc-java upstream,
# Legate, haproxy and nginx (Debian's packages, each at its default worker/thread count), drives the same loads
# through each, interleaved (direct legate haproxy nginx, direct legate ...), counts the system calls of the unary
# loads in a pass of its own under strace, and writes benchmarks/RESULTS.md. Legate logs no call, as the peers log
# none; legate-log, the same Legate with its access log on, runs load 1 beside it. Legate alone also runs load 1
# through a Mapping over three endpoints (1e) and has one of them killed under load (8): see endpoints.sh.
#
#   benchmarks/run.sh                 # the full run (about 20 min on the 2-core machine)
#   QUICK=1 benchmarks/run.sh         # a short run for development: 1 round, 2 s loads, small streams, 2,000 traced calls
#   QUICK=1 LOADS=1e,8 TARGETS=direct,legate OUT=/tmp/results.md benchmarks/run.sh   # only the loads over three endpoints
#
# Three reference rows, not products, run the unary loads beside them: jetty-core (Jetty's core server and HTTP/2
# client), jetty-frames (HTTP/2 frames both sides over Legate's transport) and jetty-servlet (jetty-frames entered
# through a servlet, as Legate is), forwarders written on Jetty with nothing else.
#
# Before the loads, each JVM (Legate, the reference rows, the upstream) is driven in windows of 5 s until its JIT
# compiler took under 3 % of its CPU in the last window of each of its ports (jit.sh); haproxy and nginx get
# JIT_WARMUP s.
#
# Settings (environment): ROUNDS (3), SECS (5, per measurement), WARMUP (1), JIT_WARMUP (30, the least s of warm-up
# per target), JIT_WARMUP_MAX (120, the most s per JVM), LOADS (1,1e,2,3,4,5,6,7,8), TARGETS
# (direct,legate,legate-log,haproxy,nginx,jetty-core,jetty-frames,jetty-servlet), FLOOR_LOADS (1,3,7: the loads the reference rows
# take part in; legate-log takes part in load 1 only), STREAM_MIB (512, per round), STREAM_FULL_MIB (1024, once per
# target), IDLE_STREAMS (10000), SWAPS (100), CONNECTIONS (1000, load 7), KILL_SECS (10, load 8's calls per Mapping),
# KILL_AFTER (3, s into them when the upstream is killed), SYSCALL_CALLS (10000 per path and unary load under strace;
# 0 skips that pass), SYSCALL_SECS (30, the most each of them may take), BUILD (1; 0 reuses the built tree), OUT
# (benchmarks/RESULTS.md), PEERS_DIR (../shared/peers: the configuration templates), KEEP (0; 1 keeps the run
# directory).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
source "$HERE/lib.sh"
source "$HERE/loads.sh"
source "$HERE/jit.sh"
source "$HERE/endpoints.sh"
source "$HERE/syscalls.sh"
source "$HERE/report.sh"

if [[ ${QUICK:-0} == 1 ]]; then
  : "${ROUNDS:=1}" "${SECS:=2}" "${JIT_WARMUP:=4}" "${JIT_WARMUP_MAX:=20}" "${STREAM_MIB:=64}" "${STREAM_FULL_MIB:=128}" "${IDLE_STREAMS:=1000}" "${SWAPS:=20}"
  : "${SYSCALL_CALLS:=2000}" "${KILL_SECS:=6}" "${KILL_AFTER:=2}"
fi
ROUNDS=${ROUNDS:-3}
SECS=${SECS:-5}
WARMUP=${WARMUP:-1}
JIT_WARMUP=${JIT_WARMUP:-30}
JIT_WARMUP_MAX=${JIT_WARMUP_MAX:-120}
LOADS=${LOADS:-1,1e,2,3,4,5,6,7,8}
TARGETS=${TARGETS:-direct,legate,legate-log,haproxy,nginx,jetty-core,jetty-frames,jetty-servlet}
FLOOR_LOADS=${FLOOR_LOADS:-1,3,7}
STREAM_MIB=${STREAM_MIB:-512}
STREAM_FULL_MIB=${STREAM_FULL_MIB:-1024}
IDLE_STREAMS=${IDLE_STREAMS:-10000}
SWAPS=${SWAPS:-100}
CONNECTIONS=${CONNECTIONS:-1000}
KILL_SECS=${KILL_SECS:-10}
KILL_AFTER=${KILL_AFTER:-3}
SYSCALL_CALLS=${SYSCALL_CALLS:-10000}
SYSCALL_SECS=${SYSCALL_SECS:-30}
OUT=${OUT:-$HERE/RESULTS.md}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
COMMAND="benchmarks/run.sh${QUICK:+ (QUICK=$QUICK)}"
IFS=, read -r -a TARGET_LIST <<<"$TARGETS"
((JIT_WARMUP_MAX >= JIT_WARMUP)) || { echo "JIT_WARMUP_MAX: $JIT_WARMUP_MAX (expected: >= JIT_WARMUP, $JIT_WARMUP)" >&2; exit 2; }

RUN=$(mktemp -d /tmp/legate-bench.XXXXXX)
RES=$RUN/results
mkdir -p "$RES"
trap cleanup EXIT
trap 'exit 130' INT TERM
START_TIME=$(date +%s)

install_missing
raise_fd_limit
build
plan_endpoints
start_upstream
name_endpoints
start_legate
start_legate_log
start_haproxy
start_nginx
start_reference_rows
check_targets
check_endpoints
warm_up_jit
warm_up_endpoints

has_load 1 && load_h2load 1 8 16
has_load 1e && load_three_endpoints
has_load 2 && load_h2load 2 8 16
has_load 3 && load_grpc_unary
has_load 7 && load_h2load 7 "$CONNECTIONS" 1
has_load 4 && load_streaming
has_load 6 && load_route_swaps
((SYSCALL_CALLS > 0)) && syscall_pass
has_load 8 && load_upstream_killed # after the others: it kills an upstream of theirs
has_load 5 && load_idle_streams # last: what it leaves behind (see RESULTS.md) must not weigh on the others

write_results
cat "$OUT"
log "done in $(( $(date +%s) - START_TIME )) s; results in $OUT"
