# Sourced by run.sh: Legate over three endpoints, loads 1e and 8, Legate only (the peers are not configured with
# several endpoints or retries here). LegateConf routes the calls whose :authority is balanced.bench (load 1e) round
# robin over three endpoints listed in a stored Endpoints, those of killed.bench (load 8) over three others, and those
# of retried.bench over these three too, with retry_policy {retry_on: unavailable, num_retries: 3}; each Mapping has
# Endpoints of its own.
#
# Load 1e's endpoints are three ports of one process, the upstream that every other path uses: the one-endpoint row
# and the three-endpoint row are served by the same process, with the same threads and the same compiled code, so
# that they differ only in Legate's balancing. Load 8 kills one endpoint, so its endpoints are processes: the
# upstream and two more, started just before load 8 (the last but one load) so that they take no CPU from the others.

# As LegateConf writes them
BALANCED=balanced.bench KILLED=killed.bench RETRIED=retried.bench RETRY_POLICY="{retry_on: unavailable, num_retries: 3}"
# HOST:PORT of each endpoint, in the order of their Endpoints; the pids of load 8's
BALANCED_ENDPOINTS=() KILLED_ENDPOINTS=() KILLED_PIDS=()
# The upstream's ports beyond its own, for load 1e
UPSTREAM_MORE_PORTS=()

# plan_endpoints: the ports of the endpoints, chosen before anything starts, since Legate's configuration lists them.
plan_endpoints() {
  has_target legate || return 0
  has_load 1e && UPSTREAM_MORE_PORTS=("$(free_port)" "$(free_port)")
  has_load 8 && KILLED_ENDPOINTS=("" "127.0.0.1:$(free_port)" "127.0.0.1:$(free_port)")
  return 0
}

# name_endpoints: once the upstream listens, the endpoints it serves.
name_endpoints() {
  local port
  if ((${#UPSTREAM_MORE_PORTS[@]})); then
    BALANCED_ENDPOINTS=("$UPSTREAM")
    for port in "${UPSTREAM_MORE_PORTS[@]}"; do BALANCED_ENDPOINTS+=("127.0.0.1:$port"); done
    log "load 1e: the upstream also on ${UPSTREAM_MORE_PORTS[*]}"
  fi
  if ((${#KILLED_ENDPOINTS[@]})); then
    KILLED_ENDPOINTS[0]=$UPSTREAM KILLED_PIDS[0]=${PID[direct]}
  fi
  return 0
}

# start_endpoint I: load 8's I-th endpoint, an upstream of its own (again on the same port once load 8 killed it),
# warmed for JIT_WINDOW s so that it is no slower to answer than the others when the calls start.
start_endpoint() {
  local log=$RUN/upstream$1.log
  (exec java -cp "$CP" io.legate.bench.Upstream "${KILLED_ENDPOINTS[$1]##*:}") >"$log" 2>&1 &
  KILLED_PIDS[$1]=$!
  started $!
  wait_line "$log" 'upstream listening on' $! "upstream$1"
  drive "$JIT_WINDOW" "http://${KILLED_ENDPOINTS[$1]}/helloworld.Greeter/SayHello"
}

# endpoint_conf_args: LegateConf's arguments for the Mappings over three endpoints, if they run.
endpoint_conf_args() {
  ((${#BALANCED_ENDPOINTS[@]})) && echo "--endpoints $(IFS=,; echo "${BALANCED_ENDPOINTS[*]}")"
  ((${#KILLED_ENDPOINTS[@]})) && echo "--kill-endpoints $(IFS=,; echo "${KILLED_ENDPOINTS[*]}")"
  return 0
}

# check_endpoints: a call through load 1e's Mapping, at the start; those of load 8 are checked once its upstreams run.
check_endpoints() {
  ((${#BALANCED_ENDPOINTS[@]})) && check_endpoint "$BALANCED"
  return 0
}

# check_endpoint AUTHORITY: one real gRPC call through Legate's Mapping of that :authority.
check_endpoint() {
  local reply
  reply=$(bench UnaryLoad --target "127.0.0.1:${H2C[legate]}" --authority "$1" --check) ||
    die "legate $1: the check call failed: $reply"
  echo "legate $1: $reply" >>"$RES/checks"
}

# endpoint_counts UPSTREAM ENDPOINT…: "calls=n/n/n failures=n/n/n ejections=n/n/n", what Legate counted so far for
# each endpoint of the Mapping whose service is UPSTREAM (/metrics), in the order given; nothing without an admin API.
endpoint_counts() {
  [[ $LEGATE_HAS_ADMIN == 1 ]] || return 0
  local metrics kind e n counts
  metrics=$(curl -sf --max-time 5 "http://127.0.0.1:$LEGATE_ADMIN/metrics" | grep "upstream=\"http://$1:") || return 0
  for kind in calls failures ejections; do
    counts=()
    for e in "${@:2}"; do
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

# warm_up_endpoints: Legate's path over three endpoints, a third of the least warm-up, before load 1e (Legate's code
# and the upstream are warm from the one-endpoint path by then; its connections to the upstream's other ports are
# new).
warm_up_endpoints() {
  ((${#BALANCED_ENDPOINTS[@]})) || return 0
  drive "$((JIT_WARMUP / 3 + 1))" "http://127.0.0.1:${H2C[legate]}/helloworld.Greeter/SayHello" -H ":authority: $BALANCED"
}

# Load 1e: load 1 (h2load -c 8 -m 16, h2c) through the Mapping over three endpoints (path legate-3ep), interleaved
# with the same load through Legate's one-endpoint Mapping (path legate), so that their ratio is of the same minutes.
# Both count the CPU of Legate's process and of the upstream, which serves both.
load_three_endpoints() {
  has_target legate || return 0
  H2C[legate-3ep]=${H2C[legate]} PID[legate-3ep]=${PID[legate]} AUTHORITY[legate-3ep]=$BALANCED
  local before
  before=$(endpoint_counts bench-balanced "${BALANCED_ENDPOINTS[@]}")
  H2LOAD_LOAD=1e H2LOAD_CONNS=8 H2LOAD_STREAMS=16
  rounds h2load_once 1e legate legate-3ep
  counts_since "$before" "$(endpoint_counts bench-balanced "${BALANCED_ENDPOINTS[@]}")" >"$RES/1e.endpoints"
}

# Load 8: an upstream killed under load. Load 3's client (8 connections, 128 calls in flight, every status counted)
# through the Mapping over load 8's three endpoints for KILL_SECS; KILL_AFTER seconds into its measured window the
# third (not the upstream every other path uses) gets SIGKILL. Once through the Mapping without retry_policy, once
# through the one with it, the killed upstream started again on its port after each. The two Mappings have
# Endpoints of their own, so an endpoint ejected in the first run is not still out of rotation in the second.
load_upstream_killed() {
  has_target legate || return 0
  start_endpoint 1
  start_endpoint 2
  log "load 8: two more upstreams, ${KILLED_ENDPOINTS[*]:1}"
  check_endpoint "$KILLED"
  check_endpoint "$RETRIED"
  upstream_killed_once killed "$KILLED" bench-killed
  upstream_killed_once retried "$RETRIED" bench-retried
}

upstream_killed_once() {
  local name=$1 authority=$2 upstream=$3 job victim=${KILLED_PIDS[2]} before
  before=$(endpoint_counts "$upstream" "${KILLED_ENDPOINTS[@]}")
  log "load 8: upstream ${KILLED_ENDPOINTS[2]} killed ${KILL_AFTER} s into ${KILL_SECS} s of calls to $authority"
  bench UnaryLoad --target "127.0.0.1:${H2C[legate]}" --authority "$authority" --channels 8 --concurrency 128 \
    --duration "$KILL_SECS" --warmup "$WARMUP" --announce >"$RUN/killed.out" 2>"$RUN/killed.err" &
  job=$!
  wait_announced "$RUN/killed.err" "$job"
  sleep "$KILL_AFTER"
  kill -KILL "$victim"
  { wait "$victim"; } 2>/dev/null || true
  wait "$job" || true
  [[ -s $RUN/killed.out ]] || log "the load client failed: $(tail -n 5 "$RUN/killed.err")"
  record 8 "$name" "$(<"$RUN/killed.out") $(counts_since "$before" "$(endpoint_counts "$upstream" "${KILLED_ENDPOINTS[@]}")")"
  start_endpoint 2
}
