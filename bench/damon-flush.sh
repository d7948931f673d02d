#!/usr/bin/env bash
# DAMON under TCG with and without the workload's own TLB flushes: in one fresh guest of RECIPE
# (bin/harness vm shell, 2 vCPUs, 4 GiB), N rounds (default 2) of workloads/scripts/damon.sh on the
# part2 pattern (1 GiB, hot [0,256M), warm [256M,512M) every 1 ms, 20 s), once with FLUSH_MS 0 and once
# with 2. Prints, per run, the share of aggregations in which the middle page of hot, warm and cold lay
# in a region DAMON saw accessed, and the workload's pass and flush counts. Say which accelerator it ran on.
# usage: bench/damon-flush.sh [RECIPE] [N]      (a kernel with DAMON's sysfs: trixie or sid)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe=${1:-trixie}
n=${2:-2}
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "damon-flush.sh: N must be a positive number, got '$n'" >&2; exit 2; }
script=$(mktemp /tmp/ptlab-damon-flush.XXXXXX)
trap 'rm -f "$script"' EXIT
{
	echo 'set -e; export PTLAB=/root/ptlab; mkdir -p $PTLAB/src && cd $PTLAB/src && base64 -d <<"B64" | tar xz'
	tar czf - -C "$root" workloads | base64
	echo 'B64'
	echo "rounds=$n"
	cat <<'GUEST'
make -s -C workloads memalloc >/dev/null
echo "kernel $(uname -r), $(nproc) vCPUs"
# per aggregation (region lines in address order; a lower start begins the next one): is the middle
# page of hot, warm and cold in a region with nr_accesses > 0
summary() {
	o=$PTLAB/out/damon
	base=$(sed -n 's/^access pid=[0-9]* base=0x\([0-9a-f]*\).*/\1/p' "$o/memalloc.out")
	grep 'damon_aggregated:' "$o/damon_aggregated.txt" | sed 's/.*nr_regions=[0-9]* //' | tr -- '-:' '  ' |
		awk -v b=$((16#$base)) '
		function done_one() { if (n) { tot++; hot += h; warm += w; cold += c } n = 0; h = w = c = 0 }
		{ if ($1 < prev) done_one(); prev = $1; n++
		  if ($1 <= b + 134217728 && b + 134217728 < $2 && $3 > 0) h = 1
		  if ($1 <= b + 402653184 && b + 402653184 < $2 && $3 > 0) w = 1
		  if ($1 <= b + 805306368 && b + 805306368 < $2 && $3 > 0) c = 1 }
		END { done_one(); printf "  %d aggregations; seen accessed: hot %.1f%%, warm %.1f%%, cold %.1f%%\n",
			tot, 100 * hot / tot, 100 * warm / tot, 100 * cold / tot }'
	sed -n 's/^access_done .*\(hot_passes=[0-9]* warm_passes=[0-9]*\).*/  \1/p; s/^access_flush /  /p' "$o/memalloc.out"
}
for i in $(seq 1 "$rounds"); do
	for flush in 0 2; do
		echo "round $i, FLUSH_MS=$flush"
		sh $PTLAB/src/workloads/scripts/damon.sh 1G 20 256M 256M 512M 1000 never "$flush" >/dev/null
		summary
	done
done
GUEST
} >"$script"
"$root/bin/harness" vm shell "$recipe" --cpus 2 --memory 4096 <"$script" 2>&1 |
	grep -v '^Pseudo-terminal\|^Linux \|^The programs\|^the exact\|^individual files\|^Debian GNU\|^permitted by\|^$'
