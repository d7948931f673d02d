package ptlab.util;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project checkout: set by bin/harness (-Dptlab.root), else the nearest folder up with vm-images/. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find() {
        String prop = System.getProperty("ptlab.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("vm-images")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return here;
    }
}
