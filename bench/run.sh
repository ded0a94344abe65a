#!/usr/bin/env bash
# Runs the whole benchmark (JMH micro benchmarks, the side-by-side comparison, the Atoll-only workloads,
# the file-size load and the memory probe) and writes BENCHMARKS.md, benchmarks.png and the README's
# headline table at the repository root. Takes about ten minutes on 2 cores; run it on a quiet machine.
#
#   bench/run.sh                 # the issue's sizes
#   bench/run.sh --quick         # tiny sizes, written under bench/target (a smoke run of seconds)
#   bench/run.sh --rounds=5 --jmh=false --posts=100000 ...   # see bench/src/main/java/dev/atoll/bench/Settings.java
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# One invocation, so that the classpath points at the modules just built, not at an older install.
mkdir -p bench/target
if ! mvn -B -q -pl bench -am package dependency:build-classpath -Dmaven.test.skip=true \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >bench/target/build.log 2>&1; then
  cat bench/target/build.log
  echo "bench/run.sh: the build failed (log above)" >&2
  exit 1
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
out="."
for a in "$@"; do
  case "$a" in
    --quick) out="bench/target" ;;
    --out=*) out="${a#--out=}" ;;
  esac
done
exec java -Xms1g -Xmx2g -cp "$cp" dev.atoll.bench.RunAll --out="$out" "$@"
