#!/usr/bin/env bash
# Submission benchmark: the harness's time per submission beyond the workloads' own durations. Runs
# `harness run SPEC --submission SUB` once (a real guest; the accelerator auto picks, TCG on a host
# whose KVM guests hang) and splits the wall time from the run's manifest.json: each trial's driver
# (the workload itself: xlatedrive, echo 0, the student's memalloc), the builds, and everything else
# (guest restores, uploads, kernel-log streams, module loads, render).
# usage: bench/submission.sh SUBMISSION [SPEC]      (SPEC: experiments/quick-part2.yaml)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sub=$(realpath "$1")
spec=${2:-experiments/quick-part2.yaml}
cd "$root"
t0=$(date +%s.%N)
out=$(bin/harness run "$spec" --submission "$sub" 2>/dev/null || true)
t1=$(date +%s.%N)
dir=$(printf '%s\n' "$out" | grep -m1 -o '/[^ ]*/results/[^ ]*')
python3 - "$dir/manifest.json" "$t0" "$t1" <<'PY'
import json, re, sys
m = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
driver = builds = 0.0
for s in m["steps"]:
    d = s.get("seconds") or 0.0
    detail = s.get("message") or ""
    hit = re.search(r"driver ([0-9.]+) s", detail)
    if s["name"].startswith("trial-") and hit:
        driver += float(hit.group(1))
    elif s["name"].startswith("build-submission-") and "reused" not in detail:
        builds += d
print(f"accelerator      {m.get('accelerator')}")
print(f"wall             {wall:7.1f} s  (harness run, JVM start to exit)")
print(f"workload drivers {driver:7.1f} s  (the parts themselves)")
print(f"student builds   {builds:7.1f} s  ({', '.join(sorted(set(v for k, v in (m.get('built_by') or {}).items() if k.startswith('submission'))))})")
print(f"harness overhead {wall - driver:7.1f} s  (everything but the drivers, builds included)")
PY
