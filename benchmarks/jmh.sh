#!/usr/bin/env bash
# The forwarder's pieces that run once per call (header screen, hop-by-hop copy, a Mapping's header changes, the
# call's exchange, the grpc-timeout's parse) under JMH, each alone: 1 fork, 2 warm-up iterations of 1 s and 3
# measured of 2 s, about a minute in all. Apart from run.sh: these are nanoseconds per piece, not a load.
#
#   benchmarks/jmh.sh                 # builds the benchmarks module, then runs ForwarderHotPathBenchmark
#   BUILD=0 benchmarks/jmh.sh ForwarderHotPathBenchmark.headerScreen -prof gc   # reuses the build; arguments go to JMH
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")

if [[ ${BUILD:-1} == 1 ]]; then
  mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am package -DskipTests
fi
if [[ $# == 0 ]]; then
  set -- ForwarderHotPathBenchmark
fi
exec java -cp "$HERE/target/benchmarks.jar:$HERE/target/lib/*" org.openjdk.jmh.Main "$@"
