# shellcheck shell=bash
# shared by the bench scripts: where things are, and how to count and time them
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034  # SHARED and MVN_VERIFY are for the scripts that source this file
SHARED="${LAB_SHARED:-$ROOT/../shared}"
export KUBECONFIG="${KUBECONFIG:-/var/lib/labcluster/kubeconfig}"
# shellcheck disable=SC2034
MVN_VERIFY=("$ROOT/mvnw" -B -ntp verify -Dlab.cluster=kubeconfig "-Dlab.kubeconfig=$KUBECONFIG")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

tests_in() {   # the tests="N" of each report's <testsuite>, summed
  cat "$@" 2>/dev/null | grep -o '<testsuite [^>]*' | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*' \
    | awk '{ s += $1 } END { print s + 0 }'
}

# tests run by the last mvn verify: all of them, and those on the cluster (failsafe)
suite_checks() {
  local unit cluster
  unit=$(tests_in "$ROOT"/target/surefire-reports/TEST-*.xml)
  cluster=$(tests_in "$ROOT"/target/failsafe-reports/TEST-*.xml)
  echo "$(( ${unit:-0} + ${cluster:-0} )) ${cluster:-0}"
}

# what a run of the suite may have left (the one definition, shared with .ci/run)
# shellcheck source=SCRIPTDIR/../.ci/leftovers.sh
source "$ROOT/.ci/leftovers.sh"

# keep NAME: all the bench prints from here on also goes to bench/results/NAME-DATE.txt, under a line
# saying when, at which commit and on which machine: the README's figures name these files
keep() {
  local file
  file="$ROOT/bench/results/$1-$(date -u +%F).txt"
  mkdir -p "$ROOT/bench/results"
  local dirty=
  git -C "$ROOT" diff --quiet HEAD -- . ':(exclude)bench/results' || dirty=' (with changes)'
  exec > >(tee "$file") 2>&1
  echo "bench/$1, $(date -u +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD)$dirty;" \
    "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr);" \
    "$(java -version 2>&1 | head -1); cluster $(kubectl version -o json 2>/dev/null | jq -r '.serverVersion.gitVersion // "none"')"
}
