#!/bin/sh
# A submission's 2.4: the student's memalloc runs as they wrote it (no arguments, stdin closed: a program
# waiting for ENTER reads EOF) with their module loaded, between kernel-log markers, for at most
# DURATION_S + LIMIT_S seconds; its output is capped at 16 MiB.
# With MODULE and PID_PARAM (a module told its process by a parameter), the module is loaded here once the
# program has its buffer (an anonymous mapping of 512 MiB or more, at most 10 s), as
# insmod MODULE PID_PARAM=<pid> [ADDR_PARAM=<the address it printed in that mapping, else the mapping's start>];
# insmod.status and insmod.err say how that went (a load that fails ends the part).
# usage: sub-access.sh PROGRAM DURATION_S LIMIT_S [MODULE PID_PARAM [ADDR_PARAM]]
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
ko=${4:-} pid_param=${5:-} addr_param=${6:-}
if [ -n "$ko" ] && [ -n "$pid_param" ]; then
	buf=
	i=0
	while [ "$i" -lt 40 ] && [ -z "$buf" ] && kill -0 "$pid" 2>/dev/null; do
		while read -r range perms _ _ inode path; do
			case "$perms" in rw*) ;; *) continue ;; esac
			[ "$inode" = 0 ] && [ -z "$path" ] || continue
			s=$((0x${range%-*})) e=$((0x${range#*-}))
			[ $((e - s)) -ge 536870912 ] || continue
			buf=$(printf '0x%x' "$s")
			for a in $(grep -Eo '0x[0-9a-fA-F]{6,16}' "$out/memalloc.out" 2>/dev/null | head -20); do
				if [ $((a)) -ge "$s" ] && [ $((a)) -lt "$e" ]; then
					buf=$a
					break
				fi
			done
			break
		done <"/proc/$pid/maps"
		[ -n "$buf" ] || sleep 0.25
		i=$((i + 1))
	done
	st=0
	# shellcheck disable=SC2046
	insmod "$ko" "$pid_param=$pid" $([ -n "$addr_param" ] && [ -n "$buf" ] && echo "$addr_param=$buf") \
		2>"$out/insmod.err" || st=$?
	printf 'exit=%s\npid=%s\nbuffer=%s\n' "$st" "$pid" "$buf" >"$out/insmod.status"
	if [ "$st" -ne 0 ]; then
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		printf 'exit=\nsignal=KILL\ntimed_out=0\nstdin=closed\nduration_s=%s\nran_s=%s\n' "$2" \
			"$(($(date +%s) - t0))" >"$out/memalloc.status"
		exit 0
	fi
fi
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
