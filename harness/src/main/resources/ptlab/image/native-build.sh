#!/bin/sh
# Builds one component natively in a guest image's own userspace (its gcc, libc and kernel headers),
# at the path the guest uses, without booting it. Runs inside a private mount namespace
# (unshare --mount): every mount below vanishes with the namespace, whatever ends this script, and
# the loop device goes with its mount (autoclear). The image is opened read-only under an overlay.
# usage: native-build.sh DISK SRC_DIR GUEST_SRC GUEST_DIR MAKE LIST OUT_DIR
# Exit status: 0 built, 99 make failed (the sources), anything else: the host could not do it.
set -eu
disk=$1 src=$2 guest_src=$3 guest_dir=$4 make_cmd=$5 list_cmd=$6 out=$7
t=$(mktemp -d "${TMPDIR:-/tmp}/ptlab-native-XXXXXX")
cleanup() {
	umount -R "$t/root" 2>/dev/null || true
	umount "$t/lower" 2>/dev/null || true
	rm -rf "$t/upper" "$t/work"
	rmdir "$t/root" "$t/lower" "$t" 2>/dev/null || true
}
trap cleanup EXIT
mkdir "$t/lower" "$t/upper" "$t/work" "$t/root"
mount -o loop,ro "$disk" "$t/lower"
mount -t overlay overlay -o "lowerdir=$t/lower,upperdir=$t/upper,workdir=$t/work" "$t/root"
mount -t proc proc "$t/root/proc"
mount --rbind /dev "$t/root/dev"
mkdir -p "$t/root$(dirname "$guest_src")"
rm -rf "$t/root$guest_src"
cp -a "$src" "$t/root$guest_src"
in_guest() {
	chroot "$t/root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 /bin/sh -c "$1"
}
status=0
in_guest "$make_cmd" || status=$?
if [ "$status" -ne 0 ]; then
	echo "native-build: make exited with status $status" >&2
	exit 99
fi
mkdir -p "$out"
for f in $(in_guest "$list_cmd"); do
	cp "$t/root$guest_dir/$f" "$out/$f"
done
