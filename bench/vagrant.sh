#!/usr/bin/env bash
# Start-up benchmark, Vagrant against the harness: N rounds (default 3) of one recipe, alternating
# `harness vm smoke` restored, `harness vm smoke --cold-boot` and `vagrant up` of the same image's box
# with the repository's Vagrantfile (no rsync, same vCPUs and memory), then `vagrant ssh -c true` and
# `vagrant destroy -f`. Prints each time to ready, the medians and the ratios. Vagrant runs in a network
# namespace of its own (bin/vagrant-netns) unless PTLAB_VAGRANT_WRAPPER is set; a first up/destroy
# (which uploads the box into libvirt's pool) is not measured. Say which accelerator it ran on.
# usage: bench/vagrant.sh [RECIPE] [N] [--accel tcg|kvm]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recipe=${1:-bookworm}
n=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
accel=tcg
[ "${1:-}" = "--accel" ] && accel=$2
work=$(mktemp -d /tmp/ptlab-bench-vagrant.XXXXXX)
export VAGRANT_HOME="$work/vagrant-home" VAGRANT_DOTFILE_PATH="$work/.vagrant" VAGRANT_CWD="$root"
export PTLAB_RECIPE=$recipe PTLAB_ACCEL=$accel PTLAB_SYNC=0 PTLAB_PREFIX=ptlab-bench- PTLAB_CONSOLE="$work/console.log"
export PTLAB_CPUS=2 PTLAB_MEMORY_MIB=4096 VAGRANT_CHECKPOINT_DISABLE=1
wrap=()
if [ -z "${PTLAB_VAGRANT_WRAPPER:-}" ]; then
	"$root/bin/vagrant-netns" up "$work/netns"
	wrap=("$root/bin/vagrant-netns" exec "$work/netns" --)
else
	read -r -a wrap <<<"$PTLAB_VAGRANT_WRAPPER"
fi
cleanup() {
	"${wrap[@]}" vagrant destroy -f >/dev/null 2>&1 || true
	[ -z "${PTLAB_VAGRANT_WRAPPER:-}" ] && "$root/bin/vagrant-netns" down "$work/netns"
	rm -rf "$work"
}
trap cleanup EXIT
"$root/bin/harness" image box "$recipe" >/dev/null
"$root/bin/harness" vm smoke "$recipe" --accel "$accel" >/dev/null 2>&1
"${wrap[@]}" vagrant up >/dev/null && "${wrap[@]}" vagrant destroy -f >/dev/null
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }
declare -A ready
for i in $(seq 1 "$n"); do
	for mode in restore cold; do
		flag=()
		[ "$mode" = cold ] && flag=(--cold-boot)
		out=$("$root/bin/harness" vm smoke "$recipe" --accel "$accel" "${flag[@]}" 2>/dev/null)
		grep -qx PASS <<<"$out" || { echo "$mode $i failed:"; echo "$out"; exit 1; }
		r=$(awk '/^ready after:/ {print $3}' <<<"$out")
		echo "$mode $i: ready=${r}s"
		ready[$mode]+="$r "
	done
	t0=$(now)
	"${wrap[@]}" vagrant up >"$work/up.log" 2>&1 || { tail -20 "$work/up.log"; exit 1; }
	t1=$(now)
	"${wrap[@]}" vagrant ssh -c true >/dev/null 2>&1
	t2=$(now)
	"${wrap[@]}" vagrant destroy -f >/dev/null
	t3=$(now)
	up=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
	ssh=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.1f", b - a}')
	down=$(awk -v a="$t2" -v b="$t3" 'BEGIN {printf "%.1f", b - a}')
	echo "vagrant $i: up=${up}s (vagrant waits for SSH), then vagrant ssh -c true ${ssh}s, destroy ${down}s"
	ready[vagrant]+="$up "
done
# shellcheck disable=SC2086
mr=$(median ${ready[restore]}) mc=$(median ${ready[cold]}) mv=$(median ${ready[vagrant]})
echo "recipe=$recipe n=$n accel=$accel median to ready: harness restore ${mr}s, harness cold boot ${mc}s," \
	"vagrant up ${mv}s: vagrant/cold $(awk -v a="$mv" -v b="$mc" 'BEGIN {printf "%.1f", a / b}')x," \
	"vagrant/restore $(awk -v a="$mv" -v b="$mr" 'BEGIN {printf "%.1f", a / b}')x"
