#!/usr/bin/env bash
# Image build benchmark: a cold build into an empty cache, then the same build again (a cache hit).
# usage: bench/image-build.sh [RECIPE]   (needs root; uses a throw-away cache folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe=${1:-bookworm}
cache=$(mktemp -d /var/tmp/ptlab-bench-cache.XXXXXX)
trap 'rm -rf "$cache"' EXIT
for kind in cold cached; do
	t0=$(date +%s.%N)
	PTLAB_CACHE=$cache "$root/bin/harness" image build "$recipe" >/dev/null 2>&1
	t1=$(date +%s.%N)
	printf 'image build %s %s: %.1f s\n' "$recipe" "$kind" "$(echo "$t1 - $t0" | bc)"
done
du -sh "$cache"/images/*/disk.img | awk '{print "disk image: " $1 " (sparse: apparent size larger)"}'
