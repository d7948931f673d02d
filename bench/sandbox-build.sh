#!/usr/bin/env bash
# Sandboxed-build benchmark, on the host with no guest: lkp25p3 built by the sandbox (sandbox-build.sh,
# a student's Makefile: submissions/student-kmod) and by the native build of the project's own module
# (native-build.sh, kmod/lkp25p3's Makefile), N times each, alternating; prints each wall time, the
# medians and the ratio, and each .ko's vermagic. Both scripts run as the harness runs them (setpriv
# --pdeathsig, unshare --mount), without the JVM. Needs root and the recipe's image in the cache.
# usage: bench/sandbox-build.sh [RECIPE] [N]
#        bench/sandbox-build.sh --once sandbox|native [RECIPE]   (one build, for an outside timer)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache=${PTLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ptlab}
res=$root/harness/src/main/resources/ptlab/image
once=
if [ "${1:-}" = --once ]; then
	once=$2
	shift 2
fi
recipe=${1:-bookworm}
n=${2:-5}
# the newest image of the recipe in the cache
img=$(ls -td "$cache/images/$recipe"-*/ 2>/dev/null | head -n1)
[ -f "$img/disk.img" ] || { echo "no $recipe image in $cache/images: bin/harness image build $recipe" >&2; exit 2; }
rel=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["kernel_release"])' "$img/manifest.json")
src=/root/ptlab/src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/native" "$tmp/student"
cp -a "$root/kmod" "$tmp/native/"
cp "$root/harness/src/test/resources/submissions/student-kmod/Makefile" "$root"/kmod/lkp25p3/*.[ch] \
	"$root/kmod/common/ptwalk.h" "$tmp/student/"

# build WHICH OUT: one build, its output in OUT.log, its .ko in OUT/
build() {
	# as NativeBuilder and SandboxBuild run them
	local ns=(setpriv --pdeathsig KILL -- unshare --mount --propagation private)
	[ "$1" = native ] || ns+=(--pid --fork --kill-child)
	ns+=(-- sh)
	rm -rf "$2" && mkdir -p "$2"
	if [ "$1" = native ]; then
		"${ns[@]}" "$res/native-build.sh" "$img/disk.img" "$tmp/native" "$src" "$src/kmod/lkp25p3" \
			"make -C $src/kmod/lkp25p3 KDIR=/lib/modules/$rel/build" "cd $src/kmod/lkp25p3 && ls *.ko" "$2"
	else
		"${ns[@]}" "$res/sandbox-build.sh" "$img/disk.img" "$tmp/student" "$src" "$src" make 'ls *.ko' "$2" \
			"$rel" "bench-$$" 180 120 256 268435456 2147483648 1073741824 262144
	fi >"$2.log" 2>&1 || { echo "$1 build failed:"; tail -n 20 "$2.log"; exit 1; }
}
if [ -n "$once" ]; then
	build "$once" "$tmp/out-once"
	exit 0
fi
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A secs
build sandbox "$tmp/out-warm" # page cache and the loop device's first read: not measured
for i in $(seq 1 "$n"); do
	for which in sandbox native; do
		t0=$(date +%s.%N)
		build "$which" "$tmp/out-$which"
		s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
		echo "$which $i: ${s}s"
		secs[$which]+="$s "
	done
done
# shellcheck disable=SC2086
ms=$(median ${secs[sandbox]}) mn=$(median ${secs[native]})
for which in sandbox native; do
	echo "$which: vermagic $(strings "$tmp/out-$which/lkp25p3.ko" | sed -n 's/^vermagic=//p' | head -n1)"
done
echo "median of $n on $recipe ($rel), host-native, no guest: sandbox ${ms}s, native ${mn}s, sandbox/native" \
	"$(awk -v a="$ms" -v b="$mn" 'BEGIN {printf "%.2f", a / b}')x"
