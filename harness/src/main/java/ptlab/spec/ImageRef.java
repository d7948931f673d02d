package ptlab.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * An entry of a spec's {@code images} list, resolved to its recipe file.
 *
 * @param name short name used in run ids and folder names ("bookworm"); the recipe file's name without
 *     .yaml when the entry is a path
 * @param recipe absolute, normalized path of the recipe file
 */
public record ImageRef(String name, Path recipe) {
    /** What an image name may look like: it becomes part of run ids and folder names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Folder of the recipes, under the repository root. */
    public static final String RECIPE_FOLDER = "vm-images";

    /**
     * Resolves one entry: a bare name means {@code <repoRoot>/vm-images/<name>.yaml}; an entry with a '/' or
     * ending in .yaml or .yml is a path relative to {@code pathBase} (the spec file's folder, or the current
     * folder for command-line flags). Does not check that the file exists.
     */
    public static ImageRef resolve(String entry, Path pathBase, Path repoRoot) {
        if (isPath(entry)) {
            Path recipe = pathBase.resolve(entry).toAbsolutePath().normalize();
            String file = recipe.getFileName() == null ? "" : recipe.getFileName().toString();
            return new ImageRef(file.replaceFirst("\\.ya?ml$", ""), recipe);
        }
        return new ImageRef(entry, repoRoot.resolve(RECIPE_FOLDER).resolve(entry + ".yaml").toAbsolutePath().normalize());
    }

    /**
     * Why {@code ref} (resolved from {@code entry}) cannot be used, or null when it can: its name must
     * suit run ids and its recipe file must exist.
     */
    public static String problem(String entry, ImageRef ref, Path repoRoot) {
        if (!NAME.matcher(ref.name()).matches()) {
            return "image name '" + ref.name() + "' must be lowercase letters, digits, '.', '_' and '-'"
                    + " (it becomes part of run ids)";
        }
        if (Files.isRegularFile(ref.recipe())) {
            return null;
        }
        if (isPath(entry)) {
            return "no image recipe at " + ref.recipe();
        }
        return "no image recipe " + RECIPE_FOLDER + "/" + entry + ".yaml under " + repoRoot + known(repoRoot);
    }

    private static String known(Path repoRoot) {
        Path folder = repoRoot.resolve(RECIPE_FOLDER);
        if (!Files.isDirectory(folder)) {
            return " (there is no " + RECIPE_FOLDER + "/ folder there: is that the repository root?)";
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted().toList();
            return names.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    public static boolean isPath(String entry) {
        return entry.contains("/") || entry.endsWith(".yaml") || entry.endsWith(".yml");
    }
}
