# Sourced by run.sh: Legate over three endpoints, loads 1e and 8. The upstream and two more like it (the same
# BenchService, on other loopback ports) are listed in stored Endpoints resources; LegateConf routes the calls whose
# :authority is balanced.bench (load 1e) or killed.bench (load 8) over them round robin, and those of retried.bench
# likewise with retry_policy {retry_on: unavailable, num_retries: 3}, each Mapping with Endpoints of its own. Legate
# only: the peers are not configured with several endpoints or retries here.

ENDPOINTS=() ENDPOINT_PIDS=()
# As LegateConf writes them
BALANCED=balanced.bench KILLED=killed.bench RETRIED=retried.bench RETRY_POLICY="{retry_on: unavailable, num_retries: 3}"

has_endpoint_loads() { has_target legate && { has_load 1e || has_load 8; }; }

# start_endpoints: the two more upstreams, before Legate, whose configuration lists them.
start_endpoints() {
  has_endpoint_loads || return 0
  ENDPOINTS=("$UPSTREAM") ENDPOINT_PIDS=("${PID[direct]}")
  start_endpoint 1 "$(free_port)"
  start_endpoint 2 "$(free_port)"
  log "two more upstreams for the Mappings over three endpoints: ${ENDPOINTS[*]:1}"
}

# start_endpoint I PORT: the I-th upstream of the three on PORT (again on the same one once load 8 killed it).
start_endpoint() {
  local log=$RUN/upstream$1.log
  (exec java -cp "$CP" io.legate.bench.Upstream "$2") >"$log" 2>&1 &
  ENDPOINT_PIDS[$1]=$!
  started $!
  wait_line "$log" 'upstream listening on' $! "upstream$1"
  ENDPOINTS[$1]=127.0.0.1:$2
}

# endpoint_conf_args: LegateConf's arguments for the Mappings over the three endpoints, if they run.
endpoint_conf_args() {
  ((${#ENDPOINTS[@]})) && echo "--endpoints $(IFS=,; echo "${ENDPOINTS[*]}")"
  return 0
}

# One real gRPC call through each Mapping over the three endpoints.
check_endpoints() {
  has_endpoint_loads || return 0
  local authority reply
  for authority in "$BALANCED" "$KILLED" "$RETRIED"; do
    reply=$(bench UnaryLoad --target "127.0.0.1:${H2C[legate]}" --authority "$authority" --check) ||
      die "legate $authority: the check call failed: $reply"
    echo "legate $authority: $reply" >>"$RES/checks"
  done
}

# endpoint_counts UPSTREAM: "calls=n/n/n failures=n/n/n ejections=n/n/n", what Legate counted so far for each endpoint
# of the Mapping whose service is UPSTREAM (/metrics), in the order of ENDPOINTS; nothing without an admin API.
endpoint_counts() {
  [[ $LEGATE_HAS_ADMIN == 1 ]] || return 0
  local metrics kind e n counts
  metrics=$(curl -sf --max-time 5 "http://127.0.0.1:$LEGATE_ADMIN/metrics" | grep "upstream=\"http://$1:") || return 0
  for kind in calls failures ejections; do
    counts=()
    for e in "${ENDPOINTS[@]}"; do
      n=$(grep "^legate_upstream_endpoint_${kind}_total{" <<<"$metrics" | grep "endpoint=\"$e\"" | awk '{ print $2 }')
      counts+=("$(num "${n:-0}")")
    done
    echo -n "$kind=$(IFS=/; echo "${counts[*]}") "
  done
}

# counts_since BEFORE AFTER: endpoint_counts AFTER less BEFORE, endpoint by endpoint.
counts_since() {
  awk -v before="$1" -v after="$2" 'BEGIN {
    n = split(before, b, " "); for (i = 1; i <= n; i++) { split(b[i], kv, "="); was[kv[1]] = kv[2] }
    n = split(after, a, " ")
    for (i = 1; i <= n; i++) {
      split(a[i], kv, "="); m = split(kv[2], now, "/"); split(was[kv[1]], then, "/"); out = ""
      for (j = 1; j <= m; j++) out = out (j > 1 ? "/" : "") (now[j] - then[j])
      printf "%s%s=%s", (i > 1 ? " " : ""), kv[1], out
    }
    print ""
  }'
}

# warm_up_endpoints: a third of the JIT warm-up through the path over three endpoints, whose two more upstreams start
# cold (Legate's own code is warm from the one-endpoint path by then).
warm_up_endpoints() {
  has_endpoint_loads || return 0
  h2load_grpc "$((JIT_WARMUP / 3 + 30))" -c 8 -m 16 -D "$((JIT_WARMUP / 3 + 1))" -H ":authority: $BALANCED" \
    "http://127.0.0.1:${H2C[legate]}/helloworld.Greeter/SayHello" >/dev/null 2>&1 || true
}

# Load 1e: load 1 (h2load -c 8 -m 16, h2c) through the Mapping over three endpoints (path legate-3ep), interleaved
# with the same load through Legate's one-endpoint Mapping (path legate), so that their ratio is of the same minutes.
# Both count the CPU of Legate's process alone; the upstream CPU of legate-3ep is that of the three upstreams.
load_three_endpoints() {
  has_target legate || return 0
  H2C[legate-3ep]=${H2C[legate]} PID[legate-3ep]=${PID[legate]}
  AUTHORITY[legate-3ep]=$BALANCED UPSTREAM_PIDS[legate-3ep]="${ENDPOINT_PIDS[*]}"
  local before
  before=$(endpoint_counts bench-balanced)
  H2LOAD_LOAD=1e H2LOAD_CONNS=8 H2LOAD_STREAMS=16
  rounds h2load_once 1e legate legate-3ep
  counts_since "$before" "$(endpoint_counts bench-balanced)" >"$RES/1e.endpoints"
}

# Load 8: an upstream killed under load. Load 3's client (8 connections, 128 calls in flight, every status counted)
# through the Mapping over three endpoints for KILL_SECS; KILL_AFTER seconds into its measured window the third
# upstream (not the one every other path uses) gets SIGKILL. Once through the Mapping without retry_policy, once
# through the one with it, the killed upstream started again on its port after each. The two Mappings have
# Endpoints of their own, so an endpoint ejected in the first run is not still out of rotation in the second.
load_upstream_killed() {
  has_target legate || return 0
  upstream_killed_once killed "$KILLED" bench-killed
  upstream_killed_once retried "$RETRIED" bench-retried
}

upstream_killed_once() {
  local name=$1 authority=$2 upstream=$3 job victim=${ENDPOINT_PIDS[2]} port=${ENDPOINTS[2]##*:} before
  before=$(endpoint_counts "$upstream")
  log "load 8: upstream ${ENDPOINTS[2]} killed ${KILL_AFTER} s into ${KILL_SECS} s of calls to $authority"
  bench UnaryLoad --target "127.0.0.1:${H2C[legate]}" --authority "$authority" --channels 8 --concurrency 128 \
    --duration "$KILL_SECS" --warmup "$WARMUP" --announce >"$RUN/killed.out" 2>"$RUN/killed.err" &
  job=$!
  wait_announced "$RUN/killed.err" "$job"
  sleep "$KILL_AFTER"
  kill -KILL "$victim"
  { wait "$victim"; } 2>/dev/null || true
  wait "$job" || true
  [[ -s $RUN/killed.out ]] || log "the load client failed: $(tail -n 5 "$RUN/killed.err")"
  record 8 "$name" "$(<"$RUN/killed.out") $(counts_since "$before" "$(endpoint_counts "$upstream")")"
  start_endpoint 2 "$port"
  # Warm again, so that it is no slower to answer than the others when the next run starts.
  h2load_grpc 30 -c 8 -m 16 -D 2 "http://${ENDPOINTS[2]}/helloworld.Greeter/SayHello" >/dev/null 2>&1 || true
}
