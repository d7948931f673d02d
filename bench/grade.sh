#!/usr/bin/env bash
# Grading benchmark: a class of N copies of the project's own solution (bench/grade-class.sh: packed by
# `harness package` as students hand it in, or the pagetable module with getpfn for a pagetable rubric),
# graded with RUBRIC and --jobs JOBS into a fresh folder. Prints the wall time and the median time per
# submission from grades.json (restore, sandboxed builds, workloads, judgement). Real guests: the accelerator
# auto picks (TCG on a host whose KVM guests hang). bench/grade-slurm-containers.sh grades the same class on
# a two-node Slurm cluster in containers.
# usage: bench/grade.sh [N] [RUBRIC] [JOBS] [PARTS]   (12, experiments/rubrics/lkp25p3-quick.yaml, 1, 1: --parts-at-once)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-12}
rubric=${2:-experiments/rubrics/lkp25p3-quick.yaml}
jobs=${3:-1}
parts=${4:-1}
cd "$root"
work=$(mktemp -d /tmp/ptlab-grade-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
bench/grade-class.sh "$n" "$rubric" "$work/class"
t0=$(date +%s.%N)
bin/harness grade "$work/class" --rubric "$rubric" --jobs "$jobs" --parts-at-once "$parts" -o "$work/grades" 2>/dev/null
t1=$(date +%s.%N)
python3 - "$work/grades/grades.json" "$t0" "$t1" "$jobs" "$parts" <<'PY'
import json, statistics, sys
g = json.load(open(sys.argv[1]))
secs = sorted(s["seconds"] for s in g["students"])
wall = float(sys.argv[3]) - float(sys.argv[2])
print(f"students         {len(secs)} (--jobs {sys.argv[4]}, --parts-at-once {sys.argv[5]})")
print(f"wall             {wall:7.1f} s")
print(f"per submission   median {statistics.median(secs):.1f} s, min {secs[0]:.1f} s, max {secs[-1]:.1f} s")
print(f"totals           {sorted(set(s['total'] for s in g['students']))}")
PY
