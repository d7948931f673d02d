package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines guessed from students' Part 1 sources, and from the project's own programs. */
class Part1CliTest {
    private static Part1Cli guess(Path root) {
        Findings f = PartFinder.find(root, "lkp25-p3", Map.of());
        PartResult.Found m = (PartResult.Found) f.parts().get(0);
        PartResult.Found p = (PartResult.Found) f.parts().get(1);
        return Part1Cli.guess(root, m, p.sources().get(0).equals(m.sources().get(0)) ? null : p, 64L << 20);
    }

    @Test
    void theSeedLayoutsNumberedSchemesAndPidStartEnd() {
        Part1Cli c = guess(Path.of("harness/src/test/resources/submissions/seed-layout"));
        assertEquals(List.of("0", "1", "2"), c.runs(), c.why());
        assertEquals("{pid} {start} {end}", c.forms().get(0), c.why());
        assertTrue(c.why().contains("usage \"usage: %s PID START END\""), c.why());
    }

    @Test
    void theProjectsOwnProgramsTakeLongOptions(@TempDir Path tmp) throws IOException {
        for (String f : List.of("memalloc.c", "pagemap.c", "common.c", "common.h")) {
            Files.copy(Path.of("workloads").resolve(f), Files.createDirectories(tmp.resolve("part1")).resolve(f));
        }
        Part1Cli c = guess(tmp);
        assertEquals(List.of("--scheme 4k --size 67108864", "--scheme 2m --size 67108864", "--scheme whole --size 67108864"),
                c.runs(), c.why());
        assertEquals("--pid {pid} --range {start}:{len}", c.forms().get(0), c.why());
    }

    @Test
    void wordsComparedWithArgv1AndAProgramThatTranslatesItself() {
        List<String> why = new ArrayList<>();
        assertEquals(List.of("4k", "2m", "whole"), Part1Cli.runs("int main(int argc, char **argv) {"
                + " if (!strcmp(argv[1], \"4k\")) a(); else if (strcmp(argv[1], \"2m\") == 0) b();"
                + " else if (!strcmp(argv[1], \"whole\")) c(); }", 1, why));
        assertEquals(List.of(""), Part1Cli.runs("int main(void) { calloc(1, 2UL << 30); }", 1, why));
        // getopt: the option that takes the scheme, its words or its numbers
        assertEquals(List.of("-s 4k", "-s 2m", "-s whole"), Part1Cli.runs("int main(int argc, char **argv) { int c;"
                + " while ((c = getopt(argc, argv, \"vs:o:\")) != -1) switch (c) { case 's': if (!strcmp(optarg, \"4k\")) a();"
                + " else if (!strcmp(optarg, \"2m\")) b(); else if (!strcmp(optarg, \"whole\")) d(); break; } }", 1, why));
        assertEquals(List.of("-m 1", "-m 2", "-m 3"), Part1Cli.runs("int main(int argc, char **argv) { int c, m = 1;"
                + " while ((c = getopt(argc, argv, \"m:\")) != -1) if (c == 'm') m = atoi(optarg);"
                + " if (m == 1) a(); else if (m == 2) b(); else d(); }", 1, why));
        assertEquals("{pid} {start}", Part1Cli.usageForm("Usage: ./pagemap <pid> <virtual address>"));
        assertEquals(null, Part1Cli.usageForm("usage: pagemap FILE"));
    }
}
