#!/usr/bin/env bash
# Builds the zip a course uploads to Gradescope as its autograder: this checkout's committed files (HEAD)
# with setup.sh, run_autograder and a file naming the rubric at the zip's root.
# usage: gradescope/make-autograder.sh [RUBRIC.yaml] [OUT.zip]
set -euo pipefail
cd "$(dirname "$0")/.."
rubric=${1:-experiments/rubrics/lkp25p3-quick.yaml}
out=${2:-ptlab-autograder.zip}
[ -f "$rubric" ] || { echo "make-autograder.sh: no rubric $rubric" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$rubric" >"$tmp/rubric"
git archive --format=zip -o "$out" --add-file=gradescope/setup.sh --add-file=gradescope/run_autograder \
	--add-file="$tmp/rubric" HEAD
echo "wrote $out (rubric $rubric)"
