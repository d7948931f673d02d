package ptlab.host;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;

/** Checks that host programs exist before they are needed, naming the package that provides each. */
public final class HostTools {
    /** program -> Debian package. */
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("qemu-system-x86_64", "qemu-system-x86");
        PACKAGES.put("qemu-img", "qemu-utils");
        PACKAGES.put("mmdebstrap", "mmdebstrap");
        PACKAGES.put("mkfs.ext4", "e2fsprogs");
        PACKAGES.put("dpkg-query", "dpkg");
        PACKAGES.put("tar", "tar");
    }

    private HostTools() {
    }

    public static void require(String... programs) {
        List<String> missing = new ArrayList<>();
        List<String> pkgs = new ArrayList<>();
        for (String p : programs) {
            if (find(p) == null) {
                missing.add(p);
                pkgs.add(PACKAGES.getOrDefault(p, p));
            }
        }
        if (!missing.isEmpty()) {
            throw HarnessException.infra("missing host tools: " + String.join(", ", missing)
                    + "; install them with: sudo apt-get install -y " + String.join(" ", pkgs));
        }
    }

    public static String find(String program) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String d : dirs) {
            File f = new File(d, program);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
