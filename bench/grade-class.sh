#!/usr/bin/env bash
# A class of N copies of the project's own solution, IDs 903000001...: for an lkp25p3 rubric the run fixture
# packed by `harness package` as students hand it in (<ID>-lkp25-p3.tar.gz); for a pagetable rubric one folder
# per student with the pagetable module and getpfn (kmod/pagetable, kmod/common, workloads/getpfn.c).
# usage: bench/grade-class.sh N RUBRIC DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 3 ] || { sed -n '5p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
n=$1 rubric=$2 dir=$3
cd "$root"
mkdir -p "$dir"
case "$(basename "$rubric")" in
pagetable*)
	for i in $(seq 1 "$n"); do
		s="$dir/$(printf '9030%05d' "$i")"
		mkdir -p "$s/kmod" "$s/workloads"
		cp -r kmod/pagetable kmod/common "$s/kmod/"
		cp workloads/getpfn.c workloads/common.c workloads/common.h "$s/workloads/"
	done
	;;
*)
	tmp=$(mktemp -d /tmp/ptlab-grade-class.XXXXXX)
	trap 'rm -rf "$tmp"' EXIT
	cp -r harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg "$tmp/run"
	bin/harness package --id 903000000 -o "$tmp" "$tmp/run" >/dev/null
	for i in $(seq 1 "$n"); do
		cp "$tmp/903000000-lkp25-p3.tar.gz" "$dir/$(printf '9030%05d' "$i")-lkp25-p3.tar.gz"
	done
	;;
esac
