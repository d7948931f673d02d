package ptlab.image;

import java.util.List;

/**
 * A guest image recipe: {@code vm-images/<name>.yaml}. Everything not given has the default shown
 * on its field; {@link #withDefaults()} fills them in, so the cache key covers the effective recipe.
 *
 * @param name                 image name, equal to the file name without .yaml
 * @param suite                Debian suite given to mmdebstrap (bullseye, bookworm, trixie, sid)
 * @param mirror               Debian mirror; default {@value #DEFAULT_MIRROR}
 * @param kernelPackage        kernel meta-package; default linux-image-amd64
 * @param headersPackage       matching headers meta-package; default linux-headers-amd64
 * @param packages             guest packages besides kernel and headers; default {@link #DEFAULT_PACKAGES}
 * @param extraPackages        added to {@code packages} (so a recipe can add without repeating the list)
 * @param aptOptions           extra apt options for mmdebstrap, e.g. {@code Acquire::Check-Valid-Until "false"}
 * @param cmdlineExtra         appended to the guest kernel command line
 * @param kernelReleasePrefix  the built kernel's release must start with this (e.g. "6.1."); empty = any
 * @param diskHeadroomMib      free space added to the root file system, MiB; default 2048
 */
public record Recipe(String name, String suite, String mirror, String kernelPackage, String headersPackage,
        List<String> packages, List<String> extraPackages, List<String> aptOptions, String cmdlineExtra,
        String kernelReleasePrefix, Integer diskHeadroomMib) {

    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

    /**
     * What the guest needs: systemd as init, rsyslog for /var/log/kern.log, sshd (with sftp), sudo, a
     * compiler with libc headers (mmdebstrap installs no Recommends, so libc6-dev is not implied),
     * make and kmod for modules, procps, iproute2, rsync (Vagrant syncs kmod/ and workloads/ with it).
     */
    public static final List<String> DEFAULT_PACKAGES = List.of("systemd-sysv", "udev", "rsyslog",
            "openssh-server", "sudo", "gcc", "libc6-dev", "make", "kmod", "procps", "iproute2", "rsync");

    public Recipe withDefaults() {
        return new Recipe(name, suite, or(mirror, DEFAULT_MIRROR), or(kernelPackage, "linux-image-amd64"),
                or(headersPackage, "linux-headers-amd64"), packages == null ? DEFAULT_PACKAGES : List.copyOf(packages),
                extraPackages == null ? List.of() : List.copyOf(extraPackages),
                aptOptions == null ? List.of() : List.copyOf(aptOptions), or(cmdlineExtra, ""),
                or(kernelReleasePrefix, ""), diskHeadroomMib == null ? 2048 : diskHeadroomMib);
    }

    /** Every package mmdebstrap is asked to include. */
    public List<String> allPackages() {
        Recipe r = withDefaults();
        java.util.ArrayList<String> all = new java.util.ArrayList<>(r.packages());
        all.addAll(r.extraPackages());
        all.add(r.kernelPackage());
        all.add(r.headersPackage());
        return List.copyOf(all);
    }

    private static String or(String v, String d) {
        return v == null ? d : v;
    }
}
