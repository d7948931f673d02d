# Sourced by the cluster scripts: shared paths, the error helper, and installing a missing package.
PTLAB_CACHE_DIR="${PTLAB_CACHE:-$HOME/.cache/ptlab}"
PTLAB_CLUSTER_DATA="$PTLAB_CACHE_DIR/cluster/docker"
PATH="$PATH:/usr/sbin:/sbin"

die() {
	echo "cluster: $*" >&2
	exit 4
}

# require PROGRAM PACKAGE: installs PACKAGE (root with apt-get) when PROGRAM is missing, else exits 4
require() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "cluster: installing $2 (for $1)" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >&2 \
			|| die "apt-get install $2 failed; run: sudo apt-get install -y $2"
		command -v "$1" >/dev/null 2>&1 && return 0
	fi
	die "$1 not found: sudo apt-get install -y $2"
}
