#!/usr/bin/env bash
# Start-up benchmark: N guests of one recipe (default 5 x bookworm) restored from the ready snapshot
# and N cold-booted, alternating, with `harness vm smoke`; prints each time to ready (QEMU start to a
# command over SSH) and smoke wall time, the medians and the ratio. Say which accelerator it ran on.
# usage: bench/boot.sh [RECIPE] [N] [extra vm smoke options, e.g. --accel tcg]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe=${1:-bookworm}
n=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
# the first restore of an empty cache makes the snapshot: not part of the measurement
"$root/bin/harness" vm smoke "$recipe" "$@" >/dev/null 2>&1
declare -A ready walls
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq 1 "$n"); do
	for mode in restore cold; do
		flag=()
		[ "$mode" = cold ] && flag=(--cold-boot)
		out=$("$root/bin/harness" vm smoke "$recipe" "${flag[@]}" "$@" 2>/dev/null)
		grep -qx PASS <<<"$out" || { echo "$mode $i failed:"; echo "$out"; exit 1; }
		accel=$(awk '/^accelerator:/ {print $2}' <<<"$out")
		r=$(awk '/^ready after:/ {print $3}' <<<"$out")
		w=$(awk '/^wall time:/ {print $3}' <<<"$out")
		echo "$mode $i: accel=$accel ready=${r}s smoke-wall=${w}s ($(awk -F':  *' '/^started by:/ {print $2}' <<<"$out"))"
		ready[$mode]+="$r "
		walls[$mode]+="$w "
	done
done
# shellcheck disable=SC2086
mr=$(median ${ready[restore]}) mc=$(median ${ready[cold]})
# shellcheck disable=SC2086
echo "recipe=$recipe n=$n accel=$accel median ready: restore ${mr}s, cold boot ${mc}s, ratio" \
	"$(awk -v a="$mc" -v b="$mr" 'BEGIN {printf "%.1f", a / b}')x; median smoke wall: restore" \
	"$(median ${walls[restore]})s, cold boot $(median ${walls[cold]})s"
