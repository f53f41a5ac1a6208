# Sourced by run.sh: the warm-up before the loads, and how much of a JVM's CPU its JIT compiler takes. A JVM
# compiles its hot paths during its first tens of seconds of load (Legate's C2 thread still took 15-25 % of its
# CPU after 30 s here, and a call measured during a compile burst cost 30-60 % more); haproxy and nginx compile
# nothing. So each JVM is driven until its compiler is quiet, and the compiler's share of the measured loads is
# reported beside them.

JIT_WINDOW=5    # s of load between two looks at the compiler
JIT_QUIET_PCT=3 # the compiler's share of its JVM's CPU in a window under which the JVM counts as warm

# jvm_pid TARGET: the pid of the JVM that serves the target's calls (direct's is the upstream's); none for a peer.
jvm_pid() {
  case $1 in
    haproxy | nginx) ;;
    *) echo "${PID[$1]}" ;;
  esac
}

# compiler_ticks PID: "TID:TICKS …", the CPU (clock ticks) each C1 and C2 compiler thread of the JVM used so far.
# A thread's comm holds a space ("C2 CompilerThre"), so its stat is read after the last ')'.
compiler_ticks() {
  local task comm stat fields
  for task in /proc/"$1"/task/*; do
    { read -r comm <"$task/comm" && stat=$(<"$task/stat"); } 2>/dev/null || continue
    [[ $comm == "C1 CompilerThre"* || $comm == "C2 CompilerThre"* ]] || continue
    # after the comm: state, ppid, pgrp, session, tty_nr, tpgid, flags, 4 fault counts, utime, stime
    read -r -a fields <<<"${stat##*)}"
    echo -n "${task##*/}:$((fields[11] + fields[12])) "
  done
}

# ticks_since BEFORE AFTER: the ticks compiler_ticks AFTER adds to BEFORE, thread by thread. HotSpot starts and
# stops compiler threads as their queue grows and drains: a new one counts whole, one that stopped (idle, so with
# little of the window) is left out.
ticks_since() {
  local -A was=()
  local e sum=0
  for e in $1; do was[${e%%:*}]=${e##*:}; done
  for e in $2; do sum=$((sum + ${e##*:} - ${was[${e%%:*}]:-0})); done
  echo "$sum"
}

# jit_begin PID: notes the CPU the JVM and its compiler threads used so far.
jit_begin() { JIT_PROCESS0=$(cpu_ticks "$1") JIT_COMPILER0=$(compiler_ticks "$1"); }

# jit_pct PID: the share of the JVM's CPU since jit_begin that its compiler threads used, in %.
jit_pct() {
  local process=$(($(cpu_ticks "$1") - JIT_PROCESS0)) compiler
  compiler=$(ticks_since "$JIT_COMPILER0" "$(compiler_ticks "$1")")
  awk -v c="$compiler" -v p="$process" 'BEGIN { printf "%.1f", (p > 0 ? 100 * c / p : 0) }'
}

# unary_urls TARGET: the URLs of its unary calls, h2c then TLS where it has it.
unary_urls() {
  echo "http://127.0.0.1:${H2C[$1]}/helloworld.Greeter/SayHello"
  [[ -n ${TLSP[$1]:-} ]] && echo "https://127.0.0.1:${TLSP[$1]}/helloworld.Greeter/SayHello"
  return 0
}

# drive SECS URL [H2LOAD_ARG…]: unary load as in load 1 for SECS, its figures thrown away.
drive() { h2load_grpc "$(($1 + 30))" -c 8 -m 16 -D "$1" "${@:3}" "$2" >/dev/null 2>&1 || true; }

# warm_up_jit: every target warm before anything is measured, as a gateway runs in production. A JVM gets windows
# of JIT_WINDOW s, h2c and TLS in turn, until its compiler used under JIT_QUIET_PCT % of its CPU in the last window
# of each, after JIT_WARMUP s at least and JIT_WARMUP_MAX s at most; a peer gets JIT_WARMUP s. $RES/warmup gets a
# line per target.
warm_up_jit() {
  local t
  log "warm-up: JVMs until their JIT compiler is quiet ($JIT_WARMUP to $JIT_WARMUP_MAX s), the peers $JIT_WARMUP s"
  for t in "${TARGET_LIST[@]}"; do
    if [[ -n $(jvm_pid "$t") ]]; then
      warm_up_jvm "$t"
    else
      warm_up_peer "$t"
    fi
  done
}

warm_up_peer() {
  local url
  for url in $(unary_urls "$1"); do drive "$((JIT_WARMUP / 2))" "$url"; done
  echo "$1 secs=$JIT_WARMUP" >>"$RES/warmup"
  log "warm-up $1: $JIT_WARMUP s"
}

warm_up_jvm() {
  local t=$1 pid url pct most secs=0
  pid=$(jvm_pid "$t")
  while :; do
    most=0
    for url in $(unary_urls "$t"); do
      jit_begin "$pid"
      drive "$JIT_WINDOW" "$url"
      pct=$(jit_pct "$pid")
      most=$(awk -v a="$pct" -v b="$most" 'BEGIN { print ((a > b) ? a : b) }')
      secs=$((secs + JIT_WINDOW))
    done
    ((secs >= JIT_WARMUP)) && awk -v p="$most" -v q="$JIT_QUIET_PCT" 'BEGIN { exit !(p < q) }' && break
    ((secs >= JIT_WARMUP_MAX)) && break
  done
  echo "$t secs=$secs jit_pct=$most" >>"$RES/warmup"
  log "warm-up $t: $secs s; its JIT compiler took $most % of its CPU in the last window"
}
