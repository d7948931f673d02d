#!/usr/bin/env bash
# Grading on a two-node Slurm cluster in containers (ContainerGradeBench: cluster/, Testcontainers, a private
# dockerd): a class of N copies of the project's own solution (bench/grade-class.sh) graded with RUBRIC and
# --executor slurm --wait, from the submission to the gradebook. The two nodes share this machine's cores.
# Hold /tmp/ptlab-guest.lock if other guests may run.
# usage: bench/grade-slurm-containers.sh [N] [RUBRIC]     (30, experiments/rubrics/pagetable-quick.yaml)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-30}
rubric=${2:-experiments/rubrics/pagetable-quick.yaml}
cd "$root"
bin/harness --version >/dev/null
# inside the checkout: the nodes see the checkout at the same path
work=$(mktemp -d "$root/target/grade-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
bench/grade-class.sh "$n" "$rubric" "$work/class"
mvn -q -B verify -Dit.test=ContainerGradeBench -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
	-Dfailsafe.failIfNoSpecifiedTests=false -Dptlab.bench.class="$work/class" -Dptlab.bench.rubric="$rubric" \
	-Dptlab.bench.grades="$work/grades" 2>&1 | grep -A3 'bench:' ||
	{ echo "grade-slurm-containers.sh: ContainerGradeBench failed (target/failsafe-reports)" >&2; exit 1; }
python3 - "$work/grades/grades.json" <<'PY'
import json, statistics, sys
g = json.load(open(sys.argv[1]))
secs = sorted(s["seconds"] for s in g["students"])
print(f"per submission   median {statistics.median(secs):.1f} s (its cells' run times), min {secs[0]:.1f} s, max {secs[-1]:.1f} s")
PY
