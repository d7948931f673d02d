#!/usr/bin/env bash
# Builds the container-cluster node image on the daemon at $DOCKER_HOST unless it is already there,
# and prints its name. Nothing is pulled: the base is an mmdebstrap minbase rootfs imported with
# `docker import`; the node image is node.Dockerfile FROM it. Both are tagged and labelled with the
# hash of everything that goes into them, so an unchanged recipe is never built twice.
#
#   cluster/images.sh          ensure the image, print e.g. ptlab-cluster-node:3f9c0a1b2c4d
#   cluster/images.sh --name   print the name only (no daemon needed)
# Exit status: 0 ok, 4 (INFRA_ERROR) when a tool is missing or a build fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cluster/common.sh
. "$here/common.sh"
suite=bookworm
mirror="${PTLAB_CLUSTER_MIRROR:-http://deb.debian.org/debian}"
hash=$( (echo "$suite $mirror"; cat "$here/images.sh" "$here/node.Dockerfile" "$here/node-entry.sh") \
	| sha256sum | cut -c1-12)
base="ptlab-cluster-base:$hash"
node="ptlab-cluster-node:$hash"
if [ "${1:-}" = "--name" ]; then
	echo "$node"
	exit 0
fi
[ -n "${DOCKER_HOST:-}" ] || die "DOCKER_HOST is not set (start a daemon with cluster/dockerd.sh start)"

have() {
	docker image inspect --format '{{index .Config.Labels "ptlab.cluster.image"}}' "$1" 2>/dev/null | grep -qx "$hash"
}

mkdir -p "$PTLAB_CACHE_DIR/cluster"
exec 8>"$PTLAB_CACHE_DIR/cluster/images.lock"
flock 8
if have "$node"; then
	echo "$node"
	exit 0
fi
work=$(mktemp -d "$PTLAB_CACHE_DIR/cluster/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! have "$base"; then
	require mmdebstrap mmdebstrap
	echo "cluster: building $base (mmdebstrap $suite minbase)" >&2
	mmdebstrap --variant=minbase --mode=root --format=tar --include=ca-certificates \
		"$suite" "$work/rootfs.tar" "$mirror" >"$work/mmdebstrap.log" 2>&1 \
		|| { tail -n 30 "$work/mmdebstrap.log" >&2; die "mmdebstrap failed for $base"; }
	docker import --change "LABEL ptlab.cluster.image=$hash" --change 'CMD ["/bin/bash"]' \
		"$work/rootfs.tar" "$base" >/dev/null || die "docker import failed for $base"
	rm -f "$work/rootfs.tar"
fi
echo "cluster: building $node (node.Dockerfile)" >&2
cp "$here/node.Dockerfile" "$here/node-entry.sh" "$work/"
if ! DOCKER_BUILDKIT=0 docker build --network host --pull=false --build-arg "BASE=$base" --label "ptlab.cluster.image=$hash" \
	-t "$node" -f "$work/node.Dockerfile" "$work" >"$work/build.log" 2>&1; then
	tail -n 30 "$work/build.log" >&2
	die "docker build failed for $node"
fi
echo "$node"
