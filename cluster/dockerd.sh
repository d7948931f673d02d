#!/usr/bin/env bash
# A private Docker daemon for the container-cluster tests, started and stopped by PID.
#
#   cluster/dockerd.sh start RUNDIR   starts dockerd, waits until it answers, prints its DOCKER_HOST
#   cluster/dockerd.sh stop RUNDIR    removes the containers labelled ptlab.cluster, stops dockerd by PID
#   cluster/dockerd.sh clean          (CI) same as stop for every daemon still recorded under the cache
#
# RUNDIR (a fresh temporary folder) holds the socket, pidfile, exec-root and log. No bridge and no
# iptables rules: every container runs with host networking, so no private-range address ever exists.
# The data root (image layers) lives in the cache, $PTLAB_CACHE/cluster/docker, so the built images
# survive between runs; dockerd holds a lock on it, so one daemon at a time uses it.
# Exit status: 0 ok, 4 (INFRA_ERROR) when dockerd is missing or does not come up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cluster/common.sh
. "$here/common.sh"

start() {
	local run=$1
	mkdir -p "$run" "$PTLAB_CLUSTER_DATA"
	run="$(cd "$run" && pwd)"
	require dockerd docker.io
	# The daemon inherits fd 9 and so holds the data-root lock for as long as it runs.
	exec 9>"$PTLAB_CLUSTER_DATA.lock"
	flock -w 600 9 || die "another dockerd has held $PTLAB_CLUSTER_DATA for 10 minutes" \
		"(started for $(cat "$PTLAB_CLUSTER_DATA.owner" 2>/dev/null); if it is stale: cluster/dockerd.sh clean)"
	echo "$run" >"$PTLAB_CLUSTER_DATA.owner"
	setsid dockerd \
		--data-root "$PTLAB_CLUSTER_DATA" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" \
		--host "unix://$run/docker.sock" --bridge=none --iptables=false --ip-masq=false \
		--ip-forward=false --userland-proxy=false --log-level=warn \
		</dev/null >"$run/dockerd.log" 2>&1 &
	local pid=$!
	exec 9>&-
	echo "$pid" >"$run/dockerd.pid.launch"
	local i
	for i in $(seq 1 300); do
		if ! kill -0 "$pid" 2>/dev/null || zombie "$pid"; then
			tail -n 20 "$run/dockerd.log" >&2
			die "dockerd exited at start (log: $run/dockerd.log)"
		fi
		if [ -S "$run/docker.sock" ] && DOCKER_HOST="unix://$run/docker.sock" docker version >/dev/null 2>&1; then
			remove_cluster_containers "$run"
			echo "unix://$run/docker.sock"
			return 0
		fi
		sleep 0.1
	done
	kill "$pid" 2>/dev/null || true
	die "dockerd did not answer within 30 s (log: $run/dockerd.log)"
}

# containers left in the data root by a run that was killed, or still running at stop
remove_cluster_containers() {
	local ids
	ids=$(DOCKER_HOST="unix://$1/docker.sock" docker ps -aq --filter label=ptlab.cluster 2>/dev/null || true)
	if [ -n "$ids" ]; then
		# shellcheck disable=SC2086
		DOCKER_HOST="unix://$1/docker.sock" docker rm -f $ids >/dev/null 2>&1 || true
	fi
}

zombie() {
	[ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]
}

stop() {
	local run=$1
	local pid
	[ -f "$run/dockerd.pid.launch" ] || return 0
	pid=$(cat "$run/dockerd.pid.launch")
	[ ! -S "$run/docker.sock" ] || remove_cluster_containers "$run"
	# containerd is the daemon's child; its shims are gone with the containers
	local children child
	children=$(pgrep -P "$pid" || true)
	kill "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 200); do
		if ! kill -0 "$pid" 2>/dev/null || zombie "$pid"; then
			break
		fi
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null && ! zombie "$pid"; then
		kill -9 "$pid" 2>/dev/null || true
	fi
	for child in $children; do
		if tr '\0' ' ' 2>/dev/null <"/proc/$child/cmdline" | grep -qF -- "$run/exec"; then
			kill -9 "$child" 2>/dev/null || true
		fi
	done
	# dockerd leaves its bind mount of the host network namespace (exec-root/netns/default) behind
	local mnt
	for mnt in $(awk -v p="$run/exec/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
		umount -l "$mnt" 2>/dev/null || true
	done
	rm -f "$run/dockerd.pid.launch"
}

clean() {
	local owner
	[ -f "$PTLAB_CLUSTER_DATA.owner" ] || return 0
	owner=$(cat "$PTLAB_CLUSTER_DATA.owner")
	stop "$owner"
}

case "${1:-}" in
start) start "${2:?usage: dockerd.sh start RUNDIR}" ;;
stop) stop "${2:?usage: dockerd.sh stop RUNDIR}" ;;
clean) clean ;;
*) die "usage: dockerd.sh start|stop RUNDIR | clean" ;;
esac
