#!/usr/bin/env bash
# Module build benchmark: lkp25p3 built natively in the image's userspace on the host, then in the
# guest (--build-in-guest), each from an empty build-cache entry, in one quick-part2 run each; prints
# both step times from the manifests and the ratio, and whether the two .ko files are identical.
# usage: bench/build.sh [extra run options, e.g. --accel tcg]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache=${PTLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ptlab}
spec=$root/experiments/quick-part2.yaml
step() {
	python3 - "$1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
s = [s for s in m["steps"] if s["name"] == "build-lkp25p3"][0]
print(s["seconds"], m["built_by"]["lkp25p3"], m["artifacts"].get("kmod/lkp25p3/lkp25p3.ko", "?"), m["accelerator"])
PY
}
declare -A secs sums
for where in native guest; do
	rm -rf "$cache"/builds/lkp25p3-*
	flag=()
	[ "$where" = guest ] && flag=(--build-in-guest)
	out=$("$root/bin/harness" run "$spec" "${flag[@]}" "$@" 2>/dev/null || true)
	run=$(awk '/results\// {for (i=1;i<=NF;i++) if ($i ~ /results\//) print $i}' <<<"$out" | head -n1)
	read -r s by sum accel < <(step "$run/manifest.json")
	echo "$where: build-lkp25p3 ${s}s (built_by=$by, accel=$accel) lkp25p3.ko sha256 $sum"
	secs[$where]=$s
	sums[$where]=$sum
done
echo "ratio guest/native: $(awk -v a="${secs[guest]}" -v b="${secs[native]}" 'BEGIN {printf "%.1f", a / b}')x;" \
	"identical .ko: $([ "${sums[native]}" = "${sums[guest]}" ] && echo yes || echo NO)"
