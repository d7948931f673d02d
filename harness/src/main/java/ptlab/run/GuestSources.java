package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.files.Sha256;

/**
 * The source files the guest builds from (workloads/ and kmod/), copied without any host build
 * products so the guest's make rebuilds everything for its own kernel and libc.
 */
final class GuestSources {
    private static final List<String> TOP = List.of("workloads", "kmod");

    private GuestSources() {
    }

    static boolean isSource(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".c") || n.endsWith(".h") || n.endsWith(".sh") || n.equals("Makefile") || n.equals("Kbuild");
    }

    /** Copies the sources into {@code dest}; returns relative path -> sha256, sorted. */
    static Map<String, String> stage(Path repoRoot, Path dest) {
        Map<String, String> hashes = new TreeMap<>();
        try {
            for (String top : TOP) {
                Path from = repoRoot.resolve(top);
                if (!Files.isDirectory(from)) {
                    throw HarnessException.infra("missing " + from + ": is this a checkout of the project?");
                }
                try (Stream<Path> s = Files.walk(from)) {
                    for (Path p : s.filter(Files::isRegularFile).filter(GuestSources::isSource).sorted().toList()) {
                        String rel = repoRoot.relativize(p).toString();
                        Path target = dest.resolve(rel);
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                        hashes.put(rel, Sha256.of(p));
                    }
                }
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot stage guest sources into " + dest + ": " + e.getMessage(), e);
        }
        return hashes;
    }
}
