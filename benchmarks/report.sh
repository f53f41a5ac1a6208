# Sourced by run.sh: medians, ratios and benchmarks/RESULTS.md from the lines in $RES.

# median LOAD TARGET KEY: the median of KEY over the rounds; empty when not measured.
median() {
  [[ -f $RES/$1.$2 ]] || return 0
  tr ' ' '\n' <"$RES/$1.$2" | sed -n "s/^$3=//p" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) printf "%s", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# total LOAD TARGET KEY: the sum of KEY over the rounds.
total() { tr ' ' '\n' <"$RES/$1.$2" | sed -n "s/^$3=//p" | awk '{ s += $1 } END { print s + 0 }'; }
# na LOAD TARGET: why the target has no figures for the load; nothing when it has, or has no row.
na() { [[ -f $RES/$1.$2 ]] || return 0; sed -n 's/^na=//p' "$RES/$1.$2" | head -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f×", a / b }'; }
num() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "") print "–"; else printf "%.*f", d, v }'; }

declare -A LOAD_NAME=([1]="1 unary h2c (h2load)" [1e]="1e unary h2c, three endpoints (h2load)"
  [2]="2 unary TLS (h2load)" [3]="3 unary (grpc-java client)"
  [4]="4 server streaming" [5]="5 idle streams" [6]="6 route swaps during unary"
  [7]="7 ${CONNECTIONS:-1000} connections, one call in flight each (h2load)" [8]="8 upstream killed under load")
# The throughput key of each load.
LOAD_KEY=([1]=rps [2]=rps [3]=rps [4]=mb_per_s [5]=opened [6]=rps [7]=rps)
# The loads whose CPU per call is measured.
CPU_LOADS=(1 2 3 7)

# best_peer LOAD: the peer with the highest median throughput.
best_peer() {
  local p best= top=-1 v
  for p in haproxy nginx; do
    has_target "$p" || continue
    v=$(median "$1" "$p" "${LOAD_KEY[$1]}")
    [[ -n $v ]] && awk -v v="$v" -v t="$top" 'BEGIN { exit !(v > t) }' && best=$p top=$v
  done
  echo "$best"
}

results_table() {
  local load t why thr p50 p99 failed direct notes
  echo "| load | path | req/s · MB/s | p50 ms | p99 ms | failed calls | vs direct | notes |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for load in 1 2 3 7 4 6 5; do
    has_load "$load" || continue
    direct=$(median "$load" direct "${LOAD_KEY[$load]}")
    for t in "${TARGET_LIST[@]}"; do
      why=$(na "$load" "$t")
      if [[ -n $why ]]; then
        echo "| ${LOAD_NAME[$load]} | $t | n/a ($why) | | | | | |"
        continue
      fi
      [[ -f $RES/$load.$t ]] || continue
      thr=$(median "$load" "$t" "${LOAD_KEY[$load]}")
      p50=$(num "$(median "$load" "$t" p50_ms)" 2)
      p99=$(num "$(median "$load" "$t" p99_ms)" 2)
      failed=$(total "$load" "$t" failed)
      notes=""
      case $load in
        1 | 2 | 7)
          notes="DATA bytes per OK reply: $(median "$load" "$t" data_per_ok); $(cpu_note "$load" "$t")"
          local refused
          refused=$(total "$load" "$t" not_connected)
          ((refused == 0)) || notes+="; $refused connections could not be made"
          ;;
        3) notes="$(sed -n 's/.*statuses=\([^ ]*\).*/\1/p' "$RES/$load.$t" | sort -u | paste -sd ' '); $(cpu_note 3 "$t")" ;;
        4)
          notes="$(num "$(kv "$(cat "$RES/4full.$t" 2>/dev/null)" mb_per_s)" 1) MB/s for ${STREAM_FULL_MIB} MiB once;"
          notes+=" rounds of $STREAM_MIB MiB; $(cut -d' ' -f1 "$RES/$load.$t" | sort -u | tr '\n' ' ')"
          p50= p99=
          ;;
        5)
          local l
          l=$(cat "$RES/5.$t")
          thr="$(kv "$l" opened)/$IDLE_STREAMS open"
          notes="RSS $(kv "$l" rss_mib) MiB (before: $(kv "$l" rss_base_mib))"
          [[ $t == legate ]] && notes+="; heap used $(kv "$l" heap_used_mib) MiB, after full GC $(kv "$l" heap_live_mib) MiB"
          failed=$(kv "$l" failed) p50= p99= direct=
          ;;
        6)
          notes="$(median 6 "$t" swaps) $([[ $t == legate ]] && echo "admin writes" || echo reloads)"
          notes+=" ($(total 6 "$t" swaps_failed) failed); req/s $(ratio "$thr" "$(median 3 "$t" rps)") of load 3's"
          ;;
      esac
      [[ $load == 5 ]] || thr=$(num "$thr" "$([[ $load == 4 ]] && echo 1 || echo 0)")
      echo "| ${LOAD_NAME[$load]} | $t | $thr | ${p50:-} | ${p99:-} | $failed | $([[ -n $direct ]] && ratio "$(median "$load" "$t" "${LOAD_KEY[$load]}")" "$direct") | $notes |"
    done
  done
}

# micros VALUE: "VALUE µs", or "–" when not measured.
micros() { [[ -z $1 ]] && echo – || echo "$(num "$1" 1) µs"; }

# cpu_note LOAD TARGET: "CPU per call: proxy … µs, upstream … µs".
cpu_note() {
  local note="CPU per call:"
  [[ $2 == direct ]] || note+=" proxy $(micros "$(median "$1" "$2" proxy_us)"),"
  echo "$note upstream $(micros "$(median "$1" "$2" upstream_us)")"
}

targets_table() {
  local load peer lg pv lp99 pp99 lcpu hcpu cpu_met met
  echo "| load | Legate | best peer | Legate / best peer | Legate / direct | CPU per call ≤ haproxy's | target | met |"
  echo "|---|---:|---|---:|---:|---|---|---|"
  for load in 1 2 3; do
    has_load "$load" || continue
    peer=$(best_peer "$load")
    if [[ -n $(na "$load" legate) || -z $peer ]]; then
      echo "| ${LOAD_NAME[$load]} | n/a | ${peer:-–} | – | – | – | ≥ 1.0× best peer, p99 ≤ its p99, CPU per call ≤ haproxy's | – |"
      continue
    fi
    lg=$(median "$load" legate rps) pv=$(median "$load" "$peer" rps)
    lp99=$(median "$load" legate p99_ms) pp99=$(median "$load" "$peer" p99_ms)
    lcpu=$(median "$load" legate proxy_us) hcpu=$(median "$load" haproxy proxy_us)
    cpu_met=$(awk -v a="$lcpu" -v b="$hcpu" 'BEGIN { print (a == "" || b == "") ? "–" : (a <= b) ? "yes" : "no" }')
    met=$(awk -v a="$lg" -v b="$pv" -v c="$lp99" -v d="$pp99" -v cpu="$cpu_met" \
      'BEGIN { print (a >= b && c <= d && cpu != "no") ? "yes" : "no" }')
    echo "| ${LOAD_NAME[$load]} | $(num "$lg") req/s, p99 $(num "$lp99" 2) ms | $peer: $(num "$pv") req/s, p99 $(num "$pp99" 2) ms" \
      "| $(ratio "$lg" "$pv") | $(ratio "$lg" "$(median "$load" direct rps)")" \
      "| $cpu_met: $(micros "$lcpu") against $(micros "$hcpu") | ≥ 1.0× best peer, p99 ≤ its p99, CPU per call ≤ haproxy's | $met |"
  done
  if has_load 4; then
    lg=$(median 4 legate mb_per_s) pv=$(median 4 direct mb_per_s) peer=$(best_peer 4)
    met=$(awk -v a="$lg" -v b="$pv" 'BEGIN { print (a != "" && b > 0 && a / b >= 0.8) ? "yes" : "no" }')
    echo "| ${LOAD_NAME[4]} | $(num "$lg" 1) MB/s | ${peer:-–}: $(num "$(median 4 "$peer" mb_per_s)" 1) MB/s" \
      "| $(ratio "$lg" "$(median 4 "$peer" mb_per_s)") | $(ratio "$lg" "$pv") | | ≥ 0.8× direct | $met |"
  fi
  if has_load 6; then
    if [[ -n $(na 6 legate) ]]; then
      echo "| ${LOAD_NAME[6]} | n/a ($(na 6 legate)) | | | | | 0 failed calls | – |"
    else
      lg=$(total 6 legate failed)
      echo "| ${LOAD_NAME[6]} | $lg failed calls, req/s $(ratio "$(median 6 legate rps)" "$(median 3 legate rps)") of load 3's | | | | | 0 failed calls | $([[ $lg == 0 ]] && echo yes || echo no) |"
    fi
  fi
  if has_load 5 && [[ -f $RES/5.legate ]]; then
    lg=$(kv "$(cat "$RES/5.legate")" heap_used_mib)
    met=$(awk -v h="$lg" -v o="$(kv "$(cat "$RES/5.legate")" opened)" -v n="$IDLE_STREAMS" \
      'BEGIN { print (o == n && h >= 0 && h < 512) ? "yes" : "no" }')
    echo "| ${LOAD_NAME[5]} | heap $lg MiB ($(kv "$(cat "$RES/5.legate")" opened)/$IDLE_STREAMS open) | | | | | < 512 MiB heap | $met |"
  fi
}

# Where the two cores go: each path's req/s is what is left of them after the upstream and the client.
cpu_table() {
  local load t
  echo "| load | path | req/s | proxy CPU per call | upstream CPU per call | proxy's JIT compiler, share of its CPU |"
  echo "|---|---|---:|---:|---:|---:|"
  for load in "${CPU_LOADS[@]}"; do
    for t in "${TARGET_LIST[@]}"; do
      [[ -f $RES/$load.$t && -z $(na "$load" "$t") ]] || continue
      echo "| ${LOAD_NAME[$load]} | $t | $(num "$(median "$load" "$t" rps)")" \
        "| $([[ $t == direct ]] && echo – || micros "$(median "$load" "$t" proxy_us)")" \
        "| $(micros "$(median "$load" "$t" upstream_us)") | $(percent "$(median "$load" "$t" jit_pct)") |"
    done
  done
}

# percent VALUE: "VALUE %", or "–" when not measured.
percent() { [[ -z $1 ]] && echo – || echo "$(num "$1" 1) %"; }

# jit_note: the share of Legate's CPU its JIT compiler took in the measured unary loads.
jit_note() {
  local load shares=()
  for load in "${CPU_LOADS[@]}"; do
    [[ -f $RES/$load.legate && -z $(na "$load" legate) ]] && shares+=("load $load $(percent "$(median "$load" legate jit_pct)")")
  done
  ((${#shares[@]})) || return 0
  echo "The share of Legate's CPU that its JIT compiler took in the measured rounds (medians): $(IFS=,; echo "${shares[*]}" | sed 's/,/, /g')."
  echo "Under $JIT_QUIET_PCT % the figures are Legate's steady state; above, they include compiling."
  echo
}

# access_log_note: load 1 through Legate with its access log on, beside the compared Legate, which logs nothing.
access_log_note() {
  [[ -f $RES/1.legate-log && -f $RES/1.legate ]] || return 0
  local key row name digits cells=()
  for row in "req/s:rps:0" "p99 ms:p99_ms:2" "CPU µs per call:proxy_us:1"; do
    IFS=: read -r name key digits <<<"$row"
    cells+=("$name $(num "$(median 1 legate-log "$key")" "$digits") against $(num "$(median 1 legate "$key")" "$digits")"\
" ($(ratio "$(median 1 legate-log "$key")" "$(median 1 legate "$key")"))")
  done
  echo "With its access log on (\`legate-log\`, load 1), Legate's $(IFS=';'; echo "${cells[*]}" | sed 's/;/, /g')."
  echo
}

# warmup_note: how long each target was warmed up, and its compiler's share in the last window.
warmup_note() {
  local t l notes=()
  for t in "${TARGET_LIST[@]}"; do
    l=$(sed -n "s/^$t //p" "$RES/warmup" 2>/dev/null)
    [[ -n $l ]] || continue
    notes+=("$t $(kv "$l" secs) s$([[ -n $(kv "$l" jit_pct) ]] && echo " ($(kv "$l" jit_pct) %)")")
  done
  (IFS=,; echo "${notes[*]}" | sed 's/,/, /g')
}

# The system calls per call of the pass under strace (syscalls.sh), proxy and upstream.
syscalls_table() {
  local p load t l
  echo "| load | path | calls traced | proxy writes | proxy reads | proxy other | upstream writes | upstream reads | upstream other |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for p in $(syscall_paths | tr ' ' ,); do
    IFS=, read -r load t <<<"$p"
    [[ -f $RES/s$load.$t ]] || continue
    l=$(<"$RES/s$load.$t")
    if [[ -n $(kv "$l" na) ]]; then
      echo "| ${LOAD_NAME[$load]} | $t | n/a ($(sed -n 's/^na=//p' <<<"$l")) | | | | | | |"
      continue
    fi
    echo "| ${LOAD_NAME[$load]} | $t | $(kv "$l" calls)" \
      "| $(num "$(kv "$l" proxy_writes)" 2) | $(num "$(kv "$l" proxy_reads)" 2) | $(num "$(kv "$l" proxy_other)" 2)" \
      "| $(num "$(kv "$l" upstream_writes)" 2) | $(num "$(kv "$l" upstream_reads)" 2) | $(num "$(kv "$l" upstream_other)" 2) |"
  done
}

# Load 1e: the same h2load through Legate's Mappings over one endpoint and over three, and their ratio.
three_endpoints_table() {
  local row name key digits one three calls before after i share=()
  echo "| load 1e, unary h2c (h2load) | one endpoint | three endpoints | three endpoints / one |"
  echo "|---|---:|---:|---:|"
  for row in "req/s:rps:0" "p50 ms:p50_ms:2" "p99 ms:p99_ms:2" "Legate's CPU per call, µs:proxy_us:1" \
    "the upstream's CPU per call, µs:upstream_us:1"; do
    IFS=: read -r name key digits <<<"$row"
    one=$(median 1e legate "$key") three=$(median 1e legate-3ep "$key")
    echo "| $name | $(num "$one" "$digits") | $(num "$three" "$digits") | $(ratio "$three" "$one") |"
  done
  echo "| failed calls | $(total 1e legate failed) | $(total 1e legate-3ep failed) | |"
  echo
  per_endpoint "$(<"$RES/1e.endpoints")" "The three-endpoint path's tries per endpoint (Legate's /metrics)"
  echo
  three_endpoints_syscalls
}

# three_endpoints_syscalls: the writes and reads per call of load 1's legate and load 1e's legate-3ep under strace,
# beside the ratio of their CPU per call: fewer calls per read pass and per gathered write cost system calls.
three_endpoints_syscalls() {
  local one three side key who
  one=$(cat "$RES/s1.legate" 2>/dev/null) three=$(cat "$RES/s1e.legate-3ep" 2>/dev/null)
  if [[ -z $(kv "$one" calls) || -z $(kv "$three" calls) ]]; then
    echo "System calls per call over one endpoint and over three: not traced in this run (it needs loads 1 and 1e)."
    return 0
  fi
  echo -n "System calls per call under strace (load 1's legate and load 1e's legate-3ep below), writes / reads, one"
  echo -n " endpoint then three:"
  for side in "proxy:Legate" "upstream:the upstream"; do
    IFS=: read -r key who <<<"$side"
    echo -n " $who $(num "$(kv "$one" "${key}_writes")" 2) / $(num "$(kv "$one" "${key}_reads")" 2) then"
    echo -n " $(num "$(kv "$three" "${key}_writes")" 2) / $(num "$(kv "$three" "${key}_reads")" 2), CPU per call"
    echo -n " $(ratio "$(median 1e legate-3ep "${key}_us")" "$(median 1e legate "${key}_us")")$([[ $key == proxy ]] && echo ';' || echo '.')"
  done
  echo
}

# per_endpoint COUNTS WHAT: a sentence of counts_since's per-endpoint counts.
per_endpoint() {
  if [[ -z $1 ]]; then
    echo "$2: not counted (no admin API)."
  else
    echo "$2, in the order of the Endpoints: calls $(kv "$1" calls | sed 's#/# / #g'), failed before an answer" \
      "$(kv "$1" failures | sed 's#/# / #g'), ejections $(kv "$1" ejections | sed 's#/# / #g')."
  fi
}

# Load 8: the calls through each Mapping while one of its three upstreams is killed.
upstream_killed_table() {
  local name l
  echo "| load 8, Mapping | calls | failed | statuses | tries per endpoint (the third killed) | failed before an answer |"
  echo "|---|---:|---:|---|---|---|"
  for name in killed retried; do
    [[ -f $RES/8.$name ]] || continue
    l=$(<"$RES/8.$name")
    echo "| $([[ $name == killed ]] && echo "no \`retry_policy\`" || echo "\`retry_policy: $RETRY_POLICY\`")" \
      "| $(($(kv "$l" ok) + $(kv "$l" failed))) | $(kv "$l" failed) | $(kv "$l" statuses | tr ',' ' ')" \
      "| $(kv "$l" calls | sed 's#/# / #g') | $(kv "$l" failures | sed 's#/# / #g') |"
  done
}

machine() {
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), memory $(free -h | awk '/^Mem:/ { print $2 }'), kernel $(uname -r)"
  echo "- $(java -version 2>&1 | head -n 1); $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
  echo "- Legate $("$TREE/bin/legate" version 2>/dev/null | awk '{ print $2 }') (commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- gateway-core distribution 2>/dev/null || echo ', with uncommitted changes')), default JVM options"
  echo "- $(nginx -v 2>&1), worker_processes auto; $(haproxy -v | head -n 1 | cut -d' ' -f1-3), default nbthread; h2load $(h2load --version | awk '{ print $2 }')"
  echo "- upstream: grpc-java $(ls "$RUN"/tools/lib/grpc-core-*.jar | sed 's/.*grpc-core-\(.*\)\.jar/\1/') Netty server, defaults; one for every path (load 8 adds two)"
}

# Profile findings are written by hand and survive a regeneration: the section is copied from the previous file.
profile_findings() {
  if [[ -f $OUT ]] && grep -q '^## Profile findings' "$OUT"; then
    sed -n '/^## Profile findings/,/^## /p' "$OUT" | sed '1d;/^## /d'
  else
    printf '\n_None yet: write here what a profile of the forwarder under these loads shows._\n\n'
  fi
}

run_notes() {
  echo "- checks, one call each with a grpc-java client: $(tr '\n' ';' <"$RES/checks" | sed 's/;$//; s/;/; /g')"
  [[ -f $RUN/nginx/error.log ]] &&
    echo "- nginx error.log: $(grep -c . "$RUN/nginx/error.log") lines$(grep -m 3 -E '\[(error|crit|alert)\]' "$RUN/nginx/error.log" | cut -c1-160 | sed 's/^/; /' | tr '\n' ' ')"
  [[ -f $RUN/haproxy.log ]] &&
    echo "- haproxy log: $(grep -c . "$RUN/haproxy.log") lines$(grep -m 3 -iE 'alert|error' "$RUN/haproxy.log" | cut -c1-160 | sed 's/^/; /' | tr '\n' ' ')"
  [[ -f $RUN/legate-log/access.log ]] &&
    echo "- legate-log's access log: $(wc -l <"$RUN/legate-log/access.log") lines"
  [[ -f $RUN/legate.log ]] &&
    echo "- Legate log: $(grep -cE 'WARN|ERROR' "$RUN/legate.log") WARN/ERROR lines$(grep -m 3 -E 'WARN|ERROR' "$RUN/legate.log" | cut -c1-160 | sed 's/^/; /' | tr '\n' ' ')"
  return 0
}

syscalls_note() {
  echo "After the timed loads, in a pass of their own (tracing slows what it traces): for each unary load and each path,"
  echo "and for load 1e's path over three endpoints (legate-3ep, beside load 1's legate: the same calls, spread by Legate"
  echo "over three upstream connections instead of one),"
  echo "$SYSCALL_CALLS calls (h2load \`-n $SYSCALL_CALLS\` with load 1's or 2's settings, load 3's client with 128 calls in"
  echo "flight; at most $SYSCALL_SECS s each) while \`strace -f -c\` counts the system calls of every thread of the proxy's"
  echo "processes and, apart, of the upstream, divided by the calls made: writes (\`write\`, \`writev\`, \`sendto\`,"
  echo "\`sendmsg\`), reads (\`read\`, \`readv\`, \`recvfrom\`, \`recvmsg\`) and other, the waits (\`epoll_wait\`,"
  echo "\`epoll_pwait\`, \`futex\`; nothing else is traced). A proxy that serves every ready stream in one pass of its"
  echo "event loop makes fewer of each per call. Tracing slows every call, so fewer of them share a read or a write"
  echo "than in the timed loads: compare the paths with each other, not with the timed figures."
}

write_results() {
  local findings tmp=$OUT.tmp
  findings=$(profile_findings)
  {
    echo "# Benchmark results: Legate, haproxy and nginx side by side"
    echo
    echo "Generated by \`$COMMAND\` on $(date -u '+%Y-%m-%d %H:%M UTC') in $(( $(date +%s) - START_TIME )) s. Paths:"
    echo "\`direct\` is the client straight to the upstream (the ceiling); \`legate\`, \`haproxy\`, \`nginx\` forward to it,"
    echo "all on loopback. Three reference rows, for loads $FLOOR_LOADS, are not products but forwarders written on Jetty with nothing else:"
    echo "\`jetty-core\`, Jetty's core server and HTTP/2 client passing calls on with nothing else, one write per frame (\`JettyCoreForwarder\`);"
    echo "\`jetty-frames\`, HTTP/2 frames passed from stream to stream over Legate's own transport (its listener and upstream"
    echo "connector, which write once per read pass) with no request objects, no servlet and no routing (\`FrameForwarder\`);"
    echo "\`jetty-servlet\`, the same frames and upstream session entered as Legate's forwarder is: Jetty's request and"
    echo "response objects and a servlet that starts an async call and forwards it with Jetty's core API, with no routing, no"
    echo "filters and no header rewriting (\`ServletForwarder\`). What \`jetty-servlet\` spends per call above \`jetty-frames\`"
    echo "is the cost of entering through a servlet; what Legate spends above \`jetty-servlet\` is Legate's own."
    echo "Every target is warm before it is measured, as in production: each JVM (Legate, the reference rows, and the"
    echo "upstream, which \`direct\` measures) gets unary load in windows of $JIT_WINDOW s, h2c and TLS in turn, until its JIT"
    echo "compiler took under $JIT_QUIET_PCT % of its CPU in the last window of each ($JIT_WARMUP s at least, $JIT_WARMUP_MAX at most);"
    echo "haproxy and nginx, which compile nothing, get $JIT_WARMUP s. This run, with the compiler's share in the last window:"
    echo "$(warmup_note)."
    echo "Legate runs with \`access_log: false\`, as haproxy and nginx log nothing per call (\`access_log off\`, no \`log\`);"
    echo "\`legate-log\` is the same Legate with its access log on (a JSON line per call into a file), in load 1 only, so"
    echo "that the log's cost shows. Loads run interleaved (direct legate haproxy nginx, direct …): a warm-up pass, then"
    echo "$ROUNDS rounds of $SECS s each (after ${WARMUP} s of warm-up inside each measurement); the figures are medians"
    echo "over the rounds. The machine is shared: only the ratios within one run mean anything."
    echo
    echo "## Machine"
    machine
    echo
    echo "## Targets"
    targets_table
    echo
    jit_note
    access_log_note
    echo "## Results"
    results_table
    echo
    if [[ -f $RES/1e.legate-3ep || -f $RES/8.killed ]]; then
      echo "## Legate over three endpoints"
      echo "Legate only: haproxy and nginx are not configured with several endpoints or retries here. Each Mapping's three"
      echo "endpoints are the \`subsets\` of a stored \`Endpoints\` resource of its own, reached with \`resolver: endpoint\`"
      echo "(round robin per call), and the calls name the Mapping by \`:authority\`. Load 1e's three endpoints are three ports"
      echo "of one process, the upstream that serves the one-endpoint row and every other path. Load 8's are the upstream and"
      echo "two processes of their own, the third of which is killed, started just before load 8."
      echo
      [[ -f $RES/1e.legate-3ep ]] && three_endpoints_table && echo
      [[ -f $RES/8.killed ]] && upstream_killed_table && echo
    fi
    echo "## CPU per call"
    echo "The user and system CPU time of each proxy's processes and of the upstream over the measured seconds"
    echo "(/proc/PID/stat), divided by the calls made in them; medians over the rounds. The client, the upstream and the"
    echo "proxy share the machine's $(nproc) cores, so a proxy's req/s is set by what it spends per call next to the upstream."
    echo
    cpu_table
    echo
    echo "## System calls per call"
    if compgen -G "$RES/s*" >/dev/null; then
      syscalls_note
      echo
      syscalls_table
    else
      echo "Not measured in this run (SYSCALL_CALLS=0, or no unary load)."
    fi
    echo
    echo "## How each load is measured"
    echo "1. \`h2load -c 8 -m 16 -D $SECS --warm-up-time=$WARMUP\`, h2c, a gRPC-framed HelloRequest; req/s from h2load, p50/p99 from its"
    echo "   \`--log-file\`; failed = h2load's failed, or non-200 statuses if more. h2load sees HTTP statuses only: the"
    echo "   DATA bytes per OK reply show that replies carry a message (a trailers-only gRPC error has none)."
    echo "2. The same over TLS (ALPN h2, the self-signed certificate of \`gen-certs.sh\`); direct = the upstream's TLS port."
    echo "3. \`UnaryLoad\` (grpc-java, benchmarks/): 8 connections, 128 calls in flight; a call counts only if it ends"
    echo "   \`OK\` with \`Hello, world\`, every other status is a failure, by code."
    echo "4. \`StreamLoad\`: one server-streaming call of 64 KiB messages, MB/s (10^6 bytes). ${STREAM_FULL_MIB} MiB once per path"
    echo "   (the warm-up pass, in the notes), then rounds of ${STREAM_MIB} MiB (the median), to keep the run short."
    echo "5. \`IdleStreams\`: $IDLE_STREAMS server streams over 125 connections, each open end to end (its first message"
    echo "   received), then RSS of the proxy's processes (/proc, master and workers) and Legate's heap (\`jcmd GC.heap_info\`,"
    echo "   then again after \`GC.run\`); measured once per path, then all cancelled."
    echo "6. Load 3 while routes change $SWAPS times, spread over the window: Legate by admin API writes (\`POST"
    echo "   /api/v1/apply\`, a Mapping whose response header changes each time), haproxy and nginx by what changing their"
    echo "   routes takes, a reload (SIGUSR2 to haproxy -W, SIGHUP to nginx). grpc-java's client, not h2load: a lost"
    echo "   route answers HTTP 200 with grpc-status 12, which h2load cannot see."
    echo "7. \`h2load -c $CONNECTIONS -m 1 -D $SECS --warm-up-time=$WARMUP\`, h2c: as load 1, but each call on a connection of"
    echo "   its own, so that what a proxy spends per connection (memory, wake-ups, a write per connection where load 1"
    echo "   writes for many streams at once) shows; a connection that cannot be made is named in the notes."
    echo "1e. Load 1 through Legate only, over a Mapping of three endpoints (\`:authority: $BALANCED\`), interleaved with"
    echo "   the same load through its one-endpoint Mapping. The one upstream process serves both, the three endpoints on"
    echo "   three ports of its own, so that the rows differ only in Legate's balancing: three connections to the upstream"
    echo "   instead of one, each call picking its endpoint."
    echo "8. Load 3's client through Legate only, over a Mapping of three endpoints (the upstream and two processes started"
    echo "   just before load 8), for $KILL_SECS s; $KILL_AFTER s in, the third gets SIGKILL. Once without \`retry_policy\` ($KILLED), once with"
    echo "   \`retry_policy: $RETRY_POLICY\` ($RETRIED); each Mapping has Endpoints of its own, so that no ejection"
    echo "   carries over. The upstream is started again on its port (and warmed for $JIT_WINDOW s) in between; every call that"
    echo "   ends in the window counts, failed = any status but OK."
    echo
    echo "## Notes from this run"
    run_notes
    echo
    echo "## Profile findings"
    echo "$findings"
  } >"$tmp"
  mv "$tmp" "$OUT"
}
