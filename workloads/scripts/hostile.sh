#!/bin/sh
# Hostile input for both modules: every case must end in the documented errno (kmod/*/README.md),
# log at most one line, and never oops. One line per case on stdout, all printed at the end:
#   case <name> expect=<errno|ok|value> got=<errno|ok|value> lines=<n|->
# lines = kernel log records with a "lkp25p3: " or "pagetable: " prefix logged while the case ran
# ("-": not applicable, e.g. a scan that reports). The rate limiter's "callbacks suppressed" notes
# are not module lines. Cases are bracketed by "ptlab-hostile begin|end <name>" records written to
# /dev/kmsg; kmsgcat follows the log into $PTLAB/out/hostile/kmsg.txt (counting with dmesg would
# re-read the whole log per case: seconds each under TCG), and each case's module lines are kept
# in $PTLAB/out/hostile/<name>.log. The first line is "info la57=<0|1> user_top=0x<TASK_SIZE_MAX>",
# the last "hostile done cases=<n> dmesg_bad=<Oops/BUG/WARNING/GPF lines in dmesg>".
# Loads lkp25p3 (and pagetable for its cases) itself and unloads both at the end.
# usage: hostile.sh [CONCURRENT_SECONDS]
. "$(dirname "$0")/lib.sh"
conc_s=${1:-3}
out=$PTLAB/out/hostile
rm -rf "$out"
mkdir -p "$out"
P=/proc/lkp25p3
PW=$BIN/procwrite
LKP=$KMOD/lkp25p3/lkp25p3.ko
PT=$KMOD/pagetable/pagetable.ko
cases=$out/cases.txt
: >"$cases"

# TASK_SIZE_MAX: 2^47 - 4096, or 2^56 - 4096 with 5-level paging (the kernel clears the la57
# flag when it does not use it; QEMU's "-cpu max" has LA57)
if grep -qw la57 /proc/cpuinfo; then
	la57=1 user_top=0xfffffffffff000
else
	la57=0 user_top=0x7ffffffff000
fi
last_user=$(printf '0x%x' $((user_top - 4096)))

"$BIN/kmsgcat" >"$out/kmsg.txt" 2>"$out/kmsgcat.err" &
kmsg_pid=$!
mark() { echo "ptlab-hostile $1" >/dev/kmsg; }

# the errno name for a number (getpfn's CSV column)
errname() {
	case $1 in
	0) echo ok ;; 1) echo EPERM ;; 2) echo ENOENT ;; 3) echo ESRCH ;; 4) echo EINTR ;; 5) echo EIO ;;
	7) echo E2BIG ;; 13) echo EACCES ;; 14) echo EFAULT ;; 16) echo EBUSY ;; 22) echo EINVAL ;;
	25) echo ENOTTY ;; 75) echo EOVERFLOW ;; *) echo "E$1" ;;
	esac
}

# the errno name for a tool's message (sh, getpfn; insmod words ESRCH and EINVAL its own way)
msgerr() {
	case $1 in
	*"No such process"* | *"wrong symbol version"*) echo ESRCH ;;
	*"Invalid argument"* | *"Invalid parameters"*) echo EINVAL ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Permission denied"*) echo EACCES ;;
	*"No such file or directory"*) echo ENOENT ;;
	*"I/O error"*) echo EIO ;;
	*"Device or resource busy"*) echo EBUSY ;;
	*"Argument list too long"*) echo E2BIG ;;
	"") echo ok ;;
	*) echo "unknown" ;;
	esac
}

# report NAME EXPECT GOT [count]: a result; "count" fills lines= from the case's log records
report() { echo "$1 $2 ${3:-none} ${4:--}" | tr -s ' \t' ' ' >>"$cases"; }

# check NAME EXPECT CMD...: CMD prints ok or an errno name as its last line; its log lines count
check() {
	c_name=$1 c_expect=$2
	shift 2
	mark "begin $c_name"
	c_got=$("$@" 2>>"$out/stderr.txt" | tail -n 1) || true
	mark "end $c_name"
	report "$c_name" "$c_expect" "$c_got" count
}

# checkx NAME EXPECT CMD...: like check, lines not applicable (a scan that starts and reports)
checkx() {
	c_name=$1 c_expect=$2
	shift 2
	c_got=$("$@" 2>>"$out/stderr.txt" | tail -n 1) || true
	report "$c_name" "$c_expect" "$c_got"
}

# gp ARGS...: getpfn with ARGS, one page; prints ok, an errno name, or the errno of its message
gp() {
	g_csv=$("$BIN/getpfn" "$@" 2>"$out/getpfn.err" | tail -n 1) || true
	case $g_csv in
	0x*) errname "${g_csv##*,}" ;;
	*) msgerr "$(cat "$out/getpfn.err")" ;;
	esac
}

# gpflags ARGS...: the flags column of getpfn's one row
gpflags() { "$BIN/getpfn" "$@" 2>>"$out/stderr.txt" | tail -n 1 | cut -d, -f4; }

# shell_err CMD: runs CMD in sh, prints ok or the errno of its message
shell_err() {
	if s_msg=$(sh -c "$1" 2>&1); then echo ok; else msgerr "$s_msg"; fi
}

# maps_range PID NAME: "0x<start> <len>" of the first VMA of PID named NAME ([heap], [stack], ...)
maps_range() {
	while read -r m_range m_perm m_off m_dev m_ino m_name; do
		if [ "$m_name" = "$2" ]; then
			echo "0x${m_range%-*} $((0x${m_range#*-} - 0x${m_range%-*}))"
			return
		fi
	done <"/proc/$1/maps"
}

# xlate_own NAME: this shell translates the last page of its own VMA NAME (a write runs in the
# writer's mm); prints ok or failed
xlate_own() {
	(
		set -- $(maps_range self "$1")
		if echo "$(printf '0x%x' $(($1 + $2 - 4096)))" >$P 2>/dev/null; then echo ok; else echo failed; fi
	)
}

# a pid that no longer names a process
dead_pid() {
	true &
	d_pid=$!
	wait "$d_pid" || true
	echo "$d_pid"
}

rmmod lkp25p3 2>/dev/null || true
rmmod pagetable 2>/dev/null || true
insmod "$LKP"

# ---- /proc/lkp25p3: translations ------------------------------------------------------------------
check not_hex EINVAL "$PW" $P "0xzz"
check not_hex_in_line EINVAL "$PW" $P "0x1000 0x2000 0xg000"
check not_hex_suffix EINVAL "$PW" $P "1000h"
check escaped_token EINVAL "$PW" $P "$(printf '\033[2J\001x')"
check hex_prefix_only EINVAL "$PW" $P "0x"
check negative EINVAL "$PW" $P "-1"
check overflow EINVAL "$PW" $P "0x1ffffffffffffffff"
check overflow_long EINVAL "$PW" -n 100 $P "f"
check kernel_address EINVAL "$PW" $P "0xffffffff81000000"
check first_non_user EINVAL "$PW" $P "$user_top"
check last_user_page ok "$PW" $P "$last_user"
check unmapped ok "$PW" $P "0x1000"
check vsyscall EINVAL "$PW" $P "0xffffffffff600000"
check own_stack ok xlate_own "[stack]"
check own_vdso ok xlate_own "[vdso]"
check own_vvar ok xlate_own "[vvar]"
check address_zero ok "$PW" $P "0x0"
check empty EINVAL "$PW" $P ""
check blank EINVAL "$PW" $P "$(printf ' \t\n \n\t')"
check oversized E2BIG "$PW" -n 1000 $P "0x1000 "
check oversized_4097 E2BIG "$PW" -n 4097 $P "0"
# exactly 4096 bytes is allowed: one 4096-digit token "000...0" is address 0 (no VMA)
check size_4096 ok "$PW" -n 4096 $P "0"
# the first line takes effect (one xlate line), the second is refused (one reject line)
checkx bad_second_line EINVAL "$PW" $P "$(printf '0x2000\n0xzz\n')"

# ---- /proc/lkp25p3: scan command parsing ------------------------------------------------------------
check scan_stop_idle ESRCH "$PW" $P "scan stop"
check scan_bare EINVAL "$PW" $P "scan"
check scan_bad_verb EINVAL "$PW" $P "scan frob"
check scan_stop_trailing EINVAL "$PW" $P "scan stop now"
check scan_missing_keys EINVAL "$PW" $P "scan start"
check scan_no_pid EINVAL "$PW" $P "scan start addr=0x1000 len=4096"
check scan_not_key_value EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len"
check scan_unknown_key EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 color=red"
check scan_empty_value EINVAL "$PW" $P "scan start pid=1 addr= len=4096"
check scan_bad_addr EINVAL "$PW" $P "scan start pid=1 addr=0xzz len=4096"
check scan_len_zero EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=0"
check scan_len_too_big EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=0x400000001"
check scan_len_overflow EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=99999999999999999999"
check scan_kernel_addr EINVAL "$PW" $P "scan start pid=1 addr=0xffffffff81000000 len=4096"
check scan_past_user_end EINVAL "$PW" $P "scan start pid=1 addr=$last_user len=0x2000"
check scan_pid_zero EINVAL "$PW" $P "scan start pid=0 addr=0x1000 len=4096"
check scan_pid_negative EINVAL "$PW" $P "scan start pid=-5 addr=0x1000 len=4096"
check scan_pid_overflow EINVAL "$PW" $P "scan start pid=99999999999 addr=0x1000 len=4096"
check scan_period_zero EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=0"
check scan_period_huge EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=60001"
check scan_report_short EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=100 report_ms=50"
# floors: an all-CPU flush IPI per period, up to ~200 KB of log per report; u16 counters per report
check scan_period_below_floor EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=9"
check scan_report_below_floor EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=10 report_ms=99"
check scan_report_huge EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=1000 report_ms=3600001"
check scan_counts_saturate EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 period_ms=10 report_ms=655360"
check scan_duration_huge EINVAL "$PW" $P "scan start pid=1 addr=0x1000 len=4096 duration_s=864001"
check scan_no_such_pid ESRCH "$PW" $P "scan start pid=$(dead_pid) addr=0x1000 len=4096"
check scan_pid_max ESRCH "$PW" $P "scan start pid=2147483647 addr=0x1000 len=4096"

# ---- scan start twice, kernel thread target, target exiting during the scan ---------------------------
set -- $(maps_range 1 "[heap]")
heap_addr=${1:-0x1000} heap_len=${2:-4096}
# report_ms is long so no heat line falls inside the next case
checkx scan_start ok "$PW" $P "scan start pid=1 addr=$heap_addr len=$heap_len period_ms=20 report_ms=60000"
check scan_start_twice EBUSY "$PW" $P "scan start pid=1 addr=$heap_addr len=$heap_len"
checkx scan_stop ok "$PW" $P "scan stop"
check scan_stop_again ESRCH "$PW" $P "scan stop"

# len is decimal or 0x-hex: a leading 0 is not octal (010000 is 3 pages from a page-aligned addr,
# not octal 4096's 1 page)
checkx scan_len_leading_zero ok "$PW" $P "scan start pid=1 addr=$heap_addr len=010000 period_ms=20 report_ms=60000"
report scan_len_leading_zero_pages pages=3 "$(grep '^pages=' $P)"
checkx scan_len_leading_zero_stop ok "$PW" $P "scan stop"

# kthreadd has no mm: the scanner must treat it as a target that is gone
checkx scan_kthread_start ok "$PW" $P "scan start pid=2 addr=0x1000 len=4096 period_ms=20 report_ms=100"
sleep 0.3
report scan_kthread_alive target_alive=0 "$(grep '^target_alive=' $P)"
checkx scan_kthread_stop ok "$PW" $P "scan stop"

# duration_s: the scanner idles after it (finished=1) until "scan stop"
checkx scan_duration_start ok "$PW" $P "scan start pid=1 addr=$heap_addr len=$heap_len period_ms=20 report_ms=200 duration_s=1"
sleep 1.5
report scan_duration_finished finished=1 "$(grep '^finished=' $P)"
report scan_duration_running running=1 "$(grep '^running=' $P)"
checkx scan_duration_stop ok "$PW" $P "scan stop"

sleep 60 &
victim=$!
sleep 0.3
set -- $(maps_range "$victim" "[stack]")
checkx scan_dying_start ok "$PW" $P "scan start pid=$victim addr=${1:-0x1000} len=${2:-4096} period_ms=20 report_ms=100"
sleep 0.5
mark "begin scan_dying"
kill "$victim"
wait "$victim" 2>/dev/null || true
sleep 0.5
mark "end scan_dying"
dying_pid=$victim
report scan_dying_target_gone target_alive=0 "$(grep '^target_alive=' $P)"
report scan_dying_still_running running=1 "$(grep '^running=' $P)"
checkx scan_dying_stop ok "$PW" $P "scan stop"

# ---- concurrent writers ---------------------------------------------------------------------------------
# Four shells for CONCURRENT_SECONDS: translations of the writer's own pages (plus a VMA dump now
# and then), writes that must fail, scan start/stop on PID 1's heap, and readers. Every write that
# should succeed must, every write that should fail must: got=ok.
stop=$out/conc.stop
rm -f "$stop" "$out"/conc.*
writer_xlate() {
	n=0 bad=0
	# the top page of this subshell's stack: present (copied at fork, written since)
	va=$(printf '0x%x' $(($(maps_range self "[stack]" | { read -r a l; echo $((a + l)); }) - 8)))
	while [ ! -e "$stop" ]; do
		n=$((n + 1))
		echo "$va 0x1000 $va" >$P 2>/dev/null || bad=$((bad + 1))
		if [ $((n % 500)) -eq 0 ]; then echo 0 >$P 2>/dev/null || bad=$((bad + 1)); fi
	done
	echo "xlate n=$n bad=$bad" >"$out/conc.$1"
}
writer_invalid() {
	n=0 bad=0
	while [ ! -e "$stop" ]; do
		n=$((n + 1))
		if echo "0xzz" >$P 2>/dev/null; then bad=$((bad + 1)); fi
		if echo "scan start pid=0 addr=0x1000 len=1" >$P 2>/dev/null; then bad=$((bad + 1)); fi
	done
	echo "invalid n=$n bad=$bad" >"$out/conc.$1"
}
writer_scan() {
	n=0 bad=0
	while [ ! -e "$stop" ]; do
		n=$((n + 1))
		echo "scan start pid=1 addr=$heap_addr len=$heap_len period_ms=10 report_ms=100" >$P 2>/dev/null ||
			bad=$((bad + 1))
		cat $P >/dev/null || bad=$((bad + 1))
		echo "scan stop" >$P 2>/dev/null || bad=$((bad + 1))
	done
	echo "scan n=$n bad=$bad" >"$out/conc.$1"
}
reader() {
	n=0 bad=0
	while [ ! -e "$stop" ]; do
		n=$((n + 1))
		cat $P >/dev/null || bad=$((bad + 1))
	done
	echo "reader n=$n bad=$bad" >"$out/conc.$1"
}
writer_xlate 1 &
w1=$!
writer_invalid 2 &
w2=$!
writer_scan 3 &
w3=$!
reader 4 &
w4=$!
sleep "$conc_s"
touch "$stop"
wait "$w1" "$w2" "$w3" "$w4"
conc_got=ok
for f in "$out"/conc.[0-9]; do
	r=$(cat "$f")
	case $r in
	*" n=0 "*) conc_got=bad ;;
	*" bad=0") ;;
	*) conc_got=bad ;;
	esac
	echo "$r" >>"$out/concurrent.txt"
done
report concurrent_writers ok "$conc_got($(tr '\n' ';' <"$out/concurrent.txt" | tr ' ' ','))"
report concurrent_scan_left running=0 "$(grep '^running=' $P)"

# ---- rmmod while scanning; a file descriptor that outlives the module ---------------------------------
sleep 60 &
victim=$!
sleep 0.3
set -- $(maps_range "$victim" "[stack]")
checkx rmmod_scan_start ok "$PW" $P "scan start pid=$victim addr=${1:-0x1000} len=${2:-4096} period_ms=10 report_ms=100"
sleep 0.5
exec 8>$P
mark "begin rmmod"
report rmmod_while_scanning ok "$(msgerr "$(rmmod lkp25p3 2>&1)")"
mark "end rmmod"
report rmmod_thread_gone 0 "$(ps -e -o comm= | grep -c '^lkp25p3_scan$' || true)"
report rmmod_module_gone 0 "$(grep -c '^lkp25p3 ' /proc/modules || true)"
report stale_fd_write EIO "$(msgerr "$( (echo 0x1000 >&8) 2>&1)")"
exec 8>&-
kill "$victim"
wait "$victim" 2>/dev/null || true

# ---- capabilities: root without CAP_SYS_ADMIN -------------------------------------------------------
insmod "$LKP"
nocap="setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin"
check nocap_write EPERM $nocap "$PW" $P "0x1000"
check nocap_read ok $nocap "$PW" -r $P
rmmod lkp25p3

# ---- pagetable: ioctls and load parameters --------------------------------------------------------
insmod "$PT"
report pt_no_target ESRCH "$(gp --vpn 0x1)"
report pt_no_target_ex ESRCH "$(gp --vpn 0x1 --ex)"
sleep 60 &
victim=$!
sleep 0.3
set -- $(maps_range "$victim" "[stack]")
stack_vpn=$(printf '0x%x' $((${1:-0x1000} / 4096 + ${2:-4096} / 4096 - 1)))
check pt_set_pid ok gp --pid "$victim" --vpn "$stack_vpn"
report pt_mapped_ex ok "$(gp --vpn "$stack_vpn" --ex)"
check pt_bad_vpn EINVAL gp --vpn $((user_top >> 12))
check pt_bad_vpn_ex EINVAL gp --vpn $((user_top >> 12)) --ex
check pt_last_user_vpn ENOENT gp --vpn $(((user_top >> 12) - 1))
check pt_max_vpn EINVAL gp --vpn 0xffffffffffffe
check pt_kernel_vpn EINVAL gp --vpn 0xffffffff81000
check pt_unmapped ENOENT gp --vpn 0x1
# IOCTL_GET_PFN sent to a namespace file must not be nsfs's NS_GET_USERNS (once the same number)
check pt_ioctl_on_nsfs ENOTTY gp --dev /proc/self/ns/pid --vpn 0x1
check pt_unmapped_ex ok gp --vpn 0x1 --ex
report pt_unmapped_ex_flags 0x80 "$(gpflags --vpn 0x1 --ex)"
check pt_set_pid_none ESRCH gp --pid 2147483647 --vpn 0x1
check pt_still_targeted ok gp --vpn "$stack_vpn"
kill "$victim"
wait "$victim" 2>/dev/null || true
check pt_target_exited ESRCH gp --vpn "$stack_vpn"
check pt_target_exited_ex ESRCH gp --vpn "$stack_vpn" --ex
check pt_kthread_target ESRCH gp --pid 2 --vpn 0x1
check pt_nocap_open EPERM $nocap "$PW" -o /dev/pagetable
check pt_clear_target ESRCH gp --pid 0 --vpn 0x1 --ex
report pt_rmmod ok "$(msgerr "$(rmmod pagetable 2>&1)")"
# a dump of PID 1: file, special ([vvar] is VM_PFNMAP) and anonymous VMAs
mark "begin pt_dump_pid1"
report pt_dump_pid1_load ok "$(msgerr "$(insmod "$PT" pid=1 2>&1)")"
mark "end pt_dump_pid1"
report pt_dump_pid1_unload ok "$(msgerr "$(rmmod pagetable 2>&1)")"
check pt_load_dead_pid ESRCH shell_err "insmod $PT pid=$(dead_pid)"
check pt_load_negative_pid EINVAL shell_err "insmod $PT pid=-1"
check pt_load_kthread EINVAL shell_err "insmod $PT pid=2"
report pt_not_loaded 0 "$(grep -c '^pagetable ' /proc/modules || true)"

# ---- collect: per-case log lines from the kmsg copy -------------------------------------------------
mark end-all
i=0
while ! grep -q 'ptlab-hostile end-all$' "$out/kmsg.txt" && [ $i -lt 100 ]; do
	sleep 0.2
	i=$((i + 1))
done
kill "$kmsg_pid"
wait "$kmsg_pid" 2>/dev/null || true
awk -v dir="$out" '
	/;ptlab-hostile begin / { name = $NF; f = dir "/" name ".log"; printf "" > f; n[name] = 0; next }
	/;ptlab-hostile end / { close(f); name = ""; next }
	name != "" && /;(lkp25p3|pagetable): / { n[name]++; sub(/^[^;]*;/, ""); print > f }
	END { for (k in n) print k, n[k] > (dir "/counts.txt") }
' "$out/kmsg.txt"
count_of() { awk -v k="$1" '$1 == k { print $2; f = 1 } END { if (!f) print "missing" }' "$out/counts.txt"; }

report unmapped_logged no_vma "$(grep -q '^lkp25p3: xlate va=0x1000 pa=0x0 pfn=0x0 level=none lat_ns=0 clk_ns=0 err=no_vma$' \
	"$out/unmapped.log" && echo no_vma || echo missing)"
report scan_dying_logged 1 "$(grep -c "^lkp25p3: scan_target_gone pid=$dying_pid " "$out/scan_dying.log" || true)"
report rmmod_logged_stop 1 "$(grep -c '^lkp25p3: scan_stop ' "$out/rmmod.log" || true)"
report pt_dump_pid1_end 1 "$(grep -c '^pagetable: dump end pid=1 ' "$out/pt_dump_pid1.log" || true)"
report rmmod_logged_unload 1 "$(grep -c '^lkp25p3: unloaded$' "$out/rmmod.log" || true)"

echo "info la57=$la57 user_top=$user_top"
ncases=0
while read -r name expect got lines; do
	[ "$lines" = count ] && lines=$(count_of "$name")
	echo "case $name expect=$expect got=$got lines=$lines"
	ncases=$((ncases + 1))
done <"$cases"
bad=$(dmesg | grep -cE 'Oops|BUG:|WARNING:|general protection fault' || true)
echo "hostile done cases=$ncases dmesg_bad=$bad"
