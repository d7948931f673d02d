package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;

/** A folder given as a submission is copied under the archive rules: no link is followed out of it. */
class SafeUnpackFolderTest {
    @TempDir
    Path tmp;

    private Path student() throws Exception {
        Path s = Files.createDirectories(tmp.resolve("student/part2"));
        Files.writeString(s.resolve("lkp.c"), "int lkp;\n");
        Files.writeString(tmp.resolve("student/Makefile"), "all:\n");
        return tmp.resolve("student");
    }

    private String refusal(Path folder) {
        HarnessException e = assertThrows(HarnessException.class, () -> new SafeUnpacker().unpack(folder, tmp.resolve("out")));
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        return e.getMessage();
    }

    @Test
    void filesAreCopiedAndInsideLinksBecomeFiles() throws Exception {
        Path s = student();
        Files.createSymbolicLink(s.resolve("part2/copy.c"), Path.of("lkp.c"));
        Files.createSymbolicLink(s.resolve("shared"), Path.of("part2"));
        Unpacked u = new SafeUnpacker().unpack(s, tmp.resolve("out"));
        assertEquals("folder", u.kind());
        assertEquals(Map.of("Makefile", "all:\n", "part2/lkp.c", "int lkp;\n", "part2/copy.c", "int lkp;\n"),
                SafeUnpackerTest.files(u.root()));
        assertFalse(Files.isSymbolicLink(u.root().resolve("part2/copy.c")));
        assertEquals(List.of("symlink part2/copy.c -> part2/lkp.c copied as a file",
                "dropped symlink shared -> part2: a folder is there"), u.notes());
    }

    @Test
    void aLinkOutOfTheFolderIsRefusedEvenWhenItsTargetIsMissing() throws Exception {
        Path s = student();
        Files.createSymbolicLink(s.resolve("part2/keys"), Path.of("/root/.ssh/authorized_keys"));
        String msg = refusal(s);
        assertTrue(msg.equals("refused student: entry 'part2/keys': symlink to '/root/.ssh/authorized_keys' leaves the folder"), msg);
    }

    @Test
    void aRelativeLinkClimbingOutIsRefused() throws Exception {
        Path s = student();
        Files.writeString(tmp.resolve("secret"), "x");
        Files.createSymbolicLink(s.resolve("part2/s"), Path.of("../../secret"));
        assertTrue(refusal(s).contains("entry 'part2/s': symlink to '../../secret' leaves the folder"));
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo not installed");
        Path s = student();
        Process p = new ProcessBuilder("/usr/bin/mkfifo", s.resolve("part2/pipe").toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        // opening a FIFO for reading would block forever: the refusal must come from its type alone
        assertTrue(refusal(s).contains("entry 'part2/pipe': is a device file, FIFO or socket"));
    }

    @Test
    void theLimitsHoldForFoldersToo() throws Exception {
        Path s = student();
        Files.writeString(s.resolve("big.c"), "z".repeat(5000));
        HarnessException e = assertThrows(HarnessException.class,
                () -> new SafeUnpacker(new UnpackLimits(1 << 20, 100, 4096, 100)).unpack(s, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("entry 'big.c': declares 4.9 KiB, over the 4 KiB limit for one file"), e.getMessage());
    }
}
