#!/bin/sh
# A submission's Part 1: the student's memalloc runs once per argument list in RUNS (their scheme
# argument as the harness read it from their sources; '' runs it without one), as root as `sudo` would,
# its stdin a FIFO the driver holds, its output capped, its process group killed at LIMIT_S. Whenever it
# settles (every thread sleeping or stopped, its RSS steady: waiting for ENTER, sleeping, pausing) the
# driver takes the truth with its own pagemap over the process's anonymous mappings, runs the student's
# PAGEMAP on it (each argument form of FORMS in turn until one exits 0 and prints or writes something),
# takes the truth again, and feeds one newline; a process that settles again unchanged gets EOF. One that
# never settles is sampled (stopped, read, continued) every 3 s instead. Everything the student's programs
# print or write (new files in their working folder, their own folder and /tmp) is kept per run for the
# judge; the harness's own files start with ptlab-.
# usage: sub-part1.sh MEMALLOC PAGEMAP LIMIT_S RUNS FORMS GUESS
#   PAGEMAP: empty when memalloc translates its own pages (one program)
#   RUNS: argument lists separated by '|'; FORMS: the same, with {pid} {start} {end} {len} filled in
. "$(dirname "$0")/lib.sh"
sub_start part1
prog=$1 pm=$2 limit=$3 runs=$4 forms=$5
printf '%s\n' "$6" >"$out/ptlab-guess.txt"
if [ -z "$prog" ] || [ ! -x "$prog" ]; then
	echo "program=absent" >"$out/driver.status"
	exit 0
fi
# 256 MiB per file (in 512-byte blocks): a 2 GiB log of one line a page is about 30 MiB
FSIZE=524288
ROUNDS=6
SAMPLES=5
worked=

# anon_ranges PID: --range 0xSTART:LEN for each writable anonymous mapping (and the heap)
anon_ranges() {
	while read -r range perms _ _ inode path; do
		case "$perms" in rw*) ;; *) continue ;; esac
		[ "$inode" = 0 ] || continue
		case "$path" in '' | '[heap]') ;; *) continue ;; esac
		s=${range%-*} e=${range#*-}
		printf ' --range 0x%s:%d' "$s" $((0x$e - 0x$s))
	done <"/proc/$1/maps" 2>/dev/null
}

# truth PID FILE: the harness's own pagemap of those mappings, read as root
truth() {
	r=$(anon_ranges "$1")
	[ -n "$r" ] || return 0
	# shellcheck disable=SC2086
	"$BIN/pagemap" --pid "$1" $r --mode batched --out "$2" 2>>"$run/ptlab-truth.err" || true
}

# same BEFORE AFTER: BEFORE replaced by a note when both hold the same pages (their timings aside)
same() {
	[ -f "$1" ] && [ -f "$2" ] || return 0
	cut -d, -f1-10 "$1" >"$1.cut"
	if cut -d, -f1-10 "$2" | cmp -s - "$1.cut"; then
		rm -f "$1"
		echo "the same pages as ${2##*/}" >"${1%.csv}.same"
	fi
	rm -f "$1.cut"
}

# target PID: "START END" of the mapping holding the first address memalloc printed, else the largest
target() {
	best= size=0 want=
	for a in $(grep -Eo '0x[0-9a-fA-F]{6,16}' "$run/memalloc.out" 2>/dev/null | head -20); do
		want=$a
		break
	done
	while read -r range perms _ _ inode path; do
		case "$perms" in rw*) ;; *) continue ;; esac
		[ "$inode" = 0 ] || continue
		case "$path" in '' | '[heap]') ;; *) continue ;; esac
		s=$((0x${range%-*})) e=$((0x${range#*-}))
		if [ -n "$want" ] && [ $((want)) -ge "$s" ] && [ $((want)) -lt "$e" ]; then
			best="$s $e" size=-1
		elif [ "$size" -ge 0 ] && [ $((e - s)) -gt "$size" ]; then
			best="$s $e" size=$((e - s))
		fi
	done <"/proc/$1/maps"
	echo "$best"
}

# state PID: every thread's state letter and the RSS, one word
state() {
	st=$(cat /proc/"$1"/task/*/stat 2>/dev/null | sed 's/^.*) \(.\).*/\1/' | sort -u | tr -d '\n')
	echo "${st}:$(grep VmRSS /proc/"$1"/status 2>/dev/null | tr -dc 0-9)"
}

# settle PID END: 0 once the process sleeps with a steady RSS over 1 s; 1 when it exited or END passed.
# A process that keeps running is sampled after 1 s, then every 3 s.
settle() {
	prev= sampled=$(($(date +%s) - 2))
	while kill -0 "$1" 2>/dev/null && [ "$(date +%s)" -lt "$2" ]; do
		now=$(state "$1")
		case "$now" in
		*R* | *D*) prev= ;;
		*)
			[ "$now" = "$prev" ] && return 0
			prev=$now
			;;
		esac
		if [ $(($(date +%s) - sampled)) -ge 3 ] && [ "$samples" -lt "$SAMPLES" ]; then
			samples=$((samples + 1))
			kill -STOP "$1" 2>/dev/null && truth "$1" "$run/ptlab-truth-s$samples.csv"
			kill -CONT "$1" 2>/dev/null || true
			sampled=$(date +%s) prev=
		fi
		sleep 0.5
	done
	return 1
}

# newer DEST STAMP DIR...: copies the regular files under DIRs changed since STAMP into DEST (20 at most)
newer() {
	dest=$1 stamp=$2
	shift 2
	find "$@" -xdev -type f -newer "$stamp" -size -65536k 2>/dev/null | grep -v "^$out/" | head -20 |
		while read -r f; do
			cp "$f" "$dest/$(echo "${f#/}" | tr / _)" 2>/dev/null || true
		done
}

# pagemap_round PID R: the student's pagemap on PID, each form until one works; its outputs in pm-R/.
# Its variables are its own (pm_*): one_run's $end is the run's deadline, which this must not overwrite.
pagemap_round() {
	pm_dir=$run/pm-$2
	mkdir -p "$pm_dir"
	set -- "$1" "$2" $(target "$1")
	pm_start=${3:-0} pm_end=${4:-0}
	tries=${worked:-$forms}
	old_ifs=$IFS
	IFS='|'
	for form in $tries; do
		IFS=$old_ifs
		pm_args=$(echo "$form" | sed -e "s/{none}//" -e "s/{pid}/$1/g" -e "s/{start}/$(printf '0x%x' "$pm_start")/g" \
			-e "s/{end}/$(printf '0x%x' "$pm_end")/g" -e "s/{len}/$((pm_end - pm_start))/g")
		touch "$pm_dir/ptlab-stamp"
		left=$((end - $(date +%s)))
		[ "$left" -ge 5 ] || left=5
		st=0
		# shellcheck disable=SC2086
		(cd "$pm_dir" && exec timeout -s KILL "$left" sh -c "ulimit -f $FSIZE; exec \"\$0\" \"\$@\"" "$pm" $pm_args) \
			</dev/null >"$pm_dir/stdout.txt" 2>"$pm_dir/stderr.txt" || st=$?
		printf 'form=%s\nargs=%s\nexit=%s\n' "$form" "$pm_args" "$st" >>"$run/ptlab-pagemap-$2.status"
		newer "$pm_dir" "$pm_dir/ptlab-stamp" "$pmdir" /tmp
		if [ "$st" -eq 0 ] && [ -n "$(find "$pm_dir" -type f -size +0 ! -name 'ptlab-*' ! -name stderr.txt)" ]; then
			worked=$form
			echo "worked=1" >>"$run/ptlab-pagemap-$2.status"
			break
		fi
		IFS='|'
	done
	IFS=$old_ifs
}

# one_run K ARGS: memalloc with ARGS, driven to its end
one_run() {
	run=$out/run-$1
	mkdir -p "$run/ma"
	printf '%s\n' "$2" >"$run/ptlab-args.txt"
	rm -f "$run/ctl"
	mkfifo "$run/ctl"
	touch "$run/ptlab-stamp"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	(cd "$run/ma" && exec setsid sh -c "ulimit -f $FSIZE; exec \"\$0\" \"\$@\"" "$prog" $2) \
		<"$run/ctl" >"$run/memalloc.out" 2>"$run/memalloc.err" &
	pid=$!
	exec 7>"$run/ctl"
	end=$((t0 + limit))
	round=0 samples=0 fed=0 seen=
	while [ "$round" -lt "$ROUNDS" ] && settle "$pid" "$end"; do
		now=$(grep -v ' /' "/proc/$pid/maps" 2>/dev/null | md5sum)
		[ "$now" = "$seen" ] && break
		round=$((round + 1)) seen=$now
		cp "/proc/$pid/maps" "$run/ptlab-maps-$round.txt" 2>/dev/null || true
		truth "$pid" "$run/ptlab-truth-$round-before.csv"
		[ -z "$pm" ] || pagemap_round "$pid" "$round"
		truth "$pid" "$run/ptlab-truth-$round-after.csv"
		same "$run/ptlab-truth-$round-before.csv" "$run/ptlab-truth-$round-after.csv"
		printf '\n' >&7 2>/dev/null || true
		fed=$((fed + 1))
		sleep 0.5
	done
	exec 7>&-
	while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$((end + 5))" ]; do
		sleep 0.5
	done
	timed_out=0
	if kill -0 "$pid" 2>/dev/null; then
		timed_out=$([ "$(date +%s)" -ge "$end" ] && echo 1 || echo 0)
		/bin/kill -s TERM -- -"$pid" 2>/dev/null || true
		sleep 1
	fi
	# everything it started too: it leads its own process group
	/bin/kill -s KILL -- -"$pid" 2>/dev/null || true
	st=0
	wait "$pid" || st=$?
	exit_code=$st signal=
	if [ "$st" -gt 128 ]; then
		exit_code=
		signal=$(kill -l $((st - 128)) 2>/dev/null || echo $((st - 128)))
	fi
	oom=$(dmesg 2>/dev/null | grep -c "Killed process $pid " || true)
	newer "$run/ma" "$run/ptlab-stamp" "$madir" /tmp
	rm -f "$run/ctl"
	printf 'exit=%s\nsignal=%s\ntimed_out=%s\noom_killed=%s\nrounds=%s\nsamples=%s\nnewlines_fed=%s\nran_s=%s\n' \
		"$exit_code" "$signal" "$timed_out" "${oom:-0}" "$round" "$samples" "$fed" "$(($(date +%s) - t0))" \
		>"$run/ptlab-memalloc.status"
}

madir=$(dirname "$prog")
pmdir=$madir
[ -z "$pm" ] || pmdir=$(dirname "$pm")
k=0
old_ifs=$IFS
IFS='|'
for args in $runs; do
	IFS=$old_ifs
	k=$((k + 1))
	one_run "$k" "$args"
	IFS='|'
done
IFS=$old_ifs
if [ "$k" -eq 0 ]; then
	one_run 1 ""
	k=1
fi
printf 'user=%s\nruns=%s\npagemap=%s\npagemap_form=%s\nlimit_s=%s\n' "$(id -un)" "$k" \
	"$([ -n "$pm" ] && echo separate || echo none)" "$worked" "$limit" >"$out/driver.status"
