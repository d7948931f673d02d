package ptlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * parse, analysis, render and report (and the run-folder contract they share with the VM side) work
 * from the run folder alone: they never reach for guests, images, collection or the command line.
 */
class LayeringTest {
    private static final List<String> NO_VM = List.of("parse", "analysis", "chart", "render", "report", "compare",
            "junit", "packaging", "runfolder", "judge");
    private static final Pattern FORBIDDEN =
            Pattern.compile("\\bptlab\\.(vm|ssh|run|image|collect|cli|guest|plan)\\b");

    /** The run lifecycle and the plan reach guests and schedulers only through their seams. */
    private static final List<String> SEAM_USERS = List.of("run", "plan");
    private static final Pattern BACKENDS = Pattern.compile("\\bptlab\\.(vm|vagrant|slurm)\\b");
    /** The offline side never reaches a scheduler or a backend. */
    private static final Pattern SCHEDULERS = Pattern.compile("\\bptlab\\.(slurm|vagrant)\\b");

    @Test
    void noVmSshOrRunInTheRenderSide() throws Exception {
        assertEquals(List.of(), offenders(NO_VM, FORBIDDEN));
        assertEquals(List.of(), offenders(NO_VM, SCHEDULERS));
    }

    @Test
    void runAndPlanKnowNoBackendAndNoScheduler() throws Exception {
        assertEquals(List.of(), offenders(SEAM_USERS, BACKENDS));
    }

    @Test
    void theRuleCatchesAnImport() {
        assertTrue(BACKENDS.matcher("import ptlab.vm.QemuRestore;").find());
        assertTrue(SCHEDULERS.matcher("import ptlab.slurm.SlurmExecutor;").find());
        assertTrue(FORBIDDEN.matcher("        ptlab.guest.GuestProviders.installed()").find());
    }

    private static List<String> offenders(List<String> packages, Pattern forbidden) throws Exception {
        Path src = Path.of("harness/src/main/java/ptlab");
        assertTrue(Files.isDirectory(src), "run from the project root: " + Path.of("").toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String pkg : packages) {
            try (Stream<Path> s = Files.walk(src.resolve(pkg))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    scanned++;
                    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = forbidden.matcher(lines.get(i));
                        if (m.find()) {
                            offenders.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 10, "scanned only " + scanned + " files");
        return offenders;
    }
}
