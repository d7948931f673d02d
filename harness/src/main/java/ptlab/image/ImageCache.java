package ptlab.image;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ptlab.json.Json;
import ptlab.files.Sha256;

/**
 * Where built images live: {@code $XDG_CACHE_HOME/ptlab/images/<name>-<key>/} (default
 * {@code ~/.cache}), the key being a hash of the effective recipe, the guest customisation script and
 * {@link #BUILDER_VERSION}: changing any of them builds a new image instead of reusing a stale one.
 */
public final class ImageCache {
    /** Bump when the build procedure changes so that old images are not reused. */
    public static final String BUILDER_VERSION = "2";

    /** sha256 of customize.sh, the script that shapes every guest. */
    static final String CUSTOMIZE_SHA256 = customizeHash();

    private final Path root;

    private static String customizeHash() {
        try (var in = ImageCache.class.getResourceAsStream("customize.sh")) {
            if (in == null) {
                throw new IllegalStateException("customize.sh missing from the jar");
            }
            return Sha256.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ImageCache(Path root) {
        this.root = root;
    }

    public static ImageCache defaultCache() {
        String override = System.getenv("PTLAB_CACHE");
        if (override != null && !override.isBlank()) {
            return new ImageCache(Path.of(override).resolve("images"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ImageCache(base.resolve("ptlab").resolve("images"));
    }

    public Path root() {
        return root;
    }

    public static String key(Recipe recipe) {
        try {
            // Jackson's default layout, as the keys of every cached image were made with: another layout
            // would rebuild them all
            String canonical = Json.mapper().writer(new DefaultPrettyPrinter()).writeValueAsString(recipe.withDefaults());
            return Sha256.of(BUILDER_VERSION + "\n" + CUSTOMIZE_SHA256 + "\n" + canonical).substring(0, 16);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dirFor(Recipe recipe) {
        return root.resolve(recipe.name() + "-" + key(recipe));
    }

    /** The cached image for this exact recipe, if complete (its manifest is written last). */
    public java.util.Optional<Image> lookup(Recipe recipe) {
        Path dir = dirFor(recipe);
        return Files.isRegularFile(dir.resolve("manifest.json")) ? java.util.Optional.of(Image.open(dir))
                : java.util.Optional.empty();
    }

    /** Every complete image in the cache, by folder name. */
    public List<Image> list() {
        List<Image> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().forEach(p -> out.add(Image.open(p)));
        } catch (java.io.IOException e) {
            throw ptlab.HarnessException.infra("cannot list image cache " + root + ": " + e.getMessage(), e);
        }
        return out;
    }
}
