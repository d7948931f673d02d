#!/bin/sh
# mmdebstrap --customize-hook: turns the fresh rootfs ($1) into a bootable, reachable guest.
# $2 is the build folder on the host that receives the client key and the pinned host key.
set -eu
root="$1"
out="$2"

echo ptlab-guest > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tptlab-guest\n' > "$root/etc/hosts"
printf '/dev/vda\t/\text4\trw,relatime,errors=remount-ro\t0\t1\n' > "$root/etc/fstab"

# systemd-networkd exists on every suite (sid has no isc-dhcp-client any more).
mkdir -p "$root/etc/systemd/network"
printf '[Match]\nName=eth* en*\n\n[Network]\nDHCP=ipv4\n' > "$root/etc/systemd/network/20-ptlab.network"
chroot "$root" systemctl enable systemd-networkd.service
# Timers that would compete with the experiments for the vCPUs.
for t in apt-daily.timer apt-daily-upgrade.timer fstrim.timer e2scrub_all.timer man-db.timer; do
	chroot "$root" systemctl mask "$t" >/dev/null 2>&1 || true
done

# One host key, generated now and pinned by the harness: no connection trusts an unknown key.
rm -f "$root"/etc/ssh/ssh_host_*
chroot "$root" ssh-keygen -q -t ed25519 -N '' -C ptlab-guest -f /etc/ssh/ssh_host_ed25519_key
mkdir -p "$root/etc/ssh/sshd_config.d"
cat > "$root/etc/ssh/sshd_config.d/ptlab.conf" <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
CONF
# The client key pair: the private half leaves the image, the public half is root's only key.
chroot "$root" ssh-keygen -q -t ed25519 -N '' -C ptlab-harness -f /root/ptlab-client-key
mkdir -p "$root/root/.ssh"
chmod 0700 "$root/root/.ssh"
mv "$root/root/ptlab-client-key.pub" "$root/root/.ssh/authorized_keys"
chmod 0600 "$root/root/.ssh/authorized_keys"
mv "$root/root/ptlab-client-key" "$out/id_ed25519"
chmod 0600 "$out/id_ed25519"
cp "$root/etc/ssh/ssh_host_ed25519_key.pub" "$out/ssh_host_ed25519_key.pub"

# Kernel messages go to /var/log/kern.log on every suite, unthrottled (the harness parses them).
if ! grep -rqs '^kern\.\*' "$root/etc/rsyslog.conf" "$root/etc/rsyslog.d"; then
	echo 'kern.*	-/var/log/kern.log' > "$root/etc/rsyslog.d/50-ptlab-kern.conf"
fi

# Keep the image small: package caches are not needed to boot.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
