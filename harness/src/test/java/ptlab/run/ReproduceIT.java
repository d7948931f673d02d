package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.cli.Main;
import ptlab.testing.TestFiles;

/**
 * A grader's check: quick-part2 run, then reproduced from its run folder and from its submission
 * tarball, on this machine; a raw file of the original tampered with makes the comparison name the
 * quantity that moved.
 */
class ReproduceIT {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aQuickPart2RunReproducesFromItsFolderAndItsTarball() throws Exception {
        String[] first = run("run", "experiments/quick-part2.yaml");
        assertEquals("0", first[0], first[1] + first[2]);
        String pass = first[1].lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
        Path original = Path.of(pass.substring(pass.indexOf('/')).trim());

        String[] again = run("reproduce", original.toString());
        assertEquals("0", again[0], again[1] + again[2]);
        assertTrue(again[1].startsWith("REPRODUCED"), again[1]);
        assertTrue(again[1].contains("reproduced: every oracle passed and"), again[1]);
        Path reproduced = Path.of(again[1].lines().findFirst().orElseThrow().substring(12).trim());
        assertTrue(Files.readString(reproduced.resolve("reproduction.md")).contains("| lkp25p3 walk p50 |"));

        String[] pack = run("package", original.toString(), "--id", "A0000000", "-o", tmp.toString());
        assertEquals("0", pack[0], pack[1] + pack[2]);
        String[] fromTar = run("reproduce", tmp.resolve("A0000000-lkp25-p3.tar.gz").toString());
        assertEquals("0", fromTar[0], fromTar[1] + fromTar[2]);
        assertTrue(fromTar[1].startsWith("REPRODUCED"), fromTar[1]);

        Path tampered = TestFiles.copyTree(original, tmp.resolve("tampered"));
        TestFiles.slowDownModuleWalk(tampered.resolve("raw/kmsg.txt"), 10);
        String[] cmp = run("compare", tampered.toString(), reproduced.toString());
        assertEquals("1", cmp[0], cmp[1] + cmp[2]);
        assertTrue(cmp[1].contains("NOT reproduced: lkp25p3 walk p50:"), cmp[1]);
    }
}
