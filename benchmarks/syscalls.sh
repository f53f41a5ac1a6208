#!/usr/bin/env bash
# System calls and CPU per proxied unary call through one Legate tree: a short, scripted measurement for comparing
# two builds (the full comparison with the other proxies is run.sh).
#
#   benchmarks/syscalls.sh [TREE]     # TREE: a distribution tree; default: this checkout's distribution/target
#
# Starts the grpc-java upstream and Legate on loopback, warms Legate up, then for h2c and TLS drives CALLS unary
# calls with h2load (-c 8 -m 16, as run.sh) twice: once under `strace -f -c` (socket reads and writes per call),
# once without (user+sys CPU of the gateway per call; strace would inflate it).
# Settings (environment): CALLS (50000), JIT_WARMUP (20, s of load before measuring), PEERS_DIR (../shared/peers).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
source "$HERE/lib.sh"

CALLS=${CALLS:-50000}
JIT_WARMUP=${JIT_WARMUP:-20}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
SOURCE_TREE=${1:-$(ls -d "$ROOT"/distribution/target/legate-*/ 2>/dev/null | head -n 1)}
[[ -x $SOURCE_TREE/bin/legate ]] || die "no distribution tree at '$SOURCE_TREE': build with mvn -DskipTests package"
[[ -f $HERE/target/benchmarks.jar ]] || die "no $HERE/target/benchmarks.jar: build with mvn -DskipTests package"
command -v h2load >/dev/null || die "h2load missing: apt-get install nghttp2-client"
command -v strace >/dev/null || die "strace missing: apt-get install strace"

RUN=$(mktemp -d /tmp/legate-syscalls.XXXXXX)
trap cleanup EXIT
trap 'exit 130' INT TERM
TREE=$RUN/legate-home
cp -r "$SOURCE_TREE" "$TREE"
rm -rf "$TREE/logs" "$TREE/data"
CP="$HERE/target/benchmarks.jar:$HERE/target/lib/*"

start_upstream
conf=$RUN/legate
bench LegateConf "$conf" "$UPSTREAM" "$CERTS/cert.pem" "$CERTS/key.pem" >/dev/null
H2C_PORT=$(free_port) TLS_PORT=$(free_port) ADMIN_PORT=$(free_port)
(
  export LEGATE_CONF=$conf/legate.yaml LEGATE_HTTP_PORT=$H2C_PORT LEGATE_HTTPS_PORT=$TLS_PORT LEGATE_ADMIN_PORT=$ADMIN_PORT
  exec "$TREE/bin/legate" run
) >"$RUN/legate.log" 2>&1 &
GATEWAY=$!
started $GATEWAY
wait_line "$RUN/legate.log" 'legate listening on' $GATEWAY legate

calls() { # calls URL N [h2load option...]
  h2load -c 8 -m 16 -n "$2" "${@:3}" -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$PEERS_DIR/hello.grpc" "$1" >"$RUN/h2load.out" 2>&1
  grep -q "requests: $2 total, $2 started, $2 done, $2 succeeded" "$RUN/h2load.out" \
    || die "not every call succeeded: $(grep ^requests "$RUN/h2load.out")"
}

measure() { # measure NAME URL
  local name=$1 url=$2 t0 ticks strace_pid i
  log "$name: warming up for $JIT_WARMUP s"
  h2load -c 8 -m 16 -D "$JIT_WARMUP" -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$PEERS_DIR/hello.grpc" "$url" >/dev/null 2>&1
  t0=$(cpu_ticks "$GATEWAY")
  calls "$url" "$CALLS"
  ticks=$(($(cpu_ticks "$GATEWAY") - t0))
  strace -f -c -e trace=write,writev,sendto,sendmsg,read,recvfrom -o "$RUN/strace.$name" -p "$GATEWAY" \
    2>"$RUN/strace.$name.err" &
  strace_pid=$!
  for ((i = 0; i < 300; i++)); do
    grep -q attached "$RUN/strace.$name.err" && break
    sleep 0.1
  done
  sleep 1 # every thread attached (strace names each one as it goes)
  calls "$url" "$CALLS"
  kill -INT "$strace_pid"
  wait "$strace_pid" || true
  awk -v calls="$CALLS" -v name="$name" -v ticks="$ticks" '
    $NF ~ /^(write|writev|sendto|sendmsg|read|recvfrom)$/ { n[$NF] = $4 }
    END {
      printf "%-5s calls=%d cpu_us_per_call=%.1f", name, calls, ticks * 10000 / calls
      split("writev write sendto sendmsg read recvfrom", order, " ")
      for (i = 1; i <= 6; i++) printf " %s=%.2f", order[i], n[order[i]] / calls
      printf "\n"
    }' "$RUN/strace.$name"
}

echo "tree: $SOURCE_TREE"
measure h2c "http://127.0.0.1:$H2C_PORT/helloworld.Greeter/SayHello"
measure tls "https://127.0.0.1:$TLS_PORT/helloworld.Greeter/SayHello"
