#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds kmod/lkp25p3 and kmod/pagetable natively in the userspace of each
# cached guest image (the guest's own gcc and kernel headers), without booting
# it, and counts the compiler warnings (W=1), then runs sparse over the same
# sources (make C=2: the checker only, on every file) and counts its warnings
# and errors. sparse comes from the image: every recipe in vm-images/ lists it
# in extra_packages. The image stays untouched: its disk is mounted read-only
# under an overlayfs whose upper layer is a temporary folder.
#
# Usage: kmod/check-builds.sh [-k KMOD_DIR] [-o OUT_DIR] [recipe...]
#   recipe     a recipe name of vm-images/ (default: every vm-images/*.yaml)
#   -k DIR     the kmod/ folder to build (default: the folder of this script)
#   -o DIR     keep the build logs and the .ko files in DIR/<recipe>/
#
# Prints one line per recipe: name, kernel release, compiler and sparse warning
# counts (sparse=- with a note where Kbuild itself skipped sparse), PASS/FAIL.
# Exits 0 when every recipe built both modules without a warning, 1 otherwise,
# 2 on a usage error. Needs root (loop and overlay mounts, chroot) and the
# images built beforehand (bin/harness image build <recipe>); set HARNESS to
# use another bin/harness. Where the kernel's Makefile validates sparse with
# scripts/checker-valid.sh and the headers lack it (Debian's 7.2), a stand-in
# is written into the overlay first, so sparse runs there too.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
harness=${HARNESS:-$root/bin/harness}
kmod=$here
out=

usage() {
	sed -n '12,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while getopts k:o:h opt; do
	case $opt in
	k) kmod=$(cd "$OPTARG" && pwd) ;;
	o) out=$(mkdir -p "$OPTARG" && cd "$OPTARG" && pwd) ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

if [ "$(id -u)" -ne 0 ]; then
	echo "check-builds: needs root (loop and overlay mounts, chroot)" >&2
	exit 2
fi
for d in lkp25p3 pagetable common; do
	if [ ! -d "$kmod/$d" ]; then
		echo "check-builds: $kmod is not a kmod/ folder (no $d/)" >&2
		exit 2
	fi
done

recipes=("$@")
if [ ${#recipes[@]} -eq 0 ]; then
	for f in "$root"/vm-images/*.yaml; do
		recipes+=("$(basename "$f" .yaml)")
	done
fi

# Mount state of the recipe being checked, for the cleanup.
tmp=
mounts=()

cleanup() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" ||
			echo "check-builds: could not unmount ${mounts[i]}" >&2
	done
	mounts=()
	if [ -n "$tmp" ]; then
		# Never recurse into something still mounted (a bound /dev!).
		if findmnt -rn -o TARGET | grep -q "^$tmp/"; then
			echo "check-builds: $tmp still has mounts, left in place" >&2
		else
			rm -rf --one-file-system "$tmp"
		fi
	fi
	tmp=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# "key" : "value" from a pretty-printed manifest.json on stdin.
json_field() {
	sed -n "s/^ *\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# The cache folder of the recipe's current image (its key names it).
image_dir() {
	local recipe=$1 key
	key=$("$harness" image show "$recipe" 2>/dev/null | json_field cache_key) || return 1
	[ -n "$key" ] || return 1
	"$harness" image list 2>/dev/null |
		awk -v suffix="/$recipe-$key" 'substr($NF, length($NF) - length(suffix) + 1) == suffix { print $NF }' |
		head -n 1
}

# Mounts the image's disk read-only under an overlay at $tmp/merged, with /proc
# and /dev bound into it, and copies the kmod/ folder to /root/ptlab/src/kmod.
setup() {
	local disk=$1 merged

	tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-builds.XXXXXX") || return 1
	merged=$tmp/merged
	mkdir "$tmp/lower" "$tmp/upper" "$tmp/work" "$merged" "$tmp/logs" || return 1
	mount -o loop,ro "$disk" "$tmp/lower" || return 1
	mounts+=("$tmp/lower")
	mount -t overlay overlay \
		-o "lowerdir=$tmp/lower,upperdir=$tmp/upper,workdir=$tmp/work" "$merged" || return 1
	mounts+=("$merged")
	mount --bind /proc "$merged/proc" || return 1
	mounts+=("$merged/proc")
	mount --bind /dev "$merged/dev" || return 1
	mounts+=("$merged/dev")
	rm -rf "$merged/root/ptlab/src/kmod" &&
		mkdir -p "$merged/root/ptlab/src" &&
		cp -a "$kmod" "$merged/root/ptlab/src/kmod"
}

# in_image ARGS...: runs ARGS chrooted into the image, in a clean environment
# (nothing of the host's make flags or locale leaks in).
in_image() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C chroot "$tmp/merged" "$@"
}

# supply_checker_valid RELEASE: 7.2's Makefile runs scripts/checker-valid.sh
# before sparse and skips sparse when it does not print 1, but Debian's 7.2
# headers do not ship that script. Where the kernel's Makefile calls it and it
# is missing, writes a stand-in into the overlay (the image stays untouched)
# and prints "supplied". The stand-in does what the kernel's script checks:
# that the checker accepts __typeof_unqual__, which those headers use with
# __CHECKER__ defined.
supply_checker_valid() {
	in_image sh -eu -s "$1" <<'SH'
build=/lib/modules/$1/build
top=$(sed -n 's|^include \(/.*\)/Makefile$|\1|p' "$build/Makefile" | head -n 1)
[ -n "$top" ] || top=$build
grep -q 'scripts/checker-valid\.sh' "$top/Makefile" || exit 0
script=$(readlink -f "$top/scripts")/checker-valid.sh
[ ! -e "$script" ] || exit 0
cat >"$script" <<'EOF'
#!/bin/sh
# Stand-in from ptlab's kmod/check-builds.sh (Debian's headers lack the
# kernel's script): prints 1 when the checker "$1" exists and accepts
# __typeof_unqual__ without an error, else 0.
command -v "$1" >/dev/null 2>&1 || { echo 0; exit 0; }
t=$(mktemp --suffix=.c)
printf 'int f(const int *p)\n{\n\t__typeof_unqual__(*p) v = *p;\n\treturn v;\n}\n' >"$t"
# sparse exits 0 even on errors: read what it prints instead
if "$@" "$t" 2>&1 | grep -q error; then echo 0; else echo 1; fi
rm -f "$t"
EOF
chmod 0755 "$script"
echo supplied
SH
}

# check RECIPE: prints its result line; returns non-zero on any warning or failure.
check() {
	local recipe=$1 dir release m src log slog ok warn=0 sparse=0 unchecked=0 n status=PASS notes=()

	dir=$(image_dir "$recipe") || dir=
	if [ -z "$dir" ] || [ ! -f "$dir/disk.img" ]; then
		printf '%-10s %-24s %-12s FAIL (no cached image: bin/harness image build %s)\n' \
			"$recipe" "-" "-" "$recipe"
		return 1
	fi
	release=$(json_field kernel_release <"$dir/manifest.json")

	if ! setup "$dir/disk.img"; then
		notes+=("cannot mount $dir/disk.img")
		status=FAIL
	elif ! in_image test -d "/lib/modules/$release/build"; then
		notes+=("no /lib/modules/$release/build in the image")
		status=FAIL
	else
		if [ "$(supply_checker_valid "$release")" = supplied ]; then
			notes+=("scripts/checker-valid.sh supplied")
		fi
		for m in lkp25p3 pagetable; do
			src=/root/ptlab/src/kmod/$m
			log=$tmp/logs/$m.log
			in_image make -C "$src" KDIR="/lib/modules/$release/build" clean >/dev/null 2>&1 || true
			ok=1
			if ! in_image make -C "$src" KDIR="/lib/modules/$release/build" >"$log" 2>&1; then
				notes+=("$m: make failed")
				ok=0
			fi
			n=$(grep -c 'warning:' "$log") || true
			warn=$((warn + n))
			if [ ! -f "$tmp/merged$src/$m.ko" ]; then
				notes+=("$m: no $m.ko")
				ok=0
			fi
			if [ "$ok" -eq 0 ]; then
				status=FAIL
				tail -n 20 "$log" | sed "s|^|    $m: |" >&2
			fi
			slog=$tmp/logs/$m.sparse
			if ! in_image sh -c 'command -v sparse' >/dev/null; then
				notes+=("no sparse in the image: rebuild it, its recipe lists sparse")
				status=FAIL
			elif ! in_image make -C "$src" KDIR="/lib/modules/$release/build" C=2 >"$slog" 2>&1; then
				notes+=("$m: make C=2 failed")
				status=FAIL
				tail -n 20 "$slog" | sed "s|^|    $m sparse: |" >&2
			fi
			n=$(grep -Ec ': (warning|error):' "$slog") || true
			sparse=$((sparse + n))
			# Kbuild skips sparse with only this message when scripts/checker-valid.sh
			# rejects it: say so instead of counting 0.
			if grep -q 'sparse is not available or not up to date' "$slog"; then
				notes+=("$m: Kbuild skipped sparse (not available or not up to date)")
				unchecked=1
			fi
			if [ -n "$out" ]; then
				mkdir -p "$out/$recipe"
				cp "$log" "$out/$recipe/"
				cp "$slog" "$out/$recipe/" 2>/dev/null || true
				cp "$tmp/merged$src/$m.ko" "$out/$recipe/" 2>/dev/null || true
			fi
		done
		if [ "$warn" -ne 0 ]; then
			status=FAIL
			grep -H 'warning:' "$tmp"/logs/*.log | sed "s|^$tmp/logs/|    |" >&2
		fi
		if [ "$sparse" -ne 0 ]; then
			status=FAIL
			grep -EH ': (warning|error):' "$tmp"/logs/*.sparse | sed "s|^$tmp/logs/|    |" >&2
		fi
	fi
	[ "$unchecked" -eq 0 ] || sparse=-
	printf '%-10s %-24s warnings=%-3d sparse=%-3s %s%s\n' "$recipe" "$release" "$warn" "$sparse" "$status" \
		"$([ ${#notes[@]} -eq 0 ] || printf ' (%s)' "$(IFS=';'; echo "${notes[*]}")")"
	cleanup
	[ "$status" = PASS ]
}

rc=0
for r in "${recipes[@]}"; do
	check "$r" || rc=1
done
exit "$rc"
