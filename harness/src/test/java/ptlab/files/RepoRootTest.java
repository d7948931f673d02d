package ptlab.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {
    @TempDir
    Path tmp;

    private Path checkout(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(root.resolve(RepoRoot.RECIPE_FOLDER));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        return root;
    }

    @Test
    void theLaunchersPropertyWins() throws IOException {
        Path other = checkout("other");
        Path cwd = Files.createDirectories(checkout("here").resolve("experiments"));
        assertEquals(other, RepoRoot.find(other.toString(), cwd));
    }

    @Test
    void withoutThePropertyTheEnclosingCheckoutIsFound() throws IOException {
        Path root = checkout("repo");
        Path deep = Files.createDirectories(root.resolve("experiments/mine"));
        assertEquals(root, RepoRoot.find(null, deep));
        assertEquals(root, RepoRoot.find(" ", root));
        assertEquals(Optional.of(root), RepoRoot.enclosing(deep.resolve("part2.yaml")));
    }

    @Test
    void outsideAnyCheckoutTheCurrentFolderIsTheRoot() throws IOException {
        Path recipesOnly = Files.createDirectories(tmp.resolve("copy").resolve(RepoRoot.RECIPE_FOLDER));
        assertEquals(Optional.empty(), RepoRoot.enclosing(recipesOnly), "vm-images/ without pom.xml is no checkout");
        assertEquals(recipesOnly, RepoRoot.find(null, recipesOnly));
    }

    @Test
    void testsRunInThisCheckout() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Optional.of(here), RepoRoot.enclosing(here.resolve("harness/src/main/java")));
    }
}
