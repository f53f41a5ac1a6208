# Sourced by run.sh: the loads. Each measurement appends one line of key=value pairs to $RES/LOAD.TARGET;
# a target that cannot run a load gets a line "na=reason".

record() { echo "$3" >>"$RES/$1.$2"; }
kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n 1; }

# rounds FN LOAD [TARGET...]: FN TARGET ROUND over every target (or those given), a warm-up pass (round 0, not
# recorded) then ROUNDS rounds, interleaved: direct legate haproxy nginx, direct legate ...
rounds() {
  local fn=$1 load=$2 t r targets=("${@:3}")
  ((${#targets[@]})) || targets=("${TARGET_LIST[@]}")
  for ((r = 0; r <= ROUNDS; r++)); do
    log "load $load, $([[ $r == 0 ]] && echo warm-up || echo "round $r/$ROUNDS")"
    for t in "${targets[@]}"; do
      if runs_load "$load" "$t"; then
        "$fn" "$t" "$r"
      elif [[ $r == 0 && -n $(sits_out "$load" "$t") ]]; then
        record "$load" "$t" "na=$(sits_out "$load" "$t")"
      fi
    done
  done
}

# cpu_begin TARGET: notes the CPU used so far by the target's proxy processes and by its upstreams, and by the
# proxy's JIT compiler where it is a JVM.
cpu_begin() {
  CPU_PROXY=() CPU_JVM=
  [[ $1 == direct ]] || read -r -a CPU_PROXY <<<"$(process_tree "$1")"
  [[ $1 == direct ]] || CPU_JVM=$(jvm_pid "$1")
  read -r -a CPU_UPSTREAM <<<"${UPSTREAM_PIDS[$1]:-${PID[direct]}}"
  [[ -n $CPU_JVM ]] && jit_begin "$CPU_JVM"
  CPU_PROXY0=$(cpu_ticks "${CPU_PROXY[@]}") CPU_UPSTREAM0=$(cpu_ticks "${CPU_UPSTREAM[@]}")
}

# cpu_per_call RPS SECS: "proxy_us=… upstream_us=…", the CPU each spent per call since cpu_begin (no proxy_us
# for direct), and "jit_pct=…", the share of a JVM proxy's CPU its JIT compiler took. Call it as soon as the load
# ends.
cpu_per_call() {
  local proxy_ticks=$(($(cpu_ticks "${CPU_PROXY[@]}") - CPU_PROXY0))
  local up_ticks=$(($(cpu_ticks "${CPU_UPSTREAM[@]}") - CPU_UPSTREAM0))
  [[ -n $CPU_JVM ]] && echo -n "jit_pct=$(jit_pct "$CPU_JVM") "
  ((${#CPU_PROXY[@]})) && echo -n "$(per_call_us proxy_us "$proxy_ticks" "$1" "$2") "
  per_call_us upstream_us "$up_ticks" "$1" "$2"
}

# per_call_us KEY TICKS RPS SECS: KEY=CPU microseconds per call, from clock ticks (10 ms) over SECS at RPS.
per_call_us() { awk -v k="$1" -v t="$2" -v r="$3" -v s="$4" 'BEGIN { if (r > 0) printf "%s=%.1f", k, t * 10000 / (r * s) }'; }

# h2load_grpc SECS ARG...: h2load sending a gRPC-framed HelloRequest, stopped after SECS whatever it is doing.
h2load_grpc() {
  timeout "$1" h2load -H 'content-type: application/grpc' -H 'te: trailers' -d "$PEERS_DIR/hello.grpc" "${@:2}"
}

# unary_url LOAD TARGET: the URL of a target for an h2load load; empty when the target has no TLS port.
unary_url() {
  if [[ $1 == 2 ]]; then
    [[ -n ${TLSP[$2]:-} ]] && echo "https://127.0.0.1:${TLSP[$2]}/helloworld.Greeter/SayHello"
  else
    echo "http://127.0.0.1:${H2C[$2]}/helloworld.Greeter/SayHello"
  fi
  return 0
}

# Loads 1, 2 and 7: h2load with CONNS connections of STREAMS calls in flight each; percentiles from its log file.
# load_h2load LOAD CONNS STREAMS
load_h2load() {
  H2LOAD_LOAD=$1 H2LOAD_CONNS=$2 H2LOAD_STREAMS=$3
  rounds h2load_once "$1"
}

h2load_once() {
  local t=$1 r=$2 url out secs
  url=$(unary_url "$H2LOAD_LOAD" "$t")
  if [[ -z $url ]]; then
    [[ $r == 0 ]] && record "$H2LOAD_LOAD" "$t" "na=${NA_TLS[$t]:-no TLS port}"
    return 0
  fi
  secs=$([[ $r == 0 ]] && echo 2 || echo "$SECS")
  rm -f "$RUN/lat.log" # h2load appends to its log file
  local log=$RUN/h2load.$H2LOAD_LOAD.$t.$r.out job cpu authority=()
  [[ -n ${AUTHORITY[$t]:-} ]] && authority=(-H ":authority: ${AUTHORITY[$t]}")
  h2load_grpc "$((secs + WARMUP + 60))" -c "$H2LOAD_CONNS" -m "$H2LOAD_STREAMS" -D "$secs" --warm-up-time="$WARMUP" \
    --log-file="$RUN/lat.log" "${authority[@]}" "$url" >"$log" 2>&1 &
  job=$!
  # The CPU the proxy and the upstream spend in the measured seconds, after h2load's warm-up.
  sleep "$WARMUP"
  cpu_begin "$t"
  wait "$job" || true
  out=$(<"$log")
  [[ $r == 0 ]] && return 0
  local rps failed succeeded data lat
  rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")
  cpu=$(cpu_per_call "${rps:-0}" "$secs")
  # requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout
  succeeded=$(sed -n 's/^requests: .* \([0-9]*\) succeeded.*/\1/p' <<<"$out")
  failed=$(sed -n 's/^requests: .* \([0-9]*\) failed.*/\1/p' <<<"$out")
  # traffic: ... (bytes) total, ... headers ..., X (bytes) data: a trailers-only gRPC error has no DATA
  data=$(sed -n 's/^traffic: .*, [0-9.]*[KMG]*B (\([0-9]*\)) data.*/\1/p' <<<"$out")
  lat=$(bench H2loadLog "$RUN/lat.log")
  local non200
  non200=$(kv "$lat" non200)
  record "$H2LOAD_LOAD" "$t" "rps=${rps:-0} p50_ms=$(kv "$lat" p50_ms) p99_ms=$(kv "$lat" p99_ms)\
 failed=$((${failed:-0} > non200 ? ${failed:-0} : non200)) data_per_ok=$(awk -v d="${data:-0}" -v s="${succeeded:-0}" \
    'BEGIN { printf "%.1f", s ? d / s : 0 }') not_connected=$(grep -c 'could not connect' "$log") $cpu"
}

# has_line FILE TEXT: whether FILE has the line TEXT; in bash alone, since it is polled while a load starts.
has_line() {
  local line
  [[ -f $1 ]] || return 1
  while IFS= read -r line; do
    [[ $line == "$2" ]] && return 0
  done <"$1"
  return 1
}

# wait_announced FILE JOB: until the load client JOB (UnaryLoad --announce) says in FILE that its measured window
# opened, or has ended; at most 60 s.
wait_announced() {
  local i
  for ((i = 0; i < 1200; i++)); do
    has_line "$1" measuring || ! kill -0 "$2" 2>/dev/null && break
    sleep 0.05
  done
}

# Load 3: unary through the grpc-java load client, statuses checked: 8 connections, 128 calls in flight.
load_grpc_unary() { rounds grpc_unary_once 3; }

grpc_unary_once() {
  local t=$1 r=$2 out secs job cpu
  secs=$([[ $r == 0 ]] && echo 2 || echo "$SECS")
  bench UnaryLoad --target "127.0.0.1:${H2C[$t]}" --channels 8 --concurrency 128 --duration "$secs" \
    --warmup "$WARMUP" --announce >"$RUN/unary.out" 2>"$RUN/unary.err" &
  job=$!
  # The CPU is measured over the client's measured window, which opens after its JVM started and warmed up.
  wait_announced "$RUN/unary.err" "$job"
  cpu_begin "$t"
  wait "$job" || true
  cpu=$(cpu_per_call "$(kv "$(<"$RUN/unary.out")" rps)" "$secs")
  out=$(<"$RUN/unary.out")
  [[ -n $out ]] || log "$t: the load client failed: $(tail -n 5 "$RUN/unary.err")"
  [[ $r == 0 ]] || record 3 "$t" "$out $cpu"
}

# Load 4: server streaming, 64 KiB messages. The warm-up pass streams STREAM_FULL_MIB (1 GiB) once per target,
# reported apart; the rounds stream STREAM_MIB each, so that the whole run stays short.
load_streaming() { rounds streaming_once 4; }

streaming_once() {
  local t=$1 r=$2 out
  out=$(bench StreamLoad --target "127.0.0.1:${H2C[$t]}" --message-kib 64 \
    --mib "$([[ $r == 0 ]] && echo "$STREAM_FULL_MIB" || echo "$STREAM_MIB")") || log "$t: streaming failed: $out"
  if [[ $r == 0 ]]; then
    echo "$out" >"$RES/4full.$t"
  else
    record 4 "$t" "$out"
  fi
}

# Load 5: IDLE_STREAMS open, idle server streams through each proxy (125 connections); the proxy's RSS, and
# Legate's heap (jcmd, before and after a full GC). Memory is not noisy as throughput is: measured once.
load_idle_streams() {
  local t out pids jvm
  log "load 5: $IDLE_STREAMS idle streams"
  for t in "${TARGET_LIST[@]}"; do
    if [[ $t == direct ]]; then
      record 5 direct "na=no gateway"
      continue
    fi
    if ! runs_load 5 "$t"; then
      [[ -n $(sits_out 5 "$t") ]] && record 5 "$t" "na=$(sits_out 5 "$t")"
      continue
    fi
    pids=$(process_tree "$t" | tr ' ' ',')
    jvm=$([[ $t == legate ]] && echo "${PID[legate]}" || echo -1)
    out=$(bench IdleStreams --target "127.0.0.1:${H2C[$t]}" --streams "$IDLE_STREAMS" --channels 125 --pids "$pids" \
      --jvm-pid "$jvm" --open-timeout 60)
    record 5 "$t" "$out"
  done
}

# Load 6: SWAPS route-table changes during load 3's unary load. Legate: admin API writes (POST /api/v1/apply of a
# Mapping whose header changes each time); haproxy and nginx: what changing their routes takes, a reload
# (haproxy -W: SIGUSR2; nginx: SIGHUP). Load 3's client, not h2load, because a lost route answers HTTP 200 with
# grpc-status 12, which h2load cannot see.
load_route_swaps() { rounds route_swaps_once 6; }

route_swaps_once() {
  local t=$1 r=$2 out secs swapper=
  secs=$([[ $r == 0 ]] && echo 2 || echo "$SECS")
  if [[ $t == legate && $LEGATE_HAS_ADMIN != 1 ]]; then
    [[ $r == 0 ]] && record 6 legate "na=no admin API yet"
    return 0
  fi
  : >"$RUN/swaps.failed"
  if [[ $t != direct && $r != 0 ]]; then
    swap_loop "$t" "$secs" &
    swapper=$!
    started "$swapper"
  fi
  out=$(bench UnaryLoad --target "127.0.0.1:${H2C[$t]}" --channels 8 --concurrency 128 --duration "$secs" \
    --warmup "$WARMUP")
  [[ -n $swapper ]] && wait "$swapper"
  [[ $r == 0 ]] && return 0
  record 6 "$t" "$out swaps=$([[ $t == direct ]] && echo 0 || echo "$SWAPS") swaps_failed=$(wc -l <"$RUN/swaps.failed")"
}

# swap_loop TARGET SECS: SWAPS changes spread over the measured window (after the client's warm-up).
swap_loop() {
  local t=$1 secs=$2 i gap
  gap=$(awk -v s="$secs" -v n="$SWAPS" 'BEGIN { printf "%.3f", s / n }')
  sleep "$WARMUP"
  for ((i = 1; i <= SWAPS; i++)); do
    case $t in
      legate)
        curl -sf --max-time 5 -o /dev/null -H 'content-type: application/yaml' --data-binary @- \
          "http://127.0.0.1:$LEGATE_ADMIN/api/v1/apply" <<EOF || echo "$i" >>"$RUN/swaps.failed"
apiVersion: getambassador.io/v3alpha1
kind: Mapping
metadata:
  name: bench-swap
spec:
  hostname: "*"
  grpc: true
  prefix: /helloworld.Greeter/
  rewrite: /helloworld.Greeter/
  service: $UPSTREAM
  add_response_headers:
    x-bench-swap: "$i"
EOF
        ;;
      haproxy) kill -USR2 "${PID[haproxy]}" || echo "$i" >>"$RUN/swaps.failed" ;;
      nginx) kill -HUP "${PID[nginx]}" || echo "$i" >>"$RUN/swaps.failed" ;;
    esac
    sleep "$gap"
  done
}
