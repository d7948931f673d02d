package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.submission.Archives.Entry;
import ptlab.submission.Archives.Kind;

/** Archives that are fine unpack to the same tree whatever their format; every refusal names its entry. */
class SafeUnpackerTest {
    @TempDir
    Path tmp;

    private static final List<Entry> GOOD = List.of(
            Entry.of("1234-lkp25-p3/", Kind.DIR, null),
            Entry.file("1234-lkp25-p3/Makefile", "all:\n\t$(MAKE) -C part2\n"),
            Entry.file("1234-lkp25-p3/part2/lkp.c", "int x;\n"),
            new Entry("1234-lkp25-p3/run.sh", Kind.FILE, "#!/bin/sh\nmake\n", 0, 0755));

    /** Relative path to content of every regular file under {@code root}. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private Unpacked unpack(Path archive) {
        return new SafeUnpacker().unpack(archive, tmp.resolve("out"));
    }

    private HarnessException refused(Path archive, UnpackLimits limits) {
        HarnessException e = assertThrows(HarnessException.class, () -> new SafeUnpacker(limits).unpack(archive, tmp.resolve("out")));
        assertEquals(Outcome.USAGE_ERROR, e.outcome(), e.getMessage());
        assertTrue(e.getMessage().startsWith("refused " + archive.getFileName() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        try (Stream<Path> left = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of(), left.toList(), "a refusal leaves nothing behind");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
        return e;
    }

    private HarnessException refused(Path archive) {
        return refused(archive, UnpackLimits.DEFAULTS);
    }

    @Test
    void tarGzTarAndZipOfOneTreeUnpackAlikeIntoAPrivateFolder() throws Exception {
        Map<String, String> expected = Map.of("1234-lkp25-p3/Makefile", "all:\n\t$(MAKE) -C part2\n",
                "1234-lkp25-p3/part2/lkp.c", "int x;\n", "1234-lkp25-p3/run.sh", "#!/bin/sh\nmake\n");
        for (Path archive : List.of(Archives.tar(tmp.resolve("a.tar.gz"), true, GOOD), Archives.tar(tmp.resolve("a.tar"), false, GOOD),
                Archives.zip(tmp.resolve("a.zip"), GOOD))) {
            Unpacked u = unpack(archive);
            assertEquals(new TreeMap<>(expected), files(u.root()), archive.toString());
            assertEquals(3, u.files());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(u.root())));
            assertTrue(Files.isExecutable(u.root().resolve("1234-lkp25-p3/run.sh")), archive.toString());
            assertFalse(Files.isExecutable(u.root().resolve("1234-lkp25-p3/Makefile")), archive.toString());
            assertEquals(List.of(), u.notes(), archive.toString());
        }
    }

    @Test
    void whatTheBytesAreWinsOverTheName() throws Exception {
        // "tar cf 1234-lkp25-p3.tar.gz part1 part2": no gzip at all
        Unpacked u = unpack(Archives.tar(tmp.resolve("1234-lkp25-p3.tar.gz"), false, GOOD));
        assertEquals("tar", u.kind());
        assertEquals(List.of("read as a tar without compression, whatever its name says"), u.notes());
    }

    @Test
    void everyForbiddenEntryKindIsRefusedByName() throws Exception {
        record Case(String file, List<Entry> entries, String entry, String why) {
        }
        List<Case> cases = List.of(
                new Case("abs.tar.gz", List.of(Entry.file("/etc/cron.d/x", "x")), "/etc/cron.d/x", "it is an absolute path"),
                new Case("dotdot.tar.gz", List.of(Entry.file("part2/../../x", "x")), "part2/../../x", "'..' component"),
                new Case("symlink-out.tar.gz", List.of(Entry.of("part2/k", Kind.SYMLINK, "../../../root/.ssh")), "part2/k",
                        "symlink to '../../../root/.ssh' leaves the folder"),
                new Case("symlink-abs.tar.gz", List.of(Entry.of("shadow", Kind.SYMLINK, "/etc/shadow")), "shadow",
                        "symlink to '/etc/shadow' leaves the folder"),
                new Case("hardlink-out.tar.gz", List.of(Entry.of("h", Kind.HARDLINK, "../etc/passwd")), "h",
                        "hard link to '../etc/passwd' leaves the folder"),
                new Case("chr.tar.gz", List.of(Entry.of("null", Kind.CHARDEV, null)), "null", "is a device file"),
                new Case("blk.tar.gz", List.of(Entry.of("sda", Kind.BLOCKDEV, null)), "sda", "is a device file"),
                new Case("fifo.tar.gz", List.of(Entry.of("pipe", Kind.FIFO, null)), "pipe", "is a FIFO"),
                new Case("abs.zip", List.of(Entry.file("/tmp/x", "x")), "/tmp/x", "it is an absolute path"),
                new Case("dotdot.zip", List.of(Entry.file("../x", "x")), "../x", "'..' component"),
                // Windows zips separate with '\\': read as the folders they mean, so '..' is still '..'
                new Case("backslash.zip", List.of(Entry.file("part2\\..\\..\\x", "x")), "part2/../../x", "'..' component"),
                new Case("symlink-out.zip", List.of(Entry.of("l", Kind.SYMLINK, "../outside")), "l",
                        "symlink to '../outside' leaves the folder"),
                new Case("chr.zip", List.of(Entry.of("tty", Kind.CHARDEV, null)), "tty", "is a device file"),
                new Case("fifo.zip", List.of(Entry.of("p", Kind.FIFO, null)), "p", "is a FIFO"));
        for (Case c : cases) {
            // a good file first: the refusal must also remove what was already written
            List<Entry> entries = new java.util.ArrayList<>(List.of(Entry.file("ok.c", "int ok;\n")));
            entries.addAll(c.entries());
            Path archive = c.file().endsWith(".zip") ? Archives.zip(tmp.resolve(c.file()), entries)
                    : Archives.tar(tmp.resolve(c.file()), true, entries);
            String msg = refused(archive).getMessage();
            assertTrue(msg.contains("entry '" + c.entry() + "'") && msg.contains(c.why()), c.file() + ": " + msg);
        }
    }

    @Test
    void linksThatStayInsideBecomeCopiesAndDanglingOnesAreDropped() throws Exception {
        Path archive = Archives.tar(tmp.resolve("links.tar.gz"), true, List.of(
                Entry.file("part1/common.h", "#define X 1\n"),
                Entry.of("part2/common.h", Kind.SYMLINK, "../part1/common.h"),
                Entry.of("part2/again.h", Kind.SYMLINK, "common.h"),
                Entry.of("part2/hard.h", Kind.HARDLINK, "part1/common.h"),
                Entry.of("part2/gone.h", Kind.SYMLINK, "nothing.h")));
        Unpacked u = unpack(archive);
        for (String f : List.of("part2/common.h", "part2/again.h", "part2/hard.h")) {
            Path p = u.root().resolve(f);
            assertFalse(Files.isSymbolicLink(p), f);
            assertEquals("#define X 1\n", Files.readString(p, java.nio.charset.StandardCharsets.UTF_8), f);
        }
        assertFalse(Files.exists(u.root().resolve("part2/gone.h"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("symlink part2/common.h -> part1/common.h copied as a file",
                "symlink part2/again.h -> part1/common.h copied as a file",
                "hard link part2/hard.h -> part1/common.h copied as a file",
                "dropped symlink part2/gone.h -> part2/nothing.h: nothing in the submission is there"), u.notes());
    }

    @Test
    void aLoopOfLinksIsRefused() throws Exception {
        Path archive = Archives.tar(tmp.resolve("loop.tar.gz"), true, List.of(
                Entry.of("a", Kind.SYMLINK, "b"), Entry.of("b", Kind.SYMLINK, "a")));
        assertTrue(refused(archive).getMessage().contains("a loop of links"));
    }

    @Test
    void corruptOrUnknownArchivesGiveAMessage() throws Exception {
        Path good = Archives.tar(tmp.resolve("good.tar.gz"), true, GOOD);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(refused(truncated).getMessage().contains("it cannot be read"));
        Path text = Files.writeString(tmp.resolve("notes.tar.gz"), "this is not an archive\n");
        assertTrue(refused(text).getMessage().contains("it is not a .tar.gz, .tgz, .zip or tar archive (it starts with 74 68 69"));
        Path badZip = Files.write(tmp.resolve("bad.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6});
        assertTrue(refused(badZip).getMessage().contains("it cannot be read"), refused(badZip).getMessage());
        Path gzNotTar = tmp.resolve("plain.tgz");
        try (var gz = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(Files.newOutputStream(gzNotTar))) {
            gz.write("just text, gzip'd\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(refused(gzNotTar).getMessage().contains("what is inside is not a tar archive"));
        HarnessException none = assertThrows(HarnessException.class, () -> unpack(tmp.resolve("nowhere.zip")));
        assertEquals(Outcome.USAGE_ERROR, none.outcome());
    }
}
