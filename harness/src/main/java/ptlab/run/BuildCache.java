package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.image.ImageCache;
import ptlab.plan.Builds;
import ptlab.files.Sha256;
import ptlab.files.Trees;

/**
 * Built workload binaries and .ko files, cached on the host keyed by (image, kernel release, the
 * sources of that component), so a second run on the same image skips the guest's compiler. A
 * component's folder holds its products plus {@code warnings} (the compiler warning count of the
 * build that made them).
 */
final class BuildCache {
    private static final String WARNINGS = "warnings";
    private static final String BUILT_BY = "built-by";
    private final Path root;

    BuildCache(Path root) {
        this.root = root;
    }

    static BuildCache defaultCache() {
        return new BuildCache(ImageCache.defaultCache().root().resolveSibling("builds"));
    }

    /** Key over the sources a component is built from: its own folder and the shared headers. */
    static String key(String component, String imageKey, String kernelRelease, Map<String, String> sources) {
        StringBuilder sb = new StringBuilder(component).append('\n').append(imageKey).append('\n')
                .append(kernelRelease).append('\n');
        List<String> prefixes = component.equals("workloads") ? List.of("workloads/", "kmod/pagetable/")
                : component.startsWith("submission-") ? List.of("submission/")
                : List.of("kmod/" + component + "/", "kmod/common/");
        sources.forEach((path, hash) -> {
            if (prefixes.stream().anyMatch(path::startsWith)) {
                sb.append(path).append(' ').append(hash).append('\n');
            }
        });
        return component + "-" + Sha256.of(sb.toString()).substring(0, 16);
    }

    Optional<Path> lookup(String key) {
        Path dir = root.resolve(key);
        return Files.isRegularFile(dir.resolve(WARNINGS)) ? Optional.of(dir) : Optional.empty();
    }

    /** Product files of a cached build (everything but the warnings count and where it was built). */
    static List<Path> products(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !List.of(WARNINGS, BUILT_BY).contains(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw HarnessException.infra("cannot read build cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where a cached build was made: native or guest ("guest" for entries older than the record). */
    static String builtBy(Path dir) {
        try {
            return Files.isRegularFile(dir.resolve(BUILT_BY)) ? Files.readString(dir.resolve(BUILT_BY)).trim() : Builds.GUEST.label();
        } catch (IOException e) {
            return Builds.GUEST.label();
        }
    }

    static long warnings(Path dir) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(WARNINGS)).trim());
        } catch (IOException | NumberFormatException e) {
            throw HarnessException.infra("corrupt build cache entry " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A fresh folder to fill; {@link #commit} publishes it under the key. */
    Path staging(String key) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "." + key + "-");
        } catch (IOException e) {
            throw HarnessException.infra("cannot write build cache " + root + ": " + e.getMessage(), e);
        }
    }

    /** Removes a staging folder that will not be published. */
    static void discard(Path staging) {
        try {
            Trees.delete(staging);
        } catch (IOException e) {
            // a leftover hidden staging folder is never looked up
        }
    }

    /** Publishes {@code staging} under {@code key}; returns the published folder. */
    Path commit(String key, Path staging, long warnings, String builtBy) {
        try {
            Files.writeString(staging.resolve(WARNINGS), warnings + "\n");
            Files.writeString(staging.resolve(BUILT_BY), builtBy + "\n");
            Path dir = root.resolve(key);
            if (Files.exists(dir)) {
                // another run published the same build meanwhile; both are equal by key
                discard(staging);
                return dir;
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw HarnessException.infra("cannot write build cache " + root + ": " + e.getMessage(), e);
        }
    }
}
