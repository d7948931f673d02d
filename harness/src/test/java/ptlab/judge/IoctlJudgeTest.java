package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.analysis.OracleResult;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;

/** Part B of the pagetable assignment on captured trials: the prober's calls and the student's program's output. */
class IoctlJudgeTest {
    private static final Path DIR = Path.of("harness/src/test/resources/fixtures/submission/pagetable-b");

    private static PagemapTable truth(String kind, String name) {
        return PagemapCsvParser.parse(DIR.resolve(kind).resolve(name));
    }

    private static IoctlJudge.Result probe(String kind, List<String> csv, boolean pointer) {
        return IoctlJudge.probe(truth(kind, "truth-before.csv"), truth(kind, "truth.csv"), csv, pointer);
    }

    private static List<String> csv(String kind) throws IOException {
        return Files.readAllLines(DIR.resolve(kind).resolve("ioctl.csv"));
    }

    @Test
    void theReturnValueIsThePfnByValue() throws IOException {
        IoctlJudge.Result r = probe("value", csv("value"), false);
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(256, r.right());
        assertEquals(256, r.checked());
    }

    @Test
    void theArgumentCarriesThePfnBackByPointer() throws IOException {
        IoctlJudge.Result r = probe("pointer", csv("pointer"), true);
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertEquals(256, r.right());
        assertTrue(r.oracle().detail().endsWith("argument by pointer, as the student's program passes it"), r.oracle().detail());
    }

    /** The same calls answered with the page's physical address, and with ENOTTY (a command the module does not know). */
    @Test
    void aPhysicalAddressOrAFailedCallIsNamed() throws IOException {
        List<String> pa = csv("value").stream().map(l -> {
            String[] f = l.split(",");
            return f[0].startsWith("0x") ? String.join(",", f[0], Long.toString(Long.parseLong(f[1]) << 12), f[2], f[3], f[4]) : l;
        }).toList();
        IoctlJudge.Result r = probe("value", pa, false);
        assertEquals(OracleResult.Status.FAILED, r.oracle().status());
        assertEquals(256, r.asPa());
        assertTrue(r.evidence().get(0).endsWith("(a physical address, not the PFN)"), r.evidence().get(0));
        List<String> enotty = csv("value").stream().map(l -> l.startsWith("0x") ? l.split(",")[0] + ",-1,25,0x0,0x0" : l).toList();
        IoctlJudge.Result e = probe("value", enotty, false);
        assertEquals(256, e.errors());
        assertTrue(e.evidence().get(0).contains("errno 25 (ENOTTY: the module knows no such command)"), e.evidence().get(0));
    }

    @Test
    void aNoiseRowOrACallOutsideTheBufferIsNotCounted() throws IOException {
        List<String> rows = new java.util.ArrayList<>(csv("value"));
        rows.add("0x1,-1,2,0x0,0x0");
        rows.add("garbage");
        assertEquals(256, probe("value", rows, false).checked());
    }

    @Test
    void theStudentsProgramsPairsAreChecked() throws IOException {
        for (String kind : List.of("value", "pointer")) {
            IoctlJudge.Result r = IoctlJudge.user(truth(kind, "truth-before.csv"), truth(kind, "truth.csv"),
                    Files.readAllLines(DIR.resolve(kind).resolve("user-1.out")));
            assertEquals(OracleResult.Status.PASSED, r.oracle().status(), kind + ": " + r.oracle().detail());
            assertEquals(1, r.checked(), kind);
        }
    }

    /** The getpfn line with its PFN replaced by the PFN of the next page; and a program that prints no pair. */
    @Test
    void aWrongPairFailsAndNoPairNeedsReview() throws IOException {
        List<String> out = Files.readAllLines(DIR.resolve("value/user-1.out"));
        String[] f = out.get(1).split(",");
        f[2] = "0x" + Long.toHexString(Long.decode(f[2]) + 1);
        IoctlJudge.Result wrong = IoctlJudge.user(truth("value", "truth-before.csv"), truth("value", "truth.csv"),
                List.of(out.get(0), String.join(",", f)));
        assertEquals(OracleResult.Status.FAILED, wrong.oracle().status());
        assertEquals(1, wrong.wrong());
        IoctlJudge.Result none = IoctlJudge.user(truth("value", "truth-before.csv"), truth("value", "truth.csv"),
                List.of("usage: user <pid>", "done"));
        assertEquals(OracleResult.Status.NEEDS_REVIEW, none.oracle().status());
    }
}
