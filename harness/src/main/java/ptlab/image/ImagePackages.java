package ptlab.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ptlab.HarnessException;

/**
 * The booted image's package list, copied into the run folder ({@code raw/image-packages.tsv}) so a comparison of
 * two campaigns can name the packages that changed without the image cache the runs came from.
 */
public final class ImagePackages {
    private ImagePackages() {
    }

    /** One line per package, sorted: name, version and architecture, tab-separated. */
    public static void write(ImageManifest manifest, Path file) {
        List<String> lines = new ArrayList<>();
        manifest.packages().stream().sorted(java.util.Comparator.comparing(ImageManifest.Package::name))
                .forEach(p -> lines.add(p.name() + "\t" + p.version() + "\t" + p.arch()));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Name to version; empty when the run folder has no list (runs from before it was recorded). */
    public static Optional<Map<String, String>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> out = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                if (f.length >= 2 && !f[0].isBlank()) {
                    out.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(out);
    }

    /**
     * What differs from {@code before} to {@code after}, a package each, sorted by name: "name a -&gt; b" for a
     * new version, "+name v" for an added package, "-name v" for a removed one.
     */
    public static List<String> diff(Map<String, String> before, Map<String, String> after) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String b = before.get(n);
            String a = after.get(n);
            if (b == null) {
                out.add("+" + n + " " + a);
            } else if (a == null) {
                out.add("-" + n + " " + b);
            } else if (!a.equals(b)) {
                out.add(n + " " + b + " -> " + a);
            }
        }
        return out;
    }
}
