package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.analysis.OracleResult;
import ptlab.files.TextEnds;
import ptlab.parse.StreamedWindow;

/**
 * A module that logs every page of the 1 GiB buffer every second: 20 reports of 262,144 lines (about 200 MiB of
 * kmsg, written to a temporary folder, never kept in the repository), judged by walking the file, never holding it.
 */
class AccessFloodTest {
    static final int REPORTS = 20;
    static final int PAGES = 262_144;

    @TempDir
    Path tmp;

    @Test
    void everyPageEverySecondIsJudgedWithoutHoldingTheLog() throws Exception {
        Path kmsg = tmp.resolve("kmsg.txt");
        try (BufferedWriter w = Files.newBufferedWriter(kmsg, StandardCharsets.UTF_8)) {
            long seq = 100;
            w.write("12," + seq++ + ",100000000,-;ptlab: access begin pid=1234 duration_s=20\n");
            for (int r = 0; r < REPORTS; r++) {
                long t = 101_000_000L + r * 1_000_000L;
                for (int i = 0; i < PAGES; i++) {
                    w.write("6," + seq++ + "," + (t + i / 2) + ",-;lkp25p3: page " + i + ": " + (i < PAGES / 2 ? 10 : 0) + "\n");
                }
            }
            w.write("12," + seq + ",121000000,-;ptlab: access end\n");
        }
        long started = System.nanoTime();
        StreamedWindow window = StreamedWindow.last(kmsg, "ptlab: access begin", "ptlab: access end");
        assertEquals((long) REPORTS * PAGES, window.lines());
        AccessJudge.Result r = AccessJudge.judge(window.begin(), window.end(), window, null,
                "access base=0x7f3a00000000 duration_s=20\n", "");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(REPORTS, r.heatmap().complete());
        assertTrue(r.oracle().detail().startsWith("5242880 of 5242880 line(s) read as page index with count; 20 report(s) in"
                + " the 21.0 s between the markers"), r.oracle().detail());
        assertTrue(seconds < 90, "judged in " + seconds + " s");
    }

    @Test
    void aHugeMemallocOutIsReadOnlyAtItsEnds() throws Exception {
        Path out = tmp.resolve("memalloc.out");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("access base=0x7f3a00000000 hot=268435456 warm_start=268435456 warm_end=536870912\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write("touched page " + i + " of the warm region\n");
            }
            w.write("access done\n");
        }
        TextEnds ends = TextEnds.read(out, 1 << 20);
        assertTrue(ends.cut());
        assertEquals(Files.size(out), ends.bytes());
        assertEquals(1 << 20, ends.head().length());
        assertTrue(ends.head().startsWith("access base=0x7f3a00000000 hot="));
        assertTrue(ends.tail().endsWith("access done\n"));
        assertEquals("regions as memalloc printed them", MemallocPrinted.of(ends.head()).regionNote());
    }
}
