#!/bin/sh
# Builds untrusted sources (a submission's own Makefile) in a guest image's userspace, without giving
# them the host. Runs as root, as the first process of a PID namespace and in a private mount
# namespace (unshare --mount --pid --fork --kill-child): were it killed, the kernel would kill all it
# started (its subshells would outlive it otherwise), and every mount goes with the namespace.
#  - the image read-only under an overlay whose upper layer is a size-limited tmpfs (the scratch);
#  - the sources copied to GUEST_SRC and owned by 65534, the only writable place with a tmpfs /tmp;
#  - a /dev of its own (null zero full random urandom tty), read-only; no /sys;
#  - make as uid 65534 with no capabilities and no_new_privs, in empty network, PID, IPC and UTS
#    namespaces, under rlimits (CPU, processes, file size, address space), stdin /dev/null, and
#    killed with everything it started at the wall-clock limit.
# The PID namespace's first process is a root shell that only waits for the build: the build's uid
# can neither ptrace nor signal it, and when it exits the kernel kills whatever the build left.
# usage: sandbox-build.sh DISK SRC GUEST_SRC GUEST_DIR MAKE LIST OUT IMAGE_RELEASE TOKEN \
#        WALL_S CPU_S NPROC FSIZE_BYTES AS_BYTES SCRATCH_BYTES OUTPUT_CAP_BYTES
# What the sandbox stopped is printed as lines "sandbox-build[TOKEN] stopped: ...": the token is a
# secret of the caller's, so the build cannot print such a line itself.
# Exit status: 0 built, 99 make failed or was stopped (the sources), 2 not root or bad arguments,
# anything else: the host could not do it.
set -eu
if [ "$(id -u)" -ne 0 ]; then
	echo "sandbox-build: must run as root (it mounts the image and drops to an unprivileged uid)" >&2
	exit 2
fi
if [ $# -ne 16 ]; then
	echo "sandbox-build: expected 16 arguments, got $#" >&2
	exit 2
fi
disk=$1 src=$2 guest_src=$3 guest_dir=$4 make_cmd=$5 list_cmd=$6 out=$7 image_rel=$8 token=$9
shift 9
wall=$1 cpu=$2 nproc=$3 fsize=$4 as=$5 scratch=$6 cap=$7
uid=65534
case "$guest_dir/" in
"$guest_src"/*) ;;
*)
	echo "sandbox-build: GUEST_DIR $guest_dir is not inside GUEST_SRC $guest_src" >&2
	exit 2
	;;
esac
stopped() { echo "sandbox-build[$token] stopped: $*"; }

t=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/ptlab-sandbox-XXXXXX")")
s=$t/s r=$t/s/root
cleanup() {
	umount -R "$r" 2>/dev/null || true
	umount "$s/lower" 2>/dev/null || true
	umount "$s" 2>/dev/null || true
	rmdir "$s" "$t" 2>/dev/null || true
}
trap cleanup EXIT
mkdir "$s"
mount -t tmpfs -o "size=$scratch,mode=0700,nosuid,nodev" ptlab-sandbox "$s"
mkdir "$s/lower" "$s/upper" "$s/work" "$r" "$s/tmp"
mount -o loop,ro,nosuid,nodev "$disk" "$s/lower"
mount -t overlay overlay -o "lowerdir=$s/lower,upperdir=$s/upper,workdir=$s/work,nosuid,nodev" "$r"

# a path inside the root, refused if a symlink of the image would take it out to the host's tree
inside() {
	p=$(realpath -m "$r$1")
	case "$p/" in
	"$r"/*) echo "$p" ;;
	*)
		echo "sandbox-build: $1 leaves the image root" >&2
		exit 3
		;;
	esac
}
dst=$(inside "$guest_src")
mkdir -p "$(dirname "$dst")"
rm -rf "$dst"
cp -a "$src" "$dst"
chown -R "$uid:$uid" "$dst"
# the ancestors (/root is 0700) become traversable, not listable
d=$(dirname "$guest_src")
while [ "$d" != / ]; do
	chmod o+x "$(inside "$d")"
	d=$(dirname "$d")
done
# KDIR := /lib/modules/$(shell uname -r)/build (or /usr/src/linux-headers-$(shell uname -r)) sees the
# host's release: lead it to the image's
host_rel=$(uname -r)
link=$(inside "/lib/modules/$host_rel")
if [ "$host_rel" != "$image_rel" ] && [ ! -e "$link" ] && [ ! -L "$link" ]; then
	ln -s "$image_rel" "$link"
fi
link=$(inside "/usr/src/linux-headers-$host_rel")
if [ "$host_rel" != "$image_rel" ] && [ -d "$(inside "/usr/src/linux-headers-$image_rel")" ] && [ ! -e "$link" ] &&
	[ ! -L "$link" ]; then
	ln -s "linux-headers-$image_rel" "$link"
fi

mount -t tmpfs -o size=64k,mode=0755,nosuid,noexec ptlab-dev "$r/dev"
for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
	IFS=: read -r name major minor <<EOF
$n
EOF
	mknod -m 0666 "$r/dev/$name" c "$major" "$minor"
done
ln -s /proc/self/fd "$r/dev/fd"
ln -s /proc/self/fd/0 "$r/dev/stdin"
ln -s /proc/self/fd/1 "$r/dev/stdout"
ln -s /proc/self/fd/2 "$r/dev/stderr"
mount -o remount,ro,nosuid,noexec "$r/dev"
chmod 1777 "$s/tmp"
mount --bind "$s/tmp" "$r/tmp"
mount --bind "$dst" "$dst"
mount -o remount,bind,ro,nosuid,nodev "$r"

# sandboxed SECONDS COMMAND: COMMAND in GUEST_DIR as the build; its output on stdout, timeout's own
# words ("sending signal") on stderr
sandboxed() {
	timeout --verbose --kill-after=5 -s KILL "$1" \
		sh -c 'exec "$@" 2>&1' sandbox \
		setpriv --pdeathsig KILL -- \
		unshare --net --pid --ipc --uts --fork --kill-child --mount-proc="$r/proc" \
		chroot "$r" /bin/sh -c '"$@"; s=$?; exit $s' init \
		/usr/bin/setpriv --reuid=$uid --regid=$uid --clear-groups --no-new-privs --inh-caps=-all \
		--bounding-set=-all -- \
		/usr/bin/prlimit --cpu="$cpu:$((cpu + 5))" --nproc="$nproc" --fsize="$fsize" --as="$as" --nofile=1024 --core=0 -- \
		/usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp TMPDIR=/tmp LANG=C.UTF-8 \
		/bin/sh -c 'cd "$1" && export PWD && eval "$2"' build "$guest_dir" "$2" </dev/null
}

# the output, capped: the first and the last CAP bytes, and how much was dropped between them
mkfifo "$s/count"
wc -c <"$s/count" >"$s/total" &
counter=$!
start=$(date +%s)
{
	if sandboxed "$wall" "$make_cmd" 2>"$s/timeout"; then echo 0 >"$s/status"; else echo $? >"$s/status"; fi
} | tee "$s/count" | {
	head -c "$cap" | tee "$s/head"
	tail -c "$cap" >"$s/tail"
}
wait "$counter"
elapsed=$(($(date +%s) - start))
status=$(cat "$s/status") total=$(cat "$s/total")
dropped=$((total - $(wc -c <"$s/head") - $(wc -c <"$s/tail")))
if [ "$dropped" -gt 0 ]; then
	printf '\n[sandbox-build: %s bytes of output dropped here, %s in all]\n' "$dropped" "$total"
fi
cat "$s/tail"
last=$s/tail
[ -s "$last" ] || last=$s/head
[ ! -s "$last" ] || [ -z "$(tail -c 1 "$last")" ] || echo

mib() { echo "$(($1 / 1048576)) MiB"; }
seen() { grep -qs "$@" "$s/head" "$s/tail"; }
if grep -q "sending signal" "$s/timeout"; then
	stopped "time limit of $wall s: the build and every process it started were killed (after $elapsed s)"
fi
# the rest is read from the output, best effort (make prints a recipe's status 128 + signal)
if seen -e "File size limit exceeded" -e "Error 153" -e "File too large"; then
	stopped "file size limit $(mib "$fsize") (SIGXFSZ)"
fi
if seen -e "Resource temporarily unavailable" -e "fork: retry" -e "Cannot fork" -e "fork failed"; then
	stopped "process limit $nproc (fork failed)"
fi
if seen -e "CPU time limit exceeded" -e "Error 152"; then
	stopped "CPU time limit of $cpu s per process (SIGXCPU)"
fi
if seen -e "Cannot allocate memory" -e "virtual memory exhausted" -e "[Oo]ut of memory"; then
	stopped "address space limit $(mib "$as") per process (allocation failed)"
fi
if seen -e "No space left on device"; then
	stopped "writable space of $(mib "$scratch") full"
fi
if [ "$status" -ne 0 ]; then
	echo "sandbox-build: make exited with status $status"
	exit 99
fi

# the products, only regular files in GUEST_DIR of the submission's copy; the build is dead by now
# (its PID namespace went with its first process), so nothing moves under the checks
dir=$(realpath -e "$r$guest_dir" 2>/dev/null || true)
case "$dir/" in
"$dst"/*) ;;
*)
	echo "sandbox-build: $guest_dir is not a folder inside the submission's copy after the build"
	exit 99
	;;
esac
mkdir -p "$out"
sandboxed 30 "$list_cmd" 2>/dev/null | head -c 65536 >"$s/products" || true
while IFS= read -r f; do
	case $f in
	'' | . | .. | */*)
		echo "sandbox-build: product name refused: $f"
		continue
		;;
	esac
	if [ -f "$dir/$f" ] && [ ! -L "$dir/$f" ]; then
		cp "$dir/$f" "$out/$f"
	else
		echo "sandbox-build: product $f is not a regular file: not copied"
	fi
done <"$s/products"
if [ -z "$(ls -A "$out")" ]; then
	echo "sandbox-build: make succeeded but left no product ('$list_cmd' found none)"
	exit 99
fi
