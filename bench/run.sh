#!/usr/bin/env bash
# Wall time of a full spec, split into its steps (from manifest.json), and the harness's peak RSS.
# usage: bench/run.sh experiments/part1.yaml [run options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spec=$1
shift
log=$(mktemp)
"$root/bin/harness" --version >/dev/null
t0=$(date +%s)
"$root/bin/harness" run "$spec" "$@" >"$log" 2>"$log.err" || true
t1=$(date +%s)
run=$(awk '/results\// {for (i=1;i<=NF;i++) if ($i ~ /results\//) print $i}' "$log" | head -n1)
echo "spec: $spec"
echo "run: $run"
grep -E '^(PASS|FAIL|KERNEL_CRASH|INFRA_ERROR)' "$log" || true
python3 - "$run/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"accelerator: {m.get('accelerator')}  kernel: {m.get('guest_kernel')}  boot-to-ssh: {m.get('boot_to_ssh_s')} s")
print(f"harness peak RSS: {m.get('harness_peak_rss_mib')} MiB")
for s in m.get("steps", []):
    print(f"  {s['name']:<18} {s['seconds']:>8.1f} s  {s['status']}")
PY
echo "wall time: $((t1 - t0)) s"
