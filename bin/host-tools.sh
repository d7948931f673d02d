# Sourced by bin/harness and bin/test: makes sure the host programs the harness needs exist.
# Installs what is missing when it may (root with apt-get), otherwise prints the exact command.
# Exit status 4 (INFRA_ERROR) when something is missing and cannot be installed.

ptlab_require_host_tools() {
	ptlab_install_missing \
		"java:default-jdk-headless" \
		"mvn:maven" \
		"qemu-system-x86_64:qemu-system-x86" \
		"qemu-img:qemu-utils" \
		"mmdebstrap:mmdebstrap" \
		"mkfs.ext4:e2fsprogs" \
		"setpriv:util-linux" \
		"ssh:openssh-client" \
		"fc-list:fontconfig" \
		"addr2line:binutils" \
		"readelf:binutils"
}

# What the integration tests need beyond the harness: a one-node Slurm (slurm-wlm, munge).
ptlab_require_test_tools() {
	ptlab_require_host_tools
	ptlab_install_missing \
		"slurmctld:slurm-wlm" \
		"munged:munge" \
		"dockerd:docker.io"
}

# The vagrant backend's host programs (vagrant, its libvirt plugin, libvirtd, dnsmasq); only where that
# backend is used: `harness image box`, `--backend vagrant`, a spec with `backend: vagrant`, bin/test.
ptlab_require_vagrant_tools() {
	local -a want=("vagrant:vagrant" "libvirtd:libvirt-daemon-system" "virsh:libvirt-clients" "dnsmasq:dnsmasq-base"
		"nsenter:util-linux" "ip:iproute2" "rsync:rsync")
	# the plugin is no program: when its registration file is absent, name the file so it counts as missing
	local plugin=/usr/share/vagrant-plugins/plugins.d/vagrant-libvirt.json
	[ -e "$plugin" ] || want+=("$plugin:vagrant-libvirt")
	ptlab_install_missing "${want[@]}"
}

# Whether the harness arguments ask for the vagrant backend.
ptlab_wants_vagrant() {
	local prev="" a
	for a in "$@"; do
		case "$prev $a" in
		"--backend vagrant" | "image box" | *" --backend=vagrant") return 0 ;;
		esac
		if [ -f "$a" ] && grep -Eq '^[[:space:]]*backend:[[:space:]]*vagrant|backend:[[:space:]]*vagrant[[:space:]]*[,}]' "$a"; then
			return 0
		fi
		prev=$a
	done
	return 1
}

# Installs the packages of the missing programs; arguments are "program:package" pairs.
ptlab_install_missing() {
	local -a missing=()
	local item prog pkg
	for item in "$@"; do
		prog=${item%%:*}
		pkg=${item#*:}
		if ! command -v "$prog" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$prog" ] && [ ! -x "/sbin/$prog" ]; then
			missing+=("$pkg")
		fi
	done
	# JFreeChart draws text with real fonts; without one, figures would silently differ.
	if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
		missing+=("fonts-dejavu-core")
	fi
	if [ ${#missing[@]} -eq 0 ]; then
		return 0
	fi
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "harness: installing missing host packages: ${missing[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
			echo "harness: apt-get install failed; run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
			exit 4
		}
		return 0
	fi
	echo "harness: missing host packages: ${missing[*]}" >&2
	echo "harness: install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 4
}

# Builds target/harness.jar when it is missing or older than any source; one build at a time.
ptlab_ensure_jar() {
	local root=$1
	local jar="$root/target/harness.jar"
	mkdir -p "$root/target"
	(
		flock 9
		if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/harness/src/main" -newer "$jar" -print -quit)" ]; then
			echo "harness: building $jar (mvn package)..." >&2
			if ! (cd "$root" && mvn -q -B -DskipTests package >"$root/target/build.log" 2>&1); then
				tail -n 40 "$root/target/build.log" >&2
				echo "harness: build failed (full log: $root/target/build.log)" >&2
				exit 4
			fi
			touch "$jar"
		fi
	) 9>"$root/target/.build.lock"
}
