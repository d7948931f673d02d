#!/usr/bin/env bash
# Wall time of one spec on the local executor on this machine against the slurm executor on a two-node
# Slurm cluster in containers (ContainerSweepBench: cluster/, Testcontainers, a private dockerd), after one
# local warm-up run (images, snapshots and builds cached; the nodes share the image cache). The two nodes
# share this machine's cores: on a 2-core host the figure is the cluster's overhead, not a speed-up.
# Hold /tmp/ptlab-guest.lock if other guests may run.
# usage: bench/slurm-containers.sh [SPEC]     default: experiments/sweep-kernels.yaml
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec=${1:-experiments/sweep-kernels.yaml}
cd "$root"
bin/harness --version >/dev/null
log=$(mktemp /tmp/ptlab-bench-containers.XXXXXX)
trap 'rm -f "$log"' EXIT
timed() {
	local t0 t1
	t0=$(date +%s.%N)
	bin/harness run "$spec" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}
echo "warm-up (local): $(timed) s"
echo "local executor: $(timed) s"
mvn -q -B verify -Dit.test=ContainerSweepBench -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	-Dfailsafe.failIfNoSpecifiedTests=false -Dptlab.bench.spec="$spec" 2>&1 | grep -A20 'bench:' ||
	{ echo "slurm-containers.sh: ContainerSweepBench failed (target/failsafe-reports)" >&2; exit 1; }
echo "accelerator: $(grep -ho '"accelerator" : "[a-z]*"' -r "$(awk '/campaign of/ {print $2}' "$log")" | head -n1)"
