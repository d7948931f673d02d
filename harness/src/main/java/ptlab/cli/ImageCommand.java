package ptlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.Recipe;
import ptlab.image.RecipeLoader;
import ptlab.util.Progress;
import ptlab.util.RepoRoot;

/** {@code harness image build|list|show}. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Build and inspect guest images.",
        subcommands = {ImageCommand.Build.class, ImageCommand.ListImages.class, ImageCommand.Show.class})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static Recipe recipe(String nameOrPath) {
        return RecipeLoader.load(RecipeLoader.resolve(RepoRoot.find(), nameOrPath));
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the image of a recipe (vm-images/<recipe>.yaml), or reuse the cached one.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RECIPE", defaultValue = "bookworm", description = "Recipe name or file (default: ${DEFAULT-VALUE}).")
        String recipe;

        @Override
        public Integer call() {
            Image img = new ImageBuilder(ImageCache.defaultCache(), Progress.stderr()).getOrBuild(recipe(recipe));
            PrintWriter out = spec.commandLine().getOut();
            out.println(img.dir());
            out.println("kernel " + img.manifest().kernelRelease() + ", " + img.manifest().packages().size()
                    + " packages, built in " + img.manifest().buildSeconds() + " s");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List cached images.")
    static final class ListImages implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ImageCache cache = ImageCache.defaultCache();
            var images = cache.list();
            if (images.isEmpty()) {
                out.println("no images in " + cache.root() + " (build one: bin/harness image build bookworm)");
            }
            for (Image i : images) {
                out.printf("%-10s %-22s %-18s %s%n", i.manifest().name(), i.manifest().kernelRelease(),
                        i.manifest().builtAt(), i.dir());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the manifest of a recipe's cached image.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RECIPE", defaultValue = "bookworm")
        String recipe;

        @Override
        public Integer call() throws java.io.IOException {
            Recipe r = recipe(recipe);
            Image img = ImageCache.defaultCache().lookup(r).orElseThrow(() -> HarnessException.usage(
                    "no cached image for recipe " + r.name() + " (build it: bin/harness image build " + r.name() + ")"));
            spec.commandLine().getOut().println(java.nio.file.Files.readString(img.manifestFile()));
            return 0;
        }
    }
}
