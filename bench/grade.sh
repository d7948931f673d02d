#!/usr/bin/env bash
# Grading benchmark: a class of N copies of the project's own solution, packed by `harness package` as
# students hand it in (<ID>-lkp25-p3.tar.gz, IDs 903000001...), graded with RUBRIC and --jobs JOBS into a
# fresh folder. Prints each student's line as the grading does, the wall time, and the median time per
# submission from grades.json (restore, sandboxed builds, workloads, judgement). Real guests: the
# accelerator auto picks (TCG on a host whose KVM guests hang).
# usage: bench/grade.sh [N] [RUBRIC] [JOBS]     (12, experiments/rubrics/lkp25p3-quick.yaml, 1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-12}
rubric=${2:-experiments/rubrics/lkp25p3-quick.yaml}
jobs=${3:-1}
cd "$root"
work=$(mktemp -d /tmp/ptlab-grade-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg "$work/run"
bin/harness package --id 903000000 -o "$work" "$work/run" >/dev/null
mkdir -p "$work/class"
for i in $(seq 1 "$n"); do
	cp "$work/903000000-lkp25-p3.tar.gz" "$work/class/$(printf '9030%05d' "$i")-lkp25-p3.tar.gz"
done
t0=$(date +%s.%N)
bin/harness grade "$work/class" --rubric "$rubric" --jobs "$jobs" -o "$work/grades" 2>/dev/null
t1=$(date +%s.%N)
python3 - "$work/grades/grades.json" "$t0" "$t1" "$jobs" <<'PY'
import json, statistics, sys
g = json.load(open(sys.argv[1]))
secs = sorted(s["seconds"] for s in g["students"])
wall = float(sys.argv[3]) - float(sys.argv[2])
print(f"students         {len(secs)} (--jobs {sys.argv[4]})")
print(f"wall             {wall:7.1f} s")
print(f"per submission   median {statistics.median(secs):.1f} s, min {secs[0]:.1f} s, max {secs[-1]:.1f} s")
print(f"totals           {sorted(set(s['total'] for s in g['students']))}")
PY
