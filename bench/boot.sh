#!/usr/bin/env bash
# Boot benchmark: N fresh guests of one recipe (default 5 x bookworm) with `harness vm smoke`;
# prints each boot-to-SSH and smoke wall time, then the medians. Say which accelerator it ran on.
# usage: bench/boot.sh [RECIPE] [N] [extra vm smoke options, e.g. --accel tcg]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe=${1:-bookworm}
n=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
boots=()
walls=()
for i in $(seq 1 "$n"); do
	out=$("$root/bin/harness" vm smoke "$recipe" "$@" 2>/dev/null)
	accel=$(awk '/^accelerator:/ {print $2}' <<<"$out")
	boot=$(awk '/^boot-to-SSH:/ {print $2}' <<<"$out")
	wall=$(awk '/^wall time:/ {print $3}' <<<"$out")
	grep -qx PASS <<<"$out" || { echo "boot $i failed:"; echo "$out"; exit 1; }
	echo "boot $i: accel=$accel boot-to-ssh=${boot}s smoke-wall=${wall}s"
	boots+=("$boot")
	walls+=("$wall")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "recipe=$recipe n=$n accel=$accel median boot-to-ssh=$(median "${boots[@]}")s median smoke-wall=$(median "${walls[@]}")s"
