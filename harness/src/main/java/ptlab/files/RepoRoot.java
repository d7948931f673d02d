package ptlab.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project checkout the harness works in: its recipes, sources and results folder are under it.
 * bin/harness names it (-Dptlab.root); a JVM started otherwise (tests, an IDE) finds it from the
 * current folder.
 */
public final class RepoRoot {
    /** The recipes' folder under the root; with pom.xml beside it, it is also what marks a checkout. */
    public static final String RECIPE_FOLDER = "vm-images";
    /** The system property bin/harness and Slurm cell tasks set to the checkout. */
    public static final String PROPERTY = "ptlab.root";

    private RepoRoot() {
    }

    /** The checkout: {@value #PROPERTY} when set, else the one enclosing the current folder, else the current folder. */
    public static Path find() {
        return find(System.getProperty(PROPERTY), Path.of(""));
    }

    static Path find(String property, Path currentFolder) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path here = currentFolder.toAbsolutePath().normalize();
        return enclosing(here).orElse(here);
    }

    /** The nearest folder at or above {@code start} that holds {@value #RECIPE_FOLDER}/ and pom.xml. */
    public static Optional<Path> enclosing(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(RECIPE_FOLDER)) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
