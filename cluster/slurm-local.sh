#!/usr/bin/env bash
# A one-node Slurm cluster on 127.0.0.1 with every file under one folder: for trying the slurm executor
# on one machine and for the tests. It starts munged, slurmctld and slurmd and stops them by PID.
#
#   cluster/slurm-local.sh start DIR   wipe DIR, write slurm.conf and a munge key, start the daemons;
#                                      prints `export SLURM_CONF=DIR/slurm.conf` for the clients
#   cluster/slurm-local.sh stop DIR    stop the daemons started in DIR (and wait until they are gone)
#
# Environment: PTLAB_SLURM_PORT (slurmctld; slurmd uses the next port, default 16817),
# PTLAB_SLURM_CPUS (CPUs the node offers, default: this machine's, at least 4: a cell asks for the
# guest's vCPUs plus one for the harness, and TCG guests mostly wait), PTLAB_SLURM_MEM_MIB (default 20000).
# Needs root, slurm-wlm and munge (apt-get install slurm-wlm munge).
set -euo pipefail

usage() {
	sed -n '5,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$(realpath -m "$2")
port=${PTLAB_SLURM_PORT:-16817}
cpus=${PTLAB_SLURM_CPUS:-$(($(nproc) < 4 ? 4 : $(nproc)))}
mem=${PTLAB_SLURM_MEM_MIB:-20000}
host=$(hostname -s)

stop_pidfile() {
	local f=$1 pid i
	[ -s "$f" ] || return 0
	pid=$(cat "$f")
	kill "$pid" 2>/dev/null || true
	for i in $(seq 1 100); do
		# a zombie counts as gone: PID 1 here may reap it late
		if ! kill -0 "$pid" 2>/dev/null || [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ]; then
			rm -f "$f"
			return 0
		fi
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$f"
}

stop() {
	# jobs first, so no task outlives the cluster that ran it
	if [ -s "$dir/run/slurmctld.pid" ] && [ -f "$dir/slurm.conf" ]; then
		export SLURM_CONF=$dir/slurm.conf
		timeout 10 scancel --full --user=root >/dev/null 2>&1 || true
		local i
		for i in $(seq 1 300); do
			[ -z "$(timeout 5 squeue --noheader --states=RUNNING,COMPLETING --format=%i 2>/dev/null)" ] && break
			sleep 0.1
		done
	fi
	stop_pidfile "$dir/run/slurmd.$host.pid"
	stop_pidfile "$dir/run/slurmctld.pid"
	stop_pidfile "$dir/run/munged.pid"
}

start() {
	for p in munged mungekey slurmctld slurmd; do
		command -v "$p" >/dev/null || [ -x "/usr/sbin/$p" ] || {
			echo "slurm-local: $p is missing; install with: apt-get install -y slurm-wlm munge" >&2
			exit 4
		}
	done
	[ -d "$dir/run" ] && stop
	rm -rf "$dir"
	mkdir -p "$dir"/{run,munge}
	# munged refuses a socket folder others cannot traverse
	chmod 711 "$dir/munge"
	/usr/sbin/mungekey -c -k "$dir/munge/munge.key"
	chmod 600 "$dir/munge/munge.key"
	/usr/sbin/munged -F --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
		--pid-file="$dir/run/munged.pid" --seed-file="$dir/munge/seed" --log-file="$dir/run/munged.log" \
		--force </dev/null >/dev/null 2>&1 &
	echo $! >"$dir/run/munged.pid"
	# Slurm's own timeouts (one node: nothing to requeue elsewhere); memory is scheduled, so
	# --mem-per-cell holds; a cancelled cell gets 30 s to stop its guest before SIGKILL
	"$(dirname "${BASH_SOURCE[0]}")/slurm-conf.sh" --state "$dir/run" --controller "$host:$port" \
		--node "$host:$((port + 1))" --cpus "$cpus" --memory "$mem" --munge-socket "$dir/munge/munge.socket" \
		--slurmd-timeout 300 --message-timeout 10 --requeue-delay 120 --select-params CR_Core_Memory \
		--partition ptlab --kill-wait 30 >"$dir/slurm.conf"
	export SLURM_CONF=$dir/slurm.conf
	local i
	for i in $(seq 1 50); do
		[ -S "$dir/munge/munge.socket" ] && break
		sleep 0.1
	done
	/usr/sbin/slurmctld -f "$SLURM_CONF" </dev/null >"$dir/run/slurmctld.out" 2>&1
	/usr/sbin/slurmd -f "$SLURM_CONF" </dev/null >"$dir/run/slurmd.out" 2>&1
	for i in $(seq 1 100); do
		if sinfo -h -o '%T' 2>/dev/null | grep -qx 'idle'; then
			echo "export SLURM_CONF=$SLURM_CONF"
			return 0
		fi
		sleep 0.1
	done
	echo "slurm-local: the node did not come up in 10 s; logs in $dir/run" >&2
	tail -n 20 "$dir/run/slurmctld.log" "$dir/run/slurmd.$host.log" >&2 || true
	stop
	exit 4
}

case "$cmd" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
