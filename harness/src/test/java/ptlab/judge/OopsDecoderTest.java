package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.render.RenderPipeline;
import ptlab.testing.TestFiles;

/**
 * A real oops (SubmissionIT's module that dereferences NULL while translating, bookworm 6.1, TCG) decoded with the
 * module it came from (its debug information only, objcopy --only-keep-debug, gzipped in the fixture).
 */
class OopsDecoderTest {
    private static final Path FIXTURE = Path.of("harness/src/test/resources/fixtures/submission/crash-decoded");

    @TempDir
    Path tmp;

    private Path run() throws Exception {
        Path run = TestFiles.copyTree(FIXTURE, tmp.resolve("run"));
        Path gz = run.resolve("raw/submission/modules/lkp25p3.ko.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, run.resolve("raw/submission/modules/lkp25p3.ko"));
        }
        Files.delete(gz);
        return run;
    }

    @Test
    void theRipIsTheStudentsSourceLine() throws Exception {
        Path run = run();
        String oops = Files.readString(run.resolve("raw/submission/translate/outcome.json"));
        List<String> where = OopsDecoder.decode(oops, OopsDecoder.modules(run.resolve("raw/submission/modules")));
        assertEquals("lkp_xlate_line+0x103 [lkp25p3]: part2/lkp_xlate.c:94 (lkp_xlate_line)", where.get(0));
        assertTrue(where.stream().allMatch(w -> w.contains("[lkp25p3]")), "only the student's frames: " + where);
    }

    @Test
    void theReportShowsWhereTheCrashIs() throws Exception {
        Path run = run();
        RenderPipeline.render(run);
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("Where in the student's code") && md.contains("part2/lkp_xlate.c:94 (lkp_xlate_line)"), md);
    }

    @Test
    void framesOfOtherModulesOrAMissingFunctionAreSaid() throws Exception {
        Path run = run();
        Map<String, Path> mods = OopsDecoder.modules(run.resolve("raw/submission/modules"));
        assertEquals(List.of(), OopsDecoder.decode("RIP: 0010:ext4_map_blocks+0x1c/0x5d0 [ext4]", mods));
        assertEquals(List.of("nosuch+0x10 [lkp25p3]: not decoded (no function nosuch in lkp25p3.ko)"),
                OopsDecoder.decode(" nosuch+0x10/0x20 [lkp25p3]", mods));
    }

    @Test
    void theStudentsFeedbackSaysWhereTheCrashIs() throws Exception {
        Path run = run();
        RenderPipeline.render(run);
        ptlab.grade.Rubric r = ptlab.grade.Rubric.load(Path.of("experiments/rubrics/lkp25p3-quick.yaml")).rubric();
        String md = ptlab.grade.FeedbackProbe.markdown(r, run);
        assertTrue(md.contains("## Kernel crash in translate") && md.contains("- lkp_xlate_line+0x103 [lkp25p3]:"
                + " part2/lkp_xlate.c:94 (lkp_xlate_line)"), md);
    }
}
