#!/bin/sh
# A submission's 2.4: the student's memalloc runs as they wrote it (no arguments, stdin closed: a program
# waiting for ENTER reads EOF) with their module loaded, between kernel-log markers, for at most
# DURATION_S + LIMIT_S seconds; its output is capped at 16 MiB.
# usage: sub-access.sh PROGRAM DURATION_S LIMIT_S
. "$(dirname "$0")/lib.sh"
sub_start access
if [ -z "$1" ] || [ ! -x "$1" ]; then
	echo "program=absent" >"$out/memalloc.status"
	exit 0
fi
cd "$(dirname "$1")"
t0=$(date +%s)
(
	ulimit -f 32768
	exec "$1"
) </dev/null >"$out/memalloc.out" 2>&1 &
pid=$!
echo "ptlab: access begin pid=$pid duration_s=$2" >/dev/kmsg
end=$((t0 + $2 + $3))
while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$end" ]; do
	sleep 1
done
timed_out=0
if kill -0 "$pid" 2>/dev/null; then
	timed_out=1
	kill -KILL "$pid" 2>/dev/null || true
fi
st=0
wait "$pid" || st=$?
echo "ptlab: access end" >/dev/kmsg
ran=$(($(date +%s) - t0))
exit_code=$st signal=
if [ "$st" -gt 128 ]; then
	exit_code=
	signal=$(kill -l $((st - 128)) 2>/dev/null || echo $((st - 128)))
fi
printf 'exit=%s\nsignal=%s\ntimed_out=%s\nstdin=closed\nduration_s=%s\nran_s=%s\n' \
	"$exit_code" "$signal" "$timed_out" "$2" "$ran" >"$out/memalloc.status"
