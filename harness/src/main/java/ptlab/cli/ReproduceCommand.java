package ptlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.ImageCache;
import ptlab.plan.Overrides;
import ptlab.run.Reproducer;
import ptlab.spec.Accel;
import ptlab.host.HostCommand;
import ptlab.progress.Progress;
import ptlab.files.RepoRoot;
import ptlab.files.Trees;

/** {@code harness reproduce RUN_DIR|TARBALL}: run again what a run recorded, and compare. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run again exactly what a run folder (or a submission tarball from `harness package`) recorded:"
                + " its spec, its sources, the same image recipe; then compare every oracle and each figure's data"
                + " with the original and say whether it reproduced.")
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR|TARBALL")
    Path input;

    @Option(names = "--accel", converter = AccelConverter.class, description = "auto, kvm or tcg (default: the spec's).")
    Accel accel;

    @Option(names = "--allow-other-image",
            description = "Go on when this host's image differs from the original's (kernel, packages, recipe).")
    boolean allowOtherImage;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = null;
        List<Path> originals;
        if (Files.isDirectory(input)) {
            originals = List.of(input);
        } else if (Files.isRegularFile(input) && input.toString().endsWith(".tar.gz")) {
            tmp = Files.createTempDirectory("ptlab-reproduce-");
            HostCommand.of("tar", "-xzf", input.toAbsolutePath().toString(), "-C", tmp.toString())
                    .timeout(Duration.ofMinutes(5)).run();
            Path dir = tmp.resolve("reproduce");
            if (!Files.isDirectory(dir)) {
                throw HarnessException.usage(input + " has no reproduce/ folder: it was packaged before tarballs carried"
                        + " their runs; reproduce the run folder instead");
            }
            try (Stream<Path> s = Files.list(dir)) {
                originals = s.filter(Files::isDirectory).sorted().toList();
            }
        } else {
            throw HarnessException.usage(input + ": neither a run folder nor a .tar.gz from harness package");
        }
        Outcome worst = Outcome.PASS;
        try {
            for (Path o : originals) {
                Reproducer.Result r = Reproducer.reproduce(o, RepoRoot.find(), new Overrides(accel, null, null),
                        allowOtherImage, ImageCache.defaultCache(), Progress.stderr());
                out.printf("%-12s %s%n", r.comparison() != null && r.comparison().reproduced() && r.imageDifferences()
                        .isEmpty() ? "REPRODUCED" : "DIFFERS", r.again());
                if (r.comparison() != null) {
                    out.println("  " + r.comparison().verdict());
                    out.println("  comparison: " + r.again().resolve("reproduction.md"));
                } else {
                    out.println("  the reproduction ended " + r.outcome() + "; see " + r.again().resolve("manifest.json"));
                }
                r.imageDifferences().forEach(d -> out.println("  image differs: " + d));
                worst = Outcome.worst(worst, r.outcome());
            }
        } finally {
            if (tmp != null) {
                Trees.delete(tmp);
            }
        }
        out.flush();
        return worst.exitCode();
    }
}
