package ptlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the main sources that review found broken once: a file small enough to read, and one way to
 * do each of a few things the harness does in many places.
 */
class SourceRulesTest {
    private static final Path MAIN = Path.of("harness/src/main/java/ptlab");
    private static final int MAX_LINES = 300;

    /** Where a bare ProcessBuilder must stay (each says why where it stands); every other command runs through HostCommand. */
    private static final Set<String> PROCESS_BUILDERS = Set.of(
            "vm/QemuGuest.java", // the QEMU guest: the reaper and close() need its Process
            "vm/AccelProbe.java", // a probe QEMU that may hang: the Reaper kills it forcibly
            "vagrant/NetnsRelay.java", // a relay whose stdin and stdout are pumped to a socket
            "cli/VmCommand.java"); // vm shell: ssh on the user's terminal
    /** Where Thread.sleep may stand; every other wait sleeps through host.Sleep. */
    private static final Set<String> SLEEPS = Set.of(
            "host/Sleep.java",
            "guest/ConsoleWatcher.java"); // its own thread, which close() stops by an interrupt

    private record Line(String file, int number, String text) {
        @Override
        public String toString() {
            return file + ":" + number + ": " + text.strip();
        }
    }

    /** Every line of every main source, comments left out, named by its path under {@link #MAIN}. */
    private static List<Line> code() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the project root: " + Path.of("").toAbsolutePath());
        List<Line> out = new ArrayList<>();
        for (Path f : sources()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String t = lines.get(i).strip();
                if (!t.startsWith("*") && !t.startsWith("//") && !t.startsWith("/*")) {
                    out.add(new Line(MAIN.relativize(f).toString(), i + 1, lines.get(i)));
                }
            }
        }
        return out;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offenders(Pattern p, Set<String> allowed) throws IOException {
        return code().stream().filter(l -> p.matcher(l.text()).find() && !allowed.contains(l.file()))
                .map(Line::toString).toList();
    }

    @Test
    void noMainSourceIsOverThreeHundredLines() throws IOException {
        List<Path> files = sources();
        assertTrue(files.size() > 100, "read only " + files.size() + " files");
        List<String> over = new ArrayList<>();
        for (Path f : files) {
            long n = Files.readAllLines(f, StandardCharsets.UTF_8).size();
            if (n > MAX_LINES) {
                over.add(MAIN.relativize(f) + ": " + n + " lines");
            }
        }
        assertEquals(List.of(), over, "split them into files of one job each");
    }

    @Test
    void warningsGoThroughProgress() throws IOException {
        // commands print through picocli's writers; everything else tells the user through Progress
        List<String> found = code().stream().filter(l -> Pattern.compile("System\\.(out|err)\\.print").matcher(l.text())
                .find() && !l.file().startsWith("cli/")).map(Line::toString).toList();
        assertEquals(List.of(), found);
    }

    @Test
    void hostCommandsRunThroughHostCommand() throws IOException {
        assertEquals(List.of(), offenders(Pattern.compile("new ProcessBuilder\\b|Runtime\\.getRuntime\\(\\)\\.exec\\b"),
                PROCESS_BUILDERS));
    }

    @Test
    void waitsSleepThroughSleep() throws IOException {
        assertEquals(List.of(), offenders(Pattern.compile("Thread\\.sleep\\("), SLEEPS));
    }

    @Test
    void theRecipeFolderIsNamedOnce() throws IOException {
        assertEquals(List.of(), offenders(Pattern.compile("\"vm-images[\"/]"), Set.of("files/RepoRoot.java")));
    }
}
