#!/usr/bin/env bash
# Gradescope runs this once, as root with network, when it builds the autograder's image (Ubuntu 22.04 or
# Debian): it installs what the harness needs, builds the harness, then the guest image and its ready
# snapshot of every image the rubric's spec names, so each submission's grading restores a guest in seconds.
set -euo pipefail
cd /autograder/source
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven qemu-system-x86 qemu-utils mmdebstrap \
	debian-archive-keyring e2fsprogs util-linux openssh-client fontconfig fonts-dejavu-core ca-certificates gcc make \
	libc6-dev binutils >/dev/null
rubric=$(cat rubric 2>/dev/null || echo experiments/rubrics/lkp25p3-quick.yaml)
bin/harness --version
# the image recipes the rubric's spec runs, each built and booted once (vm smoke leaves the ready snapshot)
spec=$(dirname "$rubric")/$(sed -n 's/^spec: *//p' "$rubric")
for image in $(sed -n 's/^images: *\[\(.*\)\]/\1/p' "$spec" | tr ',' ' '); do
	bin/harness image build "$image"
	bin/harness vm smoke "$image"
done
