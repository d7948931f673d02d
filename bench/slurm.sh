#!/usr/bin/env bash
# Wall time of one spec on the local executor against the slurm executor on a one-node Slurm
# (cluster/slurm-local.sh) on this machine, alternating, after one warm-up run (images, snapshots and
# builds cached), and the scheduler's overhead per cell: (slurm - local) / cells.
# usage: bench/slurm.sh [SPEC] [ROUNDS]     default: experiments/sweep-kernels.yaml 1
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec=${1:-experiments/sweep-kernels.yaml}
rounds=${2:-1}
state=$(mktemp -d /tmp/ptlab-slurm-bench.XXXXXX)
trap '"$root/cluster/slurm-local.sh" stop "$state" >/dev/null 2>&1 || true' EXIT
"$root/cluster/slurm-local.sh" start "$state" >/dev/null
export SLURM_CONF=$state/slurm.conf
cd "$root"
bin/harness --version >/dev/null

timed() {
	local t0 t1
	t0=$(date +%s.%N)
	bin/harness run "$spec" "$@" >"$state/out.log" 2>"$state/err.log" || { cat "$state/out.log" >&2; return 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

echo "warm-up (local): $(timed) s"
cells=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['cells']))" \
	"$(awk '/campaign of/ {print $2}' "$state/out.log")/campaign.json")
for r in $(seq 1 "$rounds"); do
	l=$(timed)
	s=$(timed --executor slurm --wait)
	printf 'round %d: local %.1f s, slurm %.1f s, %d cells, overhead %.1f s per cell\n' "$r" "$l" "$s" "$cells" \
		"$(echo "($s - $l) / $cells" | bc -l)"
done
echo "accelerator: $(grep -ho '"accelerator" : "[a-z]*"\|"accelerator": "[a-z]*"' -r "$(awk '/campaign of/ {print $2}' "$state/out.log")" | head -n1)"
