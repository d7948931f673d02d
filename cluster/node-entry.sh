#!/bin/bash
# Entry point of a cluster node container: starts munged, then the Slurm daemon of its role in the
# foreground, and stops both when the container is stopped.
#   ptlab-node controller          slurmctld (state cleared: every run starts from an empty queue)
#   ptlab-node compute NODENAME    slurmd -N NODENAME (its port comes from the NodeName line)
# SLURM_CONF names slurm.conf; MUNGE_KEY the key every node shares (copied, mode 0400).
set -euo pipefail
role=${1:?usage: ptlab-node controller | compute NODENAME}
: "${SLURM_CONF:?SLURM_CONF must name slurm.conf}"
: "${MUNGE_KEY:?MUNGE_KEY must name the shared munge key}"
export SLURM_CONF
install -d -m 0711 /run/munge
install -d -m 0700 /var/lib/munge /var/log/munge
install -m 0400 "$MUNGE_KEY" /etc/munge/munge.key
munged -F --force --key-file=/etc/munge/munge.key --socket=/run/munge/munge.socket.2 \
	--pid-file=/run/munge/munged.pid --seed-file=/var/lib/munge/munge.seed \
	--log-file=/var/log/munge/munged.log &
munge_pid=$!
for _ in $(seq 1 100); do
	[ -S /run/munge/munge.socket.2 ] && break
	sleep 0.05
done
case "$role" in
controller) slurmctld -D -c -i & ;;
compute) slurmd -D -N "${2:?usage: ptlab-node compute NODENAME}" & ;;
*) echo "ptlab-node: unknown role $role" >&2; exit 2 ;;
esac
daemon_pid=$!
trap 'kill -TERM $daemon_pid $munge_pid 2>/dev/null' TERM INT
echo "ptlab-node: $role ${2:-} started (munged $munge_pid, daemon $daemon_pid)"
set +e
wait -n $daemon_pid $munge_pid
status=$?
kill -TERM $daemon_pid $munge_pid 2>/dev/null
wait
echo "ptlab-node: $role ${2:-} stopped (status $status)"
exit $status
