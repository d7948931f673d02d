package ptlab.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import ptlab.HarnessException;
import ptlab.util.YamlDoc;

/** Loads and validates {@code vm-images/<name>.yaml}; errors name file, line, column and field. */
public final class RecipeLoader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?");

    private RecipeLoader() {
    }

    /** A recipe by name ({@code bookworm} -> {@code <repo>/vm-images/bookworm.yaml}) or by path. */
    public static Path resolve(Path repoRoot, String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") || nameOrPath.contains("/")) {
            if (!Files.isRegularFile(direct)) {
                throw HarnessException.usage("no such recipe file: " + direct);
            }
            return direct;
        }
        Path p = repoRoot.resolve("vm-images").resolve(nameOrPath + ".yaml");
        if (!Files.isRegularFile(p)) {
            throw HarnessException.usage("no recipe named '" + nameOrPath + "': " + p + " does not exist (known: "
                    + known(repoRoot) + ")");
        }
        return p;
    }

    public static String known(Path repoRoot) {
        try (var s = Files.list(repoRoot.resolve("vm-images"))) {
            return String.join(", ", s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList());
        } catch (java.io.IOException e) {
            return "none";
        }
    }

    public static Recipe load(Path file) {
        YamlDoc<Recipe> doc = YamlDoc.load(file, Recipe.class);
        Recipe r = doc.value();
        String fileName = file.getFileName().toString();
        String stem = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
        if (r.name() == null) {
            throw doc.error("name", "missing; expected '" + stem + "'");
        }
        if (!NAME.matcher(r.name()).matches()) {
            throw doc.error("name", "must match " + NAME + ", got '" + r.name() + "'");
        }
        if (!r.name().equals(stem)) {
            throw doc.error("name", "must equal the file name '" + stem + "', got '" + r.name() + "'");
        }
        if (r.suite() == null || !NAME.matcher(r.suite()).matches()) {
            throw doc.error("suite", "missing or not a Debian suite name (bullseye, bookworm, trixie, sid, ...)");
        }
        if (r.mirror() != null && !r.mirror().matches("https?://\\S+|file:/\\S+")) {
            throw doc.error("mirror", "must be an http(s):// or file:/ URL, got '" + r.mirror() + "'");
        }
        checkPackages(doc, "packages", r.packages());
        checkPackages(doc, "extra_packages", r.extraPackages());
        if (r.diskHeadroomMib() != null && (r.diskHeadroomMib() < 256 || r.diskHeadroomMib() > 65536)) {
            throw doc.error("disk_headroom_mib", "must be between 256 and 65536, got " + r.diskHeadroomMib());
        }
        if (r.cmdlineExtra() != null && r.cmdlineExtra().contains("\n")) {
            throw doc.error("cmdline_extra", "must be one line");
        }
        return r.withDefaults();
    }

    private static void checkPackages(YamlDoc<Recipe> doc, String field, java.util.List<String> pkgs) {
        if (pkgs == null) {
            return;
        }
        for (int i = 0; i < pkgs.size(); i++) {
            String p = pkgs.get(i);
            if (p == null || !PACKAGE.matcher(p).matches()) {
                throw doc.error(field + "[" + i + "]", "not a Debian package name: '" + p + "'");
            }
        }
    }
}
