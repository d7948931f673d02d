package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.submission.Archives.Entry;
import ptlab.submission.Archives.Kind;

/** Each limit stops the reading as soon as it is crossed, in every format. */
class SafeUnpackLimitsTest {
    @TempDir
    Path tmp;

    private static final Pattern BOMB = Pattern.compile("expands more than (\\d+):1 \\(([\\d.]+) MiB from ([\\d.]+) (KiB|bytes) compressed\\)");

    private String refusal(Path archive, UnpackLimits limits) {
        HarnessException e = assertThrows(HarnessException.class, () -> new SafeUnpacker(limits).unpack(archive, tmp.resolve("out")));
        assertEquals(Outcome.USAGE_ERROR, e.outcome(), e.getMessage());
        return e.getMessage();
    }

    private List<Path> bothFormats(String name, List<Entry> entries) throws Exception {
        return List.of(Archives.tar(tmp.resolve(name + ".tar.gz"), true, entries), Archives.zip(tmp.resolve(name + ".zip"), entries));
    }

    @Test
    void theLimitsHaveTheirDocumentedDefaults() {
        assertEquals(new UnpackLimits(64L << 20, 2000, 16L << 20, 100), UnpackLimits.DEFAULTS);
        assertEquals("64 MiB", UnpackLimits.size(UnpackLimits.DEFAULT_MAX_TOTAL_BYTES));
        assertEquals("1.5 KiB", UnpackLimits.size(1536));
        assertThrows(IllegalArgumentException.class, () -> new UnpackLimits(1, 1, 1, 1));
    }

    @Test
    void tooManyEntries() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(Entry.file("f" + i + ".c", "int f" + i + ";\n"));
        }
        for (Path a : bothFormats("many", entries)) {
            String msg = refusal(a, new UnpackLimits(1 << 20, 5, 1 << 20, 100));
            assertTrue(msg.contains("entry 'f5.c': more than 5 entries"), msg);
        }
    }

    @Test
    void tooBigInTotal() throws Exception {
        String sixtyK = "x".repeat(60 * 1024);
        for (Path a : bothFormats("total", List.of(Entry.file("a.log", sixtyK), Entry.file("b.log", sixtyK)))) {
            String msg = refusal(a, new UnpackLimits(100 * 1024, 10, 1 << 20, 1000));
            assertTrue(msg.contains("entry 'b.log': unpacks past the 100 KiB limit for the whole submission"), msg);
        }
    }

    @Test
    void aSourceTooBigIsRefusedOnItsDeclaredSize() throws Exception {
        for (Path a : bothFormats("one", List.of(Entry.file("part2/lkp25p3.c", "y".repeat(20 * 1024))))) {
            String msg = refusal(a, new UnpackLimits(1 << 20, 10, 10 * 1024, 1000));
            assertTrue(msg.contains("entry 'part2/lkp25p3.c': declares 20 KiB, over the 10 KiB limit for one file"), msg);
        }
    }

    /** A captured log over the one-file limit (a Part 1 VA->PA log of 2 GiB) is left out, with a note; the rest unpacks. */
    @Test
    void aLogTooBigIsLeftOutNotRefused() throws Exception {
        for (Path a : bothFormats("log", List.of(Entry.file("ok.c", "int ok;\n"),
                Entry.file("logs/va2pa.txt", "0x7f 0x1000\n".repeat(2000))))) {
            Unpacked u = new SafeUnpacker(new UnpackLimits(1 << 20, 10, 10 * 1024, 1000)).unpack(a, tmp.resolve("out"));
            assertTrue(Files.isRegularFile(u.root().resolve("ok.c")));
            assertTrue(!Files.exists(u.root().resolve("logs/va2pa.txt")));
            assertTrue(u.notes().stream().anyMatch(n -> n.contains("left out") && n.contains("logs/va2pa.txt")), u.notes().toString());
            assertEquals(1, u.files());
        }
    }

    /** A .git folder of many objects neither counts toward the entry limit nor is written. */
    @Test
    void entriesUnderHiddenFoldersAreLeftOut() throws Exception {
        List<Entry> entries = new ArrayList<>(List.of(Entry.file("memalloc.c", "int main(void) { return 0; }\n")));
        for (int i = 0; i < 30; i++) {
            entries.add(Entry.file(".git/objects/" + i, "blob " + i + "\n"));
        }
        for (Path a : bothFormats("git", entries)) {
            Unpacked u = new SafeUnpacker(new UnpackLimits(1 << 20, 5, 1 << 20, 1000)).unpack(a, tmp.resolve("out"));
            assertTrue(Files.isRegularFile(u.root().resolve("memalloc.c")));
            assertTrue(!Files.exists(u.root().resolve(".git")), "hidden folders are not written");
            assertTrue(u.notes().stream().anyMatch(n -> n.startsWith("30 entries under hidden folders")), u.notes().toString());
        }
    }

    @Test
    void anArchiveLargerThanTheTotalLimitIsRefusedUnread() throws Exception {
        Path a = Archives.tar(tmp.resolve("big.tar"), false, List.of(Entry.file("a", "z".repeat(8192))));
        String msg = refusal(a, new UnpackLimits(4096, 10, 4096, 100));
        assertTrue(msg.matches(".*the archive is [\\d.]+ KiB, over the 4 KiB limit for the whole submission"), msg);
    }

    /**
     * 15 MiB of zeros (under the 16 MiB file limit, so only the ratio can stop it) deflate to about 15 KiB:
     * the reading stops once a MiB has come out. Larger bombs are refused on their declared size.
     */
    @Test
    void zipAndGzipBombsStopAfterAboutAMegabyte() throws Exception {
        for (Path a : bothFormats("bomb", List.of(Entry.file("README", "hi\n"), Entry.zeros("part2/kern.log", 15L << 20)))) {
            assertTrue(Files.size(a) < (100 << 10), a + " is " + Files.size(a));
            long t0 = System.nanoTime();
            String msg = refusal(a, UnpackLimits.DEFAULTS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Matcher m = BOMB.matcher(msg);
            assertTrue(m.find() && msg.contains("entry 'part2/kern.log'") && msg.endsWith("a zip bomb; stopped reading"), msg);
            assertEquals(100, Integer.parseInt(m.group(1)));
            double outMiB = Double.parseDouble(m.group(2));
            assertTrue(outMiB < 1.5, "read " + outMiB + " MiB before stopping: " + msg);
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    /** A 4 MiB file name comes as a pax header Commons Compress reads whole: the tar stream's cap stops it. */
    @Test
    void aBombInAPaxHeaderStopsAtTheStreamCap() throws Exception {
        Path a = Archives.paxName(tmp.resolve("pax.tar.gz"), 4 << 20);
        String msg = refusal(a, new UnpackLimits(1 << 20, 10, 1 << 20, 1000));
        assertEquals("refused pax.tar.gz: its tar stream, headers included, runs past 1.1 MiB (the total limit plus 8 KiB of"
                + " headers an entry)", msg);
    }

    @Test
    void ordinarySourcesAndPaddingAreNotABomb() throws Exception {
        // 1,500 tiny files: tar pads each to 1 KiB of mostly zeros, which gzip squeezes hard
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.of("src/", Kind.DIR, null));
        for (int i = 0; i < 1500; i++) {
            entries.add(Entry.file("src/f" + i + ".c", "int f" + i + "(void) { return " + i + "; }\n"));
        }
        Unpacked u = new SafeUnpacker().unpack(Archives.tar(tmp.resolve("many.tar.gz"), true, entries), tmp.resolve("out"));
        assertEquals(1500, u.files());
    }
}
