# Sourced by run.sh: system calls per call, a pass of its own after the timed loads, since tracing slows what it
# traces. For each unary load (1, 2, 3) and each path, and for load 1e's path legate-3ep (load 1 through the Mapping
# over three endpoints), SYSCALL_CALLS calls while strace counts the system calls of the proxy's processes and of the
# upstream (every thread); $RES/sLOAD.TARGET gets calls=… and the counts per call.

TRACED=write,writev,sendto,sendmsg,read,readv,recvfrom,recvmsg,epoll_wait,epoll_pwait,futex

syscall_pass() {
  local paths p load t
  mapfile -t paths < <(syscall_paths)
  for p in "${paths[@]}"; do
    read -r load t <<<"$p"
    if runs_load "$load" "$t" && [[ -z $(na "$load" "$t") ]]; then
      log "system calls per call, load $load, $t: $SYSCALL_CALLS calls under strace"
      syscalls_once "$load" "$t"
    fi
  done
}

# syscall_paths: "LOAD TARGET" of each path traced, in the order of the report: load 1e's legate-3ep next to load 1's
# legate, so that the three-endpoint row is read beside the one-endpoint one.
syscall_paths() {
  local load t
  for load in 1 2 3; do
    for t in "${TARGET_LIST[@]}"; do
      has_load "$load" && echo "$load $t"
      [[ $load == 1 && $t == legate ]] && has_load 1e && echo "1e legate-3ep"
    done
  done
  return 0
}

syscalls_once() {
  local load=$1 t=$2 proxy=() calls out summaries=() authority=()
  [[ $t == direct ]] || read -r -a proxy <<<"$(process_tree "$t")"
  ((${#proxy[@]})) && summaries+=("$RUN/strace.proxy" proxy_)
  summaries+=("$RUN/strace.upstream" upstream_)
  TRACERS=()
  # the proxy's processes (if any), then the upstream; the first that cannot be traced ends the measurement
  if ((${#proxy[@]})) && ! trace "$RUN/strace.proxy" "${proxy[@]}" || ! trace "$RUN/strace.upstream" "${PID[direct]}"; then
    untrace
    record "s$load" "$t" "na=$TRACE_ERROR"
    return 0
  fi
  if [[ $load == 3 ]]; then
    out=$(timeout "$((SYSCALL_SECS + 30))" java -cp "$CP" io.legate.bench.UnaryLoad --target "127.0.0.1:${H2C[$t]}" \
      --channels 8 --concurrency 128 --warmup 0 --duration "$SYSCALL_SECS" --calls "$SYSCALL_CALLS" 2>/dev/null) || true
    local ok failed
    ok=$(kv "$out" ok) failed=$(kv "$out" failed)
    calls=$((${ok:-0} + ${failed:-0}))
  else
    # requests: N total, N started, N done, ...
    [[ -n ${AUTHORITY[$t]:-} ]] && authority=(-H ":authority: ${AUTHORITY[$t]}")
    out=$(h2load_grpc "$SYSCALL_SECS" -c 8 -m 16 -n "$SYSCALL_CALLS" "${authority[@]}" "$(unary_url "$load" "$t")" 2>&1) || true
    calls=$(sed -n 's/^requests: .* \([0-9]*\) done.*/\1/p' <<<"$out")
  fi
  untrace
  if ((${calls:-0} == 0)); then
    record "s$load" "$t" "na=no call made in $SYSCALL_SECS s under strace"
    return 0
  fi
  record "s$load" "$t" "calls=$calls $(bench StraceSummary "$calls" "${summaries[@]}")"
}

# trace OUT PID...: strace counting TRACED calls of the processes and all their threads into OUT; returns once
# strace has attached to every one of them that is still there (it says so for each on its standard error), or
# fails with TRACE_ERROR saying why.
trace() {
  local out=$1 args=() p i waiting
  shift
  for p in "$@"; do args+=(-p "$p"); done
  rm -f "$out" "$out.err"
  strace -f -c -o "$out" -e trace="$TRACED" "${args[@]}" 2>"$out.err" &
  TRACERS+=($!)
  started $!
  for ((i = 0; i < 300; i++)); do
    waiting=0
    for p in "$@"; do
      # a worker that a reload retired may be gone by now
      if kill -0 "$p" 2>/dev/null && ! grep -qs "Process $p attached" "$out.err"; then waiting=1; fi
    done
    ((waiting == 0)) && return 0
    if ! kill -0 "${TRACERS[-1]}" 2>/dev/null; then
      TRACE_ERROR="strace failed: $(head -c 200 "$out.err" | tr '\n' ' ')"
      return 1
    fi
    sleep 0.1
  done
  TRACE_ERROR="strace did not attach to $* in 30 s"
  return 1
}

# untrace: stops the tracers (they detach and write their summaries), waiting at most 30 s.
untrace() {
  local i
  ((${#TRACERS[@]})) || return 0
  kill -INT "${TRACERS[@]}" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    any_alive "${TRACERS[@]}" || break
    sleep 0.1
  done
  kill -KILL "${TRACERS[@]}" 2>/dev/null || true
  wait "${TRACERS[@]}" 2>/dev/null || true
}
