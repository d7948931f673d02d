#!/bin/sh
# Page tables freed and refilled under the modules' walks: loads lkp25p3 and pagetable (no pid),
# runs churn for SECONDS on a SIZE region (its one output line goes to stdout), unloads both.
# usage: churn.sh SECONDS [SIZE]
. "$(dirname "$0")/lib.sh"
rmmod lkp25p3 2>/dev/null || true
rmmod pagetable 2>/dev/null || true
insmod "$KMOD/lkp25p3/lkp25p3.ko"
insmod "$KMOD/pagetable/pagetable.ko"
status=0
"$BIN/churn" --seconds "$1" --size "${2:-8M}" || status=$?
rmmod pagetable
rmmod lkp25p3
exit "$status"
