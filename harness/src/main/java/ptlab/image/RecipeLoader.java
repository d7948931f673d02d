package ptlab.image;

import java.nio.file.Path;
import java.util.regex.Pattern;
import ptlab.spec.ImageRef;
import ptlab.yaml.YamlDoc;

/**
 * Loads and validates a recipe file ({@link ImageRef} finds it); errors name file, line, column and field.
 */
public final class RecipeLoader {
    private static final Pattern SUITE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:-]+)?");

    private RecipeLoader() {
    }

    public static Recipe load(Path file) {
        YamlDoc<Recipe> doc = YamlDoc.load(file, Recipe.class);
        Recipe r = doc.value();
        String stem = ImageRef.nameOf(file);
        if (r.name() == null) {
            throw doc.error("name", "missing; expected '" + stem + "'");
        }
        String badName = ImageRef.nameProblem(r.name());
        if (badName != null) {
            throw doc.error("name", badName);
        }
        if (!r.name().equals(stem)) {
            throw doc.error("name", "must equal the file name '" + stem + "', got '" + r.name() + "'");
        }
        if (r.suite() == null || !SUITE.matcher(r.suite()).matches()) {
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
