package ptlab.changes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ptlab.HarnessException;
import ptlab.files.Trees;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.UnpackLimits;

/**
 * A campaign compared with its baseline ({@code --baseline}): the baseline is a campaign folder, a folder of run
 * folders (CI artifacts as downloaded), or either packed as {@code .tar.gz}, {@code .tgz} or {@code .zip}; the
 * comparison is written beside the campaign's report as {@code changes.json}, {@code changes.md} and
 * {@code changes-junit.xml}.
 */
public final class Baselines {
    public static final String MARKDOWN = "changes.md";
    public static final String JUNIT = "changes-junit.xml";
    /** A packed campaign holds every cell's raw logs: larger than a submission, never a disk image. */
    private static final UnpackLimits PACKED = new UnpackLimits(4096 * UnpackLimits.MIB, 200_000,
            1024 * UnpackLimits.MIB, UnpackLimits.DEFAULT_MAX_RATIO);

    private Baselines() {
    }

    /** A usage error unless {@code baseline} is a folder or a packed one. */
    public static void check(Path baseline) {
        String n = baseline.getFileName() == null ? "" : baseline.getFileName().toString();
        if (!Files.isDirectory(baseline) && !(Files.isRegularFile(baseline)
                && (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".zip")))) {
            throw HarnessException.usage("--baseline " + baseline + ": neither a campaign folder nor a packed campaign"
                    + " (.tar.gz, .tgz or .zip)");
        }
    }

    /**
     * Compares the run folders of {@code current} (a campaign folder or a folder of run folders) with
     * {@code baseline}; writes the three files into {@code out}, the JUnit suite called {@code name}.
     */
    public static Changes compare(Path baseline, Path current, Path out, String name) {
        return compare(baseline, b -> CampaignChanges.between(b, current), out, name);
    }

    /** As above, for the run folders {@code cells} whose report goes to {@code out}. */
    public static Changes compare(Path baseline, java.util.List<Path> cells, Path out, String name) {
        return compare(baseline, b -> CampaignChanges.between(b, cells, out), out, name);
    }

    /** The changes of the campaign folder {@code current} since {@code baseline}, nothing written. */
    public static Changes changes(Path baseline, Path current) {
        return compare(baseline, b -> CampaignChanges.between(b, current), null, null);
    }

    private static Changes compare(Path baseline, java.util.function.Function<Path, Changes> with, Path out, String name) {
        check(baseline);
        Path unpacked = null;
        try {
            Path dir = baseline;
            if (Files.isRegularFile(baseline)) {
                unpacked = Files.createTempDirectory("ptlab-baseline");
                dir = new SafeUnpacker(PACKED).unpack(baseline, unpacked).root();
            }
            Changes c = with.apply(dir);
            if (unpacked != null) {
                // name the packed file the user gave, not the temporary folder it was unpacked into
                c = c.withBaseline(baseline.toAbsolutePath().normalize().toString());
            }
            if (out == null) {
                return c;
            }
            c.write(out);
            Files.writeString(out.resolve(MARKDOWN), ChangesReport.markdown(c), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(JUNIT), ChangesReport.junit(name, c), StandardCharsets.UTF_8);
            return c;
        } catch (IOException e) {
            throw HarnessException.infra("comparing with the baseline " + baseline + ": " + e.getMessage(), e);
        } finally {
            if (unpacked != null) {
                try {
                    Trees.delete(unpacked);
                } catch (IOException e) {
                    // a temporary folder left behind costs disk, not the comparison
                }
            }
        }
    }
}
