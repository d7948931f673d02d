package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.SourceLocatedException;
import ptlab.spec.ImageRef;

class RecipeLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void shippedRecipesLoadWithDefaults() {
        for (String n : List.of("bullseye", "bookworm", "trixie", "sid")) {
            Recipe r = RecipeLoader.load(Path.of("vm-images", n + ".yaml"));
            assertEquals(n, r.name());
            assertEquals(n, r.suite());
            assertTrue(r.allPackages().containsAll(List.of("rsyslog", "openssh-server", "libc6-dev",
                    "linux-headers-amd64", "linux-image-amd64", "procps", "kmod")), r.allPackages().toString());
            assertEquals(2048, r.diskHeadroomMib());
        }
        assertTrue(RecipeLoader.load(Path.of("vm-images/sid.yaml")).aptOptions().get(0).contains("Check-Valid-Until"));
    }

    @Test
    void unknownKeyNamesFileLineColumnAndField() throws IOException {
        Path p = write("bookworm", "name: bookworm\nsuite: bookworm\nextra_pakages: [htop]\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RecipeLoader.load(p));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertEquals("extra_pakages", e.field());
        assertTrue(e.getMessage().startsWith(p + ":3:1: field 'extra_pakages': unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("extra_packages"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() throws IOException {
        Path p = write("bookworm", "name: bookworm\nsuite: bookworm\ndisk_headroom_mib: lots\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RecipeLoader.load(p));
        assertEquals(3, e.line());
        assertEquals("disk_headroom_mib", e.field());
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
    }

    @Test
    void badPackageInAListPointsAtTheItem() throws IOException {
        Path p = write("bookworm", "name: bookworm\nsuite: bookworm\nextra_packages:\n  - htop\n  - 'rm -rf'\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RecipeLoader.load(p));
        assertEquals(5, e.line());
        assertEquals("extra_packages[1]", e.field());
    }

    @Test
    void nameMustMatchFile() throws IOException {
        Path p = write("bookworm", "name: trixie\nsuite: trixie\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RecipeLoader.load(p));
        assertEquals(1, e.line());
        assertEquals("name", e.field());
    }

    @Test
    void unknownRecipeNameListsKnownOnes() {
        Path root = Path.of("").toAbsolutePath();
        HarnessException e = assertThrows(HarnessException.class, () -> ImageRef.require("bokworm", root, root));
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        assertEquals("no image recipe vm-images/bokworm.yaml under " + root + " (known: bookworm, bullseye, sid, trixie)",
                e.getMessage());
    }

    @Test
    void aRecipeByPathIsRelativeToTheCurrentFolder() {
        Path root = Path.of("").toAbsolutePath();
        ImageRef ref = ImageRef.require("vm-images/../vm-images/sid.yaml", root, root);
        assertEquals(new ImageRef("sid", root.resolve("vm-images/sid.yaml")), ref);
        assertEquals(ref, ImageRef.require("sid", root, root), "the name and the path are the same recipe");
        assertEquals("sid", RecipeLoader.load(ref.recipe()).name());
    }

    /** The spec's images list and the recipe file share one name rule, so a spec never accepts an unbuildable image. */
    @Test
    void aNameTheSpecAcceptsIsANameTheRecipeMayHave() throws IOException {
        Path dots = write("bookworm-6.1_custom", "name: bookworm-6.1_custom\nsuite: bookworm\n");
        assertEquals("bookworm-6.1_custom", RecipeLoader.load(dots).name());
        assertNull(ImageRef.problem(dots.toString(), ImageRef.resolve(dots.toString(), dir, dir), dir));
        Path yml = dir.resolve("trixie.yml");
        Files.writeString(yml, "name: trixie\nsuite: trixie\n");
        assertEquals("trixie", RecipeLoader.load(yml).name(), "a .yml recipe is named without .yml, as in a spec");
        assertEquals("trixie", ImageRef.resolve(yml.toString(), dir, dir).name());
    }

    @Test
    void aNameNeitherAcceptsIsRefusedByBothWithOneMessage() throws IOException {
        Path upper = write("Bookworm", "name: Bookworm\nsuite: bookworm\n");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> RecipeLoader.load(upper));
        assertEquals("name", e.field());
        String problem = ImageRef.problem(upper.toString(), ImageRef.resolve(upper.toString(), dir, dir), dir);
        assertEquals("image name 'Bookworm' must be lowercase letters, digits, '.', '_' and '-' (it becomes part of"
                + " run ids)", problem);
        assertTrue(e.getMessage().endsWith(": " + problem), e.getMessage());
    }

    @Test
    void cacheKeyCoversEffectiveRecipe() throws IOException {
        Recipe a = RecipeLoader.load(write("bookworm", "name: bookworm\nsuite: bookworm\n"));
        Recipe b = RecipeLoader.load(write("bookworm", "name: bookworm\nsuite: bookworm\nmirror: "
                + Recipe.DEFAULT_MIRROR + "\n"));
        Recipe c = RecipeLoader.load(write("bookworm", "name: bookworm\nsuite: bookworm\nextra_packages: [htop]\n"));
        assertEquals(ImageCache.key(a), ImageCache.key(b), "spelling out a default is the same image");
        assertNotEquals(ImageCache.key(a), ImageCache.key(c));
        assertTrue(ImageCache.CUSTOMIZE_SHA256.matches("[0-9a-f]{64}"), "the guest customisation is part of the key");
    }
}
