package ptlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.image.Recipe;
import ptlab.image.RecipeLoader;
import ptlab.host.HostInfo;
import ptlab.progress.Progress;
import ptlab.files.RepoRoot;
import ptlab.vagrant.VagrantBox;
import ptlab.vagrant.VagrantCli;
import ptlab.spec.Accel;
import ptlab.spec.ImageRef;
import ptlab.vm.Snapshot;
import ptlab.vm.VmLauncher;
import ptlab.vm.SnapshotStore;

/** {@code harness image build|list|show|prune|box}. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Build and inspect guest images.",
        subcommands = {ImageCommand.Build.class, ImageCommand.ListImages.class, ImageCommand.Show.class,
            ImageCommand.Prune.class, ImageCommand.Box.class})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static Recipe recipe(String nameOrPath) {
        return RecipeLoader.load(ImageRef.require(nameOrPath, Path.of(""), RepoRoot.find()).recipe());
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
                for (Path snap : SnapshotStore.list(i)) {
                    Snapshot sn = Snapshot.read(snap);
                    out.printf("  snapshot %s  %5d MiB  %s, %s%n", snap.getFileName(), SnapshotStore.size(snap) >> 20,
                            sn.createdAt(), sn.qemuVersion());
                }
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

    @Command(name = "box", mixinStandardHelpOptions = true,
            description = "Package a recipe's cached image (built when missing) as a vagrant-libvirt box beside it,"
                    + " record its sha256 in the image manifest and add it to Vagrant, for the repository's Vagrantfile"
                    + " (PTLAB_RECIPE=<recipe> vagrant up) and the vagrant backend.")
    static final class Box implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RECIPE", defaultValue = "bookworm", description = "Recipe name or file (default: ${DEFAULT-VALUE}).")
        String recipe;

        @Override
        public Integer call() throws java.io.IOException {
            VagrantCli cli = VagrantCli.fromEnvironment();
            cli.require();
            ImageCache cache = ImageCache.defaultCache();
            Image img = new ImageBuilder(cache, Progress.stderr()).getOrBuild(recipe(recipe));
            VagrantBox.Packaged p = VagrantBox.ensure(img, cache, cli, Progress.stderr());
            // the probe's result is remembered until the host reboots; the Vagrantfile's auto reads it
            Accelerator accel = VmLauncher.resolveAccel(Accel.AUTO, img, Files.createTempDirectory("ptlab-probe"),
                    Progress.stderr());
            PrintWriter out = spec.commandLine().getOut();
            out.println(p.box().file());
            out.println("box " + p.box().name() + " (sha256 " + p.box().sha256() + "), kernel "
                    + img.manifest().kernelRelease() + ", accelerator " + accel.label());
            String env = "bookworm".equals(img.manifest().name()) ? "" : "PTLAB_RECIPE=" + img.manifest().name() + " ";
            out.println("next: " + env + "vagrant up && " + env + "vagrant ssh");
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove the ready-guest snapshots (about 400 MB each) that no current recipe or this"
                    + " host's QEMU can restore.")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dry-run", description = "Say what would go; remove nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Set<String> current = new HashSet<>();
            for (Path recipe : recipes()) {
                current.add(ImageCache.key(RecipeLoader.load(recipe)));
            }
            long freed = 0;
            int removed = 0;
            String qemu = HostInfo.qemuVersion();
            for (Image i : ImageCache.defaultCache().list()) {
                boolean stale = !current.contains(i.manifest().cacheKey());
                for (Path snap : SnapshotStore.list(i)) {
                    Snapshot sn = Snapshot.read(snap);
                    String why = stale ? "its image " + i.dir().getFileName() + " is not built from a current recipe"
                            : !sn.qemuVersion().equals(qemu) ? "made by " + sn.qemuVersion() : null;
                    if (why == null) {
                        continue;
                    }
                    long size = SnapshotStore.size(snap);
                    out.printf("%s %s (%d MiB): %s%n", dryRun ? "would remove" : "removed", snap, size >> 20, why);
                    if (!dryRun) {
                        SnapshotStore.remove(snap);
                    }
                    freed += size;
                    removed++;
                }
            }
            out.printf("%d snapshot(s), %d MiB%s%n", removed, freed >> 20, dryRun ? " would be freed" : " freed");
            return 0;
        }

        private static List<Path> recipes() {
            Path root = RepoRoot.find();
            try {
                return ImageRef.recipes(root);
            } catch (java.io.IOException e) {
                throw HarnessException.infra("cannot list " + ImageRef.folder(root) + ": " + e.getMessage(), e);
            }
        }
    }
}
