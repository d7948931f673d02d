package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;

/** How a part that ended is called: the flood line, the driver's limit, a crash, a hung guest; warnings per file. */
class SubmissionVerdictsTest {
    @TempDir
    Path raw;

    private void kmsg(int records) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(raw.resolve("kmsg.txt"))) {
            for (int i = 0; i < records; i++) {
                w.write("6," + i + "," + (1000L * i) + ",-;lkp25p3: line " + i + "\n");
            }
        }
    }

    @Test
    void aPartJustUnderTheFloodLineRanAndOneOverItFlooded() throws Exception {
        kmsg((int) SubmissionVerdicts.FLOOD_RECORDS);
        Files.writeString(raw.resolve("driver.status"), "proc=present\nexit=0\ntimed_out=0\nlimit_s=60\n");
        SubmissionVerdicts.PartOutcome ran = SubmissionVerdicts.ran("vma", raw, 0, true, "module unloaded");
        assertEquals("RAN", ran.verdict(), ran.toString());
        SubmissionVerdicts.PartOutcome flood = SubmissionVerdicts.ran("vma", raw, 1, true, "module unloaded");
        assertEquals("LOG_FLOOD", flood.verdict());
        assertTrue(flood.detail().startsWith("the kernel log was flooded: 100001 records during the part"), flood.detail());
        assertTrue(flood.evidence().endsWith("lkp25p3: line 99999"), flood.evidence());
    }

    /**
     * A slow reader keeps only the ring buffer's last records of a flood; the sequence numbers between the
     * part's markers still count every record the kernel logged.
     */
    @Test
    void theMarkersSequenceNumbersCountAFloodTheStreamDidNotKeep() throws Exception {
        Files.writeString(raw.resolve("kmsg.txt"), "6,10,1000,-;boot\n12,11,2000,-;" + SubmissionVerdicts.BEGIN + "vma\n"
                + "6,300000,3000,-;flood 299988\n6,300001,3001,-;flood 299989\n12,300013,4000,-;"
                + SubmissionVerdicts.END + "vma\n");
        Files.writeString(raw.resolve("driver.status"), "proc=present\nexit=0\ntimed_out=0\nlimit_s=60\n");
        SubmissionVerdicts.PartOutcome flood = SubmissionVerdicts.ran("vma", raw, 0, true, "module unloaded");
        assertEquals("LOG_FLOOD", flood.verdict(), flood.toString());
        assertTrue(flood.detail().startsWith("the kernel log was flooded: 300001 records during the part"), flood.detail());
        Files.writeString(raw.resolve("kmsg.txt"), "12,11,2000,-;" + SubmissionVerdicts.BEGIN + "vma\n"
                + "6,12,3000,-;vma 1\n12,13,4000,-;" + SubmissionVerdicts.END + "vma\n");
        assertEquals("RAN", SubmissionVerdicts.ran("vma", raw, 0, true, "module unloaded").verdict());
    }

    @Test
    void aDriverStoppedAtItsLimitIsATimeoutAndAMissingProcFileIsSaid() throws Exception {
        kmsg(10);
        Files.writeString(raw.resolve("driver.status"), "proc=present\nexit=137\ntimed_out=1\nlimit_s=20\n");
        SubmissionVerdicts.PartOutcome t = SubmissionVerdicts.ran("translate", raw, 0, true, "module unloaded");
        assertEquals("TIMEOUT", t.verdict());
        assertTrue(t.detail().contains("within 20 s"), t.detail());
        Files.writeString(raw.resolve("driver.status"), "proc=absent\n");
        SubmissionVerdicts.PartOutcome absent = SubmissionVerdicts.ran("translate", raw, 0, false, "module unloaded");
        assertEquals("RAN", absent.verdict());
        assertEquals("no /proc/lkp25p3 after insmod; module unloaded; the kernel log stream did not deliver its end"
                + " marker", absent.detail());
    }

    @Test
    void aCrashKeepsItsConsoleExcerptAndAGuestThatStoppedAnsweringIsATimeout() throws Exception {
        SubmissionVerdicts.PartOutcome crash = SubmissionVerdicts.failed("translate", new HarnessException(
                Outcome.KERNEL_CRASH, "guest kernel crashed while running: x: BUG: kernel NULL pointer dereference\n"
                + "--- console excerpt ---\nRIP: lkp_xlate"), raw);
        assertEquals("KERNEL_CRASH", crash.verdict());
        assertEquals("--- console excerpt ---\nRIP: lkp_xlate", crash.evidence());
        Files.writeString(raw.resolve("console.log"), "a\nb\nrcu: INFO: rcu_preempt detected stalls\n");
        SubmissionVerdicts.PartOutcome hung = SubmissionVerdicts.failed("vma",
                HarnessException.infra("remote command did not finish within 160 s"), raw);
        assertEquals("TIMEOUT", hung.verdict());
        assertTrue(hung.evidence().endsWith("detected stalls"), hung.evidence());
    }

    @Test
    void warningsAreCountedPerFileRelativeToTheSubmission() {
        String log = "/root/ptlab/src/submission/part2/lkp_proc.c:12:5: warning: unused variable 'x'\n"
                + "/root/ptlab/src/submission/part2/lkp_proc.c:40:1: warning: no previous prototype\n"
                + "part2/walk.c:7: warning: old-style\n  CC [M]  part2/walk.o\n";
        assertEquals(Map.of("part2/lkp_proc.c", 2L, "part2/walk.c", 1L), SubmissionVerdicts.byFile(log));
        SubmissionVerdicts.Build b = SubmissionVerdicts.Build.built("native-sandbox", log);
        assertEquals(3, b.warnings());
        assertTrue(b.excerpt().startsWith("/root/ptlab/src/submission/part2/lkp_proc.c:12:5: warning"), b.excerpt());
    }
}
