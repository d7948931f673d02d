package ptlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.files.Trees;

/** Planning a run of a student's submission: the parts found at planning become builds and trials. */
class SubmissionPlanTest {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path SPEC = REPO.resolve("experiments/quick-part2.yaml");
    static final Path SEED = Path.of("harness/src/test/resources/submissions/seed-layout").toAbsolutePath();

    static RunPlan plan(String submission, List<String> parts) {
        return RunPlanner.plan(SPEC, REPO, new Overrides(null, null, null, null, null, submission, parts),
                RunPlannerTest.CLOCK);
    }

    @Test
    void theSeedLayoutBecomesSandboxedBuildsAndOneTrialPerPart() {
        RunPlan p = plan(SEED.toString(), null);
        assertEquals(SEED.toString(), p.spec().submission().path());
        List<Step> steps = p.units().get(0).steps();
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "build-submission-lkp25p3",
                "build-submission-memalloc", "trial-translate", "trial-vma", "trial-access", "render"),
                steps.stream().map(Step::name).toList());
        Step.Build module = (Step.Build) steps.get(4);
        assertTrue(module.untrusted(), "a student's build is untrusted");
        assertTrue(module.make().startsWith("{ cd '/root/ptlab/src/submission/part2' && PWD='/root/ptlab/src/submission/part2'"
                + " make >/tmp/ptlab-make.log 2>&1;"), module.make());
        assertTrue(!((Step.Build) steps.get(2)).untrusted(), "the harness's own drivers are trusted");
        for (Step s : steps.subList(6, 9)) {
            Step.Trial t = (Step.Trial) s;
            assertEquals("/root/ptlab/src/submission/part2/lkp25p3.ko", t.module());
            assertNull(t.missing());
        }
        assertTrue(((Step.Trial) steps.get(8)).command().contains("'/root/ptlab/src/submission/part2/memalloc'"));
    }

    @Test
    void aMissingMemallocIsGradedMissingAndTheOtherPartsStillRun(@TempDir Path tmp) throws IOException {
        Path sub = tmp.resolve("sub");
        Trees.copy(SEED, sub);
        Files.delete(sub.resolve("part2/memalloc.c"));
        List<Step> steps = plan(sub.toString(), null).units().get(0).steps();
        assertTrue(steps.stream().noneMatch(s -> s.name().equals("build-submission-memalloc")));
        Step.Trial access = (Step.Trial) steps.stream().filter(s -> s.name().equals("trial-access")).findFirst()
                .orElseThrow();
        assertTrue(access.missing().startsWith("MISSING: Part 2 memalloc program"), access.missing());
        Step.Trial translate = (Step.Trial) steps.stream().filter(s -> s.name().equals("trial-translate")).findFirst()
                .orElseThrow();
        assertNull(translate.missing());
    }

    /** Two folders each with a complete module: the module's trials are not run, a person decides; memalloc builds. */
    @Test
    void anAmbiguousModuleIsNotRunAndTheOtherPartsStillAre(@TempDir Path tmp) throws IOException {
        Path sub = tmp.resolve("sub");
        Trees.copy(SEED, sub);
        for (String v : List.of("v1", "v2")) {
            Trees.copy(SEED.resolve("part2"), sub.resolve("part2/" + v));
            Files.delete(sub.resolve("part2/" + v + "/memalloc.c"));
        }
        Files.delete(sub.resolve("part2/lkp25p3.c"));
        Files.delete(sub.resolve("part2/Makefile"));
        List<Step> steps = plan(sub.toString(), null).units().get(0).steps();
        assertTrue(steps.stream().noneMatch(s -> s.name().equals("build-submission-lkp25p3")));
        assertTrue(steps.stream().anyMatch(s -> s.name().equals("build-submission-memalloc")));
        for (String trial : List.of("trial-translate", "trial-vma", "trial-access")) {
            Step.Trial t = (Step.Trial) steps.stream().filter(s -> s.name().equals(trial)).findFirst().orElseThrow();
            assertTrue(t.missing().startsWith("AMBIGUOUS: Part 2 kernel module") && t.missing().endsWith(
                    "settle it with --part lkp25p3=part2/v1/lkp25p3.c or --part lkp25p3=part2/v2/lkp25p3.c"), t.missing());
        }
    }

    /**
     * A memalloc binary handed in with the sources (here a script standing in for one built elsewhere) is not what
     * runs: the plan's build command, run on the host in a copy, rebuilds it from memalloc.c.
     */
    @Test
    void aProgramHandedInBuiltIsBuiltAfresh(@TempDir Path tmp) throws Exception {
        Path sub = tmp.resolve("sub");
        Trees.copy(SEED, sub);
        Path stale = sub.resolve("part2/memalloc");
        Files.writeString(stale, "#!/bin/sh\necho built elsewhere\n");
        Files.setPosixFilePermissions(stale, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Step.Build memalloc = (Step.Build) plan(sub.toString(), null).units().get(0).steps().stream()
                .filter(s -> s.name().equals("build-submission-memalloc")).findFirst().orElseThrow();
        Process p = new ProcessBuilder("sh", "-c", memalloc.make().replace(SubmissionSteps.DIR, sub.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(stale), 4);
        assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1), out);
    }

    /**
     * The module's build command, on the host with a stand-in make: a Makefile kbuild alone can read ("No targets")
     * gets kbuild on the folder; one whose compiler failed does not get a second try.
     */
    @Test
    void aModuleMakeLeftUnbuiltGetsKbuildOnItsFolder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("part2"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path make = bin.resolve("make");
        Files.writeString(make, """
                #!/bin/sh
                case "$*" in
                -C*M=*modules) touch "${3#M=}/lkp25p3.ko"; echo "kbuild $*" ;;
                *) cat "$STUDENT"; exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(make, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String cmd = SubmissionSteps.moduleMake(dir.toString(), dir.toString(), "lkp25p3");

        Files.writeString(tmp.resolve("student"), "make: *** No targets.  Stop.\n");
        String out = sh(cmd, bin, tmp, 0);
        assertTrue(out.contains("ptlab: make left no lkp25p3.ko; kbuild on " + dir) && out.contains("kbuild -C /lib/modules/"),
                out);
        assertTrue(Files.exists(dir.resolve("lkp25p3.ko")));

        Files.delete(dir.resolve("lkp25p3.ko"));
        Files.writeString(tmp.resolve("student"), "lkp25p3.c:12:5: error: expected ';'\n");
        out = sh(cmd, bin, tmp, 2);
        assertFalse(out.contains("kbuild"), out);
    }

    private static String sh(String cmd, Path bin, Path tmp, int status) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("STUDENT", tmp.resolve("student").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(status, p.waitFor(), out);
        return out;
    }

    @Test
    void badSubmissionOptionsAreUsageErrorsNamingTheOption() {
        HarnessException none = assertThrows(HarnessException.class, () -> plan("no/such/file.tar.gz", null));
        assertEquals(Outcome.USAGE_ERROR, none.outcome());
        assertTrue(none.getMessage().startsWith("--submission no/such/file.tar.gz: no such file or folder"),
                none.getMessage());
        HarnessException alone = assertThrows(HarnessException.class, () -> RunPlanner.plan(SPEC, REPO,
                new Overrides(null, null, null, null, null, null, List.of("lkp25p3=part2")), RunPlannerTest.CLOCK));
        assertTrue(alone.getMessage().contains("give --submission PATH too"), alone.getMessage());
        HarnessException unknown = assertThrows(HarnessException.class,
                () -> plan(SEED.toString(), List.of("kernel=part2")));
        assertTrue(unknown.getMessage().contains("no part named 'kernel'"), unknown.getMessage());
    }

    @Test
    void thePagetableAssignmentLoadsTheModuleWithItsOwnPidParameter(@TempDir Path tmp) throws IOException {
        Path sub = tmp.resolve("sub");
        Trees.copy(REPO.resolve("harness/src/test/resources/submissions/pagetable"), sub);
        Path spec = tmp.resolve("pt.yaml");
        Files.writeString(spec, "experiment: pt\nauthor: {first: A, last: B}\nworkloads:\n  - kind: pagetable\n"
                + "submission: {path: sub, assignment: pagetable, time_limit_s: 30}\n");
        List<Step> steps = RunPlanner.plan(spec, REPO, Overrides.NONE, RunPlannerTest.CLOCK).units().get(0).steps();
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "build-submission-pagetable",
                "build-submission-pagetable-user", "trial-pagetable", "render"), steps.stream().map(Step::name).toList());
        Step.Trial t = (Step.Trial) steps.get(6);
        assertNull(t.module(), "the driver loads the module itself, with the pid");
        // Part B: the user program, the source its call is in, the command, by pointer (&vpn), the header's device
        assertEquals("sh /root/ptlab/src/workloads/scripts/sub-pagetable.sh '/root/ptlab/src/submission/ptwalk.ko'"
                + " 'process_id' '67108864' '30' '/root/ptlab/src/submission/user' '/root/ptlab/src/submission/user.c'"
                + " 'IOCTL_GET_PFN' 'pointer' '/dev/ptwalker'", t.command());
        assertTrue(t.description().contains("IOCTL_GET_PFN, by pointer"), t.description());
    }

    /** A spec with Part 1's workload: the student's two programs built sandboxed, then a trial-part1 first. */
    @Test
    void partOneBuildsBothProgramsAndRunsThemAsTheirSourcesSay(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("p1.yaml");
        Files.writeString(spec, "experiment: p1\nauthor: {first: A, last: B}\nvm: {memory_mib: 2048}\nworkloads:\n"
                + "  - kind: pagemap\n    size: 64M\n  - kind: xlate\n    size: 16M\nsubmission: {path: " + SEED + ", time_limit_s: 30}\n");
        List<Step> steps = RunPlanner.plan(spec, REPO, Overrides.NONE, RunPlannerTest.CLOCK).units().get(0).steps();
        assertEquals(List.of("boot", "upload-sources", "build-workloads", "guest-info", "build-submission-lkp25p3",
                "build-submission-memalloc", "build-submission-part1-memalloc", "build-submission-pagemap", "trial-part1",
                "trial-translate", "render"), steps.stream().map(Step::name).toList());
        Step.Build memalloc = (Step.Build) steps.get(6);
        assertTrue(memalloc.untrusted());
        assertEquals("submission-part1-memalloc", memalloc.component());
        assertTrue(memalloc.make().contains("gcc -O2 -pthread -o 'memalloc' 'memalloc.c'"), memalloc.make());
        Step.Trial t = (Step.Trial) steps.get(8);
        assertNull(t.module());
        assertNull(t.missing());
        assertTrue(t.command().startsWith("sh /root/ptlab/src/workloads/scripts/sub-part1.sh '/root/ptlab/src/submission/part1/"
                + "memalloc' '/root/ptlab/src/submission/part1/pagemap' '30' '0|1|2' '{pid} {start} {end}|"), t.command());
        assertTrue(t.description().contains("argv[1] read as a number"), t.description());
        assertEquals(30 * 3 + 2 * 30 + 120, t.timeoutS());
    }

    @Test
    void withoutPartOnesWorkloadNothingOfPartOneRuns() {
        List<Step> steps = plan(SEED.toString(), null).units().get(0).steps();
        assertTrue(steps.stream().noneMatch(s -> s.name().contains("part1") || s.name().contains("pagemap")));
    }

    @Test
    void aPartOverrideGoesIntoThePlan() {
        RunPlan p = plan(SEED.toString(), List.of("lkp25p3=part2"));
        assertEquals(java.util.Map.of("lkp25p3", "part2"), p.spec().submission().parts());
    }
}
