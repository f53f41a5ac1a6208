# Sourced by run.sh: installing, building, starting and stopping what the benchmark runs.
# Every process started is listed in STARTED; cleanup (the EXIT trap) stops them, children included.

STARTED=()
declare -A H2C=() TLSP=() PID=() NA_TLS=()
# Per path, where it differs: the :authority its calls carry (to reach a Mapping by hostname), and the pids of the
# upstreams whose CPU is counted (else the upstream's)
declare -A AUTHORITY=() UPSTREAM_PIDS=()
USED_PORTS=" "

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }
has_load() { [[ ",$LOADS," == *",$1,"* ]]; }
has_target() { [[ ",$TARGETS," == *",$1,"* ]]; }

# java -cp <the tools> io.legate.bench.$1 "${@:2}"
bench() { java -cp "$CP" "io.legate.bench.$1" "${@:2}"; }

cleanup() {
  local rc=$? pid pids=() i
  trap - EXIT INT TERM
  set +e # some of these processes are gone already (finished swap loops): stop the others all the same
  for pid in "${STARTED[@]}"; do
    # children too: nginx and haproxy workers, Legate's java (bin/legate execs it, but be sure)
    pids+=("$pid" $(pgrep -P "$pid" 2>/dev/null || true))
  done
  ((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    any_alive "${pids[@]}" || break
    sleep 0.1
  done
  # Legate's drain may wait 30 s for streams it still holds; a benchmark does not.
  ((${#pids[@]})) && kill -KILL "${pids[@]}" 2>/dev/null
  wait 2>/dev/null
  if [[ ${KEEP:-0} == 1 || $rc != 0 ]]; then
    log "run directory kept: $RUN"
  else
    rm -rf "$RUN"
  fi
  exit "$rc"
}

started() { STARTED+=("$1"); }
any_alive() {
  local p
  for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done
  return 1
}

# Below the kernel's ephemeral range: a port chosen at the start (load 8's endpoints) must still be free when its
# server starts, after minutes of client connections whose local ports come from that range.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
((EPHEMERAL_LOW > 11000)) || EPHEMERAL_LOW=32768
free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
    [[ $USED_PORTS == *" $p "* ]] && continue
    ss -Htln "sport = :$p" | grep -q . && continue
    USED_PORTS+="$p "
    echo "$p"
    return
  done
}

# wait_port PORT PID NAME: until PORT accepts connections; dies if PID exits first or after 60 s.
wait_port() {
  local i
  for ((i = 0; i < 600; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited at start; see $RUN/$3.log"
    sleep 0.1
  done
  die "$3 does not listen on $1 after 60 s"
}

# wait_line FILE REGEX PID NAME: until FILE has a line matching REGEX.
wait_line() {
  local i
  for ((i = 0; i < 600; i++)); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || die "$4 exited at start: $(tail -n 20 "$1")"
    sleep 0.1
  done
  die "$4 not ready after 60 s: $(tail -n 20 "$1")"
}

install_missing() {
  local pkgs=()
  command -v nginx >/dev/null || pkgs+=(nginx)
  command -v haproxy >/dev/null || pkgs+=(haproxy)
  command -v h2load >/dev/null || pkgs+=(nghttp2-client)
  command -v openssl >/dev/null || pkgs+=(openssl)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v strace >/dev/null || pkgs+=(strace)
  command -v pgrep >/dev/null || pkgs+=(procps)
  command -v jcmd >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  ((${#pkgs[@]})) || return 0
  [[ $(id -u) == 0 ]] || die "missing ${pkgs[*]}: run as root, or apt-get install -y ${pkgs[*]}"
  log "installing ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null
}

# Load 7 holds CONNECTIONS connections open at once: h2load's, and a proxy's towards the caller and the upstream.
raise_fd_limit() {
  local want=$((4 * CONNECTIONS + 1024)) soft
  soft=$(ulimit -Sn)
  if [[ $soft != unlimited ]] && ((soft < want)); then
    # Raising the hard limit needs root; otherwise as far as it goes.
    ulimit -n "$want" 2>/dev/null || ulimit -Sn "$(ulimit -Hn)"
    log "open files: ulimit -n $(ulimit -Sn) (load 7 wants $want)"
  fi
}

build() {
  if [[ ${BUILD:-1} == 1 ]]; then
    log "building Legate and the benchmark tools: mvn -q -B -DskipTests package"
    (cd "$ROOT" && mvn -q -B -DskipTests package)
  fi
  local tree
  tree=$(ls -d "$ROOT"/distribution/target/legate-*/ 2>/dev/null | head -n 1)
  [[ -x $tree/bin/legate ]] || die "no distribution tree in $ROOT/distribution/target: build with BUILD=1"
  [[ -f $HERE/target/benchmarks.jar ]] || die "no $HERE/target/benchmarks.jar: build with BUILD=1"
  # Copies, so that a rebuild in the working copy (or a `legate stop` of its tree) cannot touch this run.
  TREE=$RUN/legate-home
  cp -r "$tree" "$TREE"
  rm -rf "$TREE/logs" "$TREE/data"
  mkdir -p "$RUN/tools"
  cp -r "$HERE/target/benchmarks.jar" "$HERE/target/lib" "$RUN/tools/"
  CP="$RUN/tools/benchmarks.jar:$RUN/tools/lib/*"
}

make_certs() {
  CERTS=$RUN/peers/certs
  mkdir -p "$CERTS"
  cp "$PEERS_DIR/gen-certs.sh" "$CERTS/"
  sh "$CERTS/gen-certs.sh" >/dev/null
}

start_upstream() {
  make_certs
  local log=$RUN/upstream.log ports
  H2C[direct]=$(free_port)
  TLSP[direct]=$(free_port)
  # its own port first, then those it also listens on for load 1e (endpoints.sh)
  ports=("${H2C[direct]}" "${UPSTREAM_MORE_PORTS[@]}")
  (exec java -cp "$CP" io.legate.bench.Upstream "$(IFS=,; echo "${ports[*]}")" "${TLSP[direct]}" "$CERTS/cert.pem" \
    "$CERTS/key.pem") >"$log" 2>&1 &
  PID[direct]=$!
  started $!
  wait_line "$log" 'upstream tls on' $! upstream
  UPSTREAM=127.0.0.1:${H2C[direct]}
  log "upstream (grpc-java netty) on $UPSTREAM, TLS on ${TLSP[direct]}"
}

start_legate() {
  has_target legate || return 0
  bench LegateConf "$RUN/legate" "$UPSTREAM" "$CERTS/cert.pem" "$CERTS/key.pem" $(endpoint_conf_args) >/dev/null
  LEGATE_ADMIN=$(free_port)
  launch_legate legate "$TREE" "$LEGATE_ADMIN"
  if curl -sf --max-time 3 -o /dev/null "http://127.0.0.1:$LEGATE_ADMIN/healthz"; then
    LEGATE_HAS_ADMIN=1
  else
    LEGATE_HAS_ADMIN=0
  fi
  log "legate $("$TREE/bin/legate" version 2>/dev/null | awk '{print $2}') on ${H2C[legate]}" \
    "(TLS: ${TLSP[legate]:-${NA_TLS[legate]}}; admin API: $([[ $LEGATE_HAS_ADMIN == 1 ]] && echo "$LEGATE_ADMIN" || echo none))"
}

# The compared Legate logs no call, as haproxy and nginx log none; legate-log is the same with its access log on
# (a file in the run directory), from a tree of its own, in load 1 only: the access log's cost, beside it.
start_legate_log() {
  has_target legate-log || return 0
  cp -r "$TREE" "$RUN/legate-log-home"
  bench LegateConf "$RUN/legate-log" "$UPSTREAM" "$CERTS/cert.pem" "$CERTS/key.pem" \
    --access-log "$RUN/legate-log/access.log" >/dev/null
  launch_legate legate-log "$RUN/legate-log-home" "$(free_port)"
  log "legate-log, access log on, on ${H2C[legate-log]} (TLS: ${TLSP[legate-log]:-${NA_TLS[legate-log]}})"
}

# launch_legate NAME HOME ADMIN_PORT: bin/legate run of the tree HOME with the configuration in $RUN/NAME, on free
# ports, until it listens.
launch_legate() {
  local name=$1 log=$RUN/$1.log tls
  H2C[$name]=$(free_port) tls=$(free_port)
  (
    export LEGATE_CONF=$RUN/$name/legate.yaml LEGATE_HTTP_PORT=${H2C[$name]} LEGATE_HTTPS_PORT=$tls \
      LEGATE_ADMIN_PORT=$3
    exec "$2/bin/legate" run
  ) >"$log" 2>&1 &
  PID[$name]=$!
  started $!
  wait_line "$log" 'legate listening on' $! "$name"
  # A Legate without a TLS listener or an admin API is still measured: the loads that need them say n/a.
  if [[ $(curl -sk --http2 --max-time 3 -o /dev/null -w '%{http_version}' "https://127.0.0.1:$tls/" \
    2>/dev/null) == 2 ]]; then
    TLSP[$name]=$tls
  else
    NA_TLS[$name]="Legate has no TLS listener yet"
  fi
}

# The reference rows, forwarders written on Jetty with nothing else, h2c only and only in the unary loads (FLOOR_LOADS): each its
# target name, its class, what it is.
REFERENCE_ROWS=(
  "jetty-core JettyCoreForwarder Jetty's core server and HTTP/2 client, nothing else"
  "jetty-frames FrameForwarder Jetty's HTTP/2 frames both sides over Legate's transport, nothing else"
  "jetty-servlet ServletForwarder jetty-frames entered through a servlet as Legate is, nothing else"
)
is_reference_row() {
  local row
  for row in "${REFERENCE_ROWS[@]}"; do [[ ${row%% *} == "$1" ]] && return 0; done
  return 1
}

start_reference_rows() {
  local row name class what log
  for row in "${REFERENCE_ROWS[@]}"; do
    read -r name class what <<<"$row"
    has_target "$name" || continue
    log=$RUN/$name.log
    H2C[$name]=$(free_port)
    NA_TLS[$name]="a reference row, h2c only"
    (exec java -cp "$CP" "io.legate.bench.$class" "${H2C[$name]}" "$UPSTREAM") >"$log" 2>&1 &
    PID[$name]=$!
    started $!
    wait_line "$log" "$name listening on" $! "$name"
    log "$name ($what) on ${H2C[$name]}"
  done
}

# runs_load LOAD TARGET: whether the target takes part in the load.
runs_load() {
  is_reference_row "$2" && { [[ ",$FLOOR_LOADS," == *",$1,"* ]]; return; }
  [[ $2 != legate-log || $1 == 1 ]]
}

# sits_out LOAD TARGET: why the target takes no part in the load, for its row; nothing where it has no row.
sits_out() {
  runs_load "$1" "$2" && return 0
  is_reference_row "$2" && echo "a reference row for loads $FLOOR_LOADS only"
  return 0
}

# fill TEMPLATE NAME: the template with this run's ports and directories.
fill() {
  sed -e "s#@UPSTREAM@#$UPSTREAM#g" -e "s#@P_H2C@#${H2C[$2]}#g" -e "s#@P_TLS@#${TLSP[$2]}#g" \
    -e "s#@PEERS@#$RUN/peers#g" -e "s#@RUN@#$RUN#g" -e "s#@NGINX_WORKERS@#auto#g" "$1"
}

start_haproxy() {
  has_target haproxy || return 0
  local dir=$RUN/haproxy
  mkdir -p "$dir"
  H2C[haproxy]=$(free_port)
  TLSP[haproxy]=$(free_port)
  # haproxy's default threads: the nbthread line is dropped. -W (master-worker) so that load 6 can reload it.
  fill "$PEERS_DIR/haproxy.cfg.in" haproxy | grep -v '@HAPROXY_THREADS@' >"$dir/haproxy.cfg"
  (exec haproxy -W -db -f "$dir/haproxy.cfg") >"$RUN/haproxy.log" 2>&1 &
  PID[haproxy]=$!
  started $!
  wait_port "${H2C[haproxy]}" $! haproxy
  wait_port "${TLSP[haproxy]}" $! haproxy
  log "haproxy on ${H2C[haproxy]}, TLS on ${TLSP[haproxy]}"
}

start_nginx() {
  has_target nginx || return 0
  local dir=$RUN/nginx
  mkdir -p "$dir/tmp"
  H2C[nginx]=$(free_port)
  TLSP[nginx]=$(free_port)
  fill "$PEERS_DIR/nginx.conf.in" nginx >"$dir/nginx.conf"
  (exec nginx -p "$dir" -c nginx.conf -e "$dir/error.log") >"$RUN/nginx.log" 2>&1 &
  PID[nginx]=$!
  started $!
  wait_port "${H2C[nginx]}" $! nginx
  wait_port "${TLSP[nginx]}" $! nginx
  log "nginx on ${H2C[nginx]}, TLS on ${TLSP[nginx]}"
}

# One real gRPC call through each target: h2load sees HTTP statuses only.
check_targets() {
  local t reply
  for t in "${TARGET_LIST[@]}"; do
    reply=$(bench UnaryLoad --target "127.0.0.1:${H2C[$t]}" --check) || die "$t: the check call failed: $reply"
    echo "$t: $reply" >>"$RES/checks"
    if [[ -n ${TLSP[$t]:-} ]]; then
      reply=$(bench UnaryLoad --target "localhost:${TLSP[$t]}" --ca "$CERTS/cert.pem" --check) ||
        die "$t: the TLS check call failed: $reply"
      echo "$t TLS: $reply" >>"$RES/checks"
    fi
  done
  log "checked with a grpc-java client: $(tr '\n' ';' <"$RES/checks")"
}

# The pids of a target's processes: a proxy's master and workers.
process_tree() { echo "${PID[$1]}" $(pgrep -P "${PID[$1]}" 2>/dev/null || true); }

# cpu_ticks PID...: the user and system CPU the processes have used so far, in clock ticks (1/100 s).
cpu_ticks() {
  local p sum=0
  for p in "$@"; do
    sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$sum"
}
