package ptlab.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.files.RepoRoot;

/**
 * A guest image recipe named by a spec's {@code images} entry, {@code --image} or {@code harness image}:
 * the one place that turns such an entry into a recipe file and says what a recipe name may be.
 *
 * @param name short name used in run ids and folder names ("bookworm"); the recipe file's name without
 *     .yaml when the entry is a path
 * @param recipe absolute, normalized path of the recipe file
 */
public record ImageRef(String name, Path recipe) {
    /**
     * What a recipe name may look like: it becomes part of run ids, image cache folders and box names, and a
     * recipe's {@code name:} must equal its file's.
     */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Resolves one entry: a bare name means {@code <repoRoot>/vm-images/<name>.yaml}; an entry with a '/' or
     * ending in .yaml or .yml is a path relative to {@code pathBase} (the spec file's folder, or the current
     * folder for command-line arguments). Does not check that the file exists.
     */
    public static ImageRef resolve(String entry, Path pathBase, Path repoRoot) {
        if (isPath(entry)) {
            Path recipe = pathBase.resolve(entry).toAbsolutePath().normalize();
            return new ImageRef(nameOf(recipe), recipe);
        }
        return new ImageRef(entry, folder(repoRoot).resolve(entry + ".yaml").toAbsolutePath().normalize());
    }

    /** {@link #resolve}, and a usage error saying what is wrong when the recipe cannot be used. */
    public static ImageRef require(String entry, Path pathBase, Path repoRoot) {
        ImageRef ref = resolve(entry, pathBase, repoRoot);
        String problem = problem(entry, ref, repoRoot);
        if (problem != null) {
            throw HarnessException.usage(problem);
        }
        return ref;
    }

    /**
     * Why {@code ref} (resolved from {@code entry}) cannot be used, or null when it can: its name must
     * suit run ids and its recipe file must exist.
     */
    public static String problem(String entry, ImageRef ref, Path repoRoot) {
        String bad = nameProblem(ref.name());
        if (bad != null) {
            return bad;
        }
        if (Files.isRegularFile(ref.recipe())) {
            return null;
        }
        if (isPath(entry)) {
            return "no image recipe at " + ref.recipe();
        }
        return "no image recipe " + RepoRoot.RECIPE_FOLDER + "/" + entry + ".yaml under " + repoRoot + known(repoRoot);
    }

    /** Why {@code name} is not a recipe name, or null when it is one. */
    public static String nameProblem(String name) {
        return NAME.matcher(name).matches() ? null : "image name '" + name + "' must be lowercase letters, digits,"
                + " '.', '_' and '-' (it becomes part of run ids)";
    }

    /** The name a recipe file gives its image: the file's name without .yaml or .yml. */
    public static String nameOf(Path recipe) {
        String file = recipe.getFileName() == null ? "" : recipe.getFileName().toString();
        return file.replaceFirst("\\.ya?ml$", "");
    }

    /** The folder of the checkout's recipes. */
    public static Path folder(Path repoRoot) {
        return repoRoot.resolve(RepoRoot.RECIPE_FOLDER);
    }

    /** The checkout's recipe files, sorted; none when the folder is missing. */
    public static List<Path> recipes(Path repoRoot) throws IOException {
        Path folder = folder(repoRoot);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String known(Path repoRoot) {
        if (!Files.isDirectory(folder(repoRoot))) {
            return " (there is no " + RepoRoot.RECIPE_FOLDER + "/ folder there: is that the repository root?)";
        }
        try {
            List<String> names = recipes(repoRoot).stream().map(ImageRef::nameOf).toList();
            return names.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    public static boolean isPath(String entry) {
        return entry.contains("/") || entry.endsWith(".yaml") || entry.endsWith(".yml");
    }
}
