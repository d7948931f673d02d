package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.cli.Main;
import ptlab.json.Json;

/**
 * Students' submissions in real bookworm guests (TCG here): the project's own solution packed as one
 * passes every judged oracle; broken copies end each part with the verdict their fault deserves, and
 * the other parts still run, each in a fresh guest.
 */
class SubmissionIT {
    @TempDir
    Path tmp;

    /** A small Part 2 spec: 16 MiB translated page by page, the VMA walk, a 5 s access run; 20 s limits. */
    private Path spec() throws Exception {
        Path spec = tmp.resolve("it-submission.yaml");
        Files.writeString(spec, String.join("\n", "experiment: it-submission", "author: {first: First, last: Last}",
                "images: [bookworm]", "vm: {memory_mib: 2048}", "workloads:", "  - kind: xlate", "    size: 16M",
                "  - kind: vma_dump", "  - kind: access", "    size: 64M", "    duration_s: 5", "    hot: 8M",
                "    warm_start: 8M", "    warm_end: 16M", "submission: {path: ., time_limit_s: 20}", ""));
        return spec;
    }

    /** The pagetable assignment: Part A on a 16 MiB buffer, 20 s limits. */
    private Path pagetableSpec() throws Exception {
        return spec("it-submission-pagetable", "  - kind: pagetable", "    size: 16M",
                "submission: {path: ., assignment: pagetable, time_limit_s: 20}");
    }

    /** Part 1 alone: 16 MiB allocated three ways, 30 s limits. */
    private Path part1Spec() throws Exception {
        return spec("it-submission-part1", "  - kind: pagemap", "    size: 16M", "submission: {path: ., time_limit_s: 30}");
    }

    /** A bookworm spec in a 2 GiB guest with these workload and submission lines. */
    private Path spec(String name, String... lines) throws Exception {
        Path spec = tmp.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n", "experiment: " + name, "author: {first: First, last: Last}",
                "images: [bookworm]", "vm: {memory_mib: 2048}", "workloads:", String.join("\n", lines), ""));
        return spec;
    }

    private record Run(int code, String out, Path folder) {
        JsonNode outcome(String part) throws Exception {
            return Json.tree(folder.resolve("raw/submission/" + part + "/outcome.json"));
        }

        Map<String, String> oracles() throws Exception {
            Map<String, String> m = new HashMap<>();
            for (JsonNode o : Json.tree(folder.resolve("oracles.json"))) {
                m.put(o.get("name").asText(), o.get("status").asText() + ": " + o.get("detail").asText());
            }
            return m;
        }
    }

    private Run run(Path submission) throws Exception {
        return run(spec(), submission);
    }

    private Run run(Path spec, Path submission) throws Exception {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("run", spec.toString(), "--submission", submission.toString());
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "QEMU left running");
        String line = out.toString().lines().filter(l -> l.contains("/results/")).findFirst().orElseThrow(
                () -> new AssertionError("no run folder in: " + out));
        return new Run(code, out.toString(), Path.of(line.substring(line.indexOf('/')).trim()));
    }

    @Test
    void theProjectsOwnSolutionPassesEveryJudgedOracle() throws Exception {
        Run r = run(BrokenSubmissions.own(tmp));
        assertEquals(0, r.code(), r.out());
        for (String part : List.of("translate", "vma", "access")) {
            assertEquals("RAN", r.outcome(part).get("verdict").asText(), part + ": " + r.outcome(part));
        }
        Map<String, String> o = r.oracles();
        for (String name : List.of("lkp25p3 found and built", "part2-memalloc found and built",
                "2.2 translate: PA logged for each VA written", "2.3 VMA walk of PID 1 == /proc/1/maps")) {
            assertTrue(o.get(name).startsWith("PASSED"), name + ": " + o.get(name));
        }
        assertTrue(o.get("2.2 translate: PA logged for each VA written").contains("EXACT 4096"), o.toString());
        assertEquals(4097, Files.readAllLines(r.folder().resolve("raw/submission/translate/truth.csv")).size());
    }

    /**
     * 2.4 with a module told its process by parameters (and refusing to load without): the harness starts memalloc,
     * finds its 1 GiB-class buffer, and loads the module with target_pid=its pid and buf_addr=in that buffer.
     */
    @Test
    void aModuleTakingThePidAsAParameterIsLoadedOnceMemallocRuns() throws Exception {
        Path spec = spec("it-submission-access", "  - kind: access", "    size: 64M", "    duration_s: 5", "    hot: 8M",
                "    warm_start: 8M", "    warm_end: 16M", "submission: {path: ., time_limit_s: 20}");
        Run r = run(spec, BrokenSubmissions.pidParameter(tmp));
        assertEquals("RAN", r.outcome("access").get("verdict").asText(), r.outcome("access") + "\n" + r.out());
        Map<String, String> status = new HashMap<>();
        Files.readAllLines(r.folder().resolve("raw/submission/access/insmod.status")).forEach(l -> status.put(
                l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertEquals("0", status.get("exit"), status.toString());
        String kmsg = Files.readString(r.folder().resolve("raw/submission/access/kmsg.txt"));
        assertTrue(kmsg.contains("loaded for target_pid=" + status.get("pid") + " buf_addr=" + status.get("buffer")),
                status + "\n" + kmsg.lines().filter(l -> l.contains("loaded for")).toList());
        assertTrue(Long.decode(status.get("buffer")) > 0, status.toString());
        assertTrue(r.oracles().get(ptlab.judge.AccessJudge.NAME).startsWith("PASSED"), r.oracles().toString());
    }

    /**
     * A Makefile that tries to reach outside its build, run through {@code harness run --submission}: the
     * host's files, processes and a listener on its 127.0.0.1 are as they were, the module still builds
     * (in the sandbox) and the parts run.
     */
    @Test
    void aHostileMakefileChangesNothingOnTheHost() throws Exception {
        Path keys = Path.of("/root/.ssh/authorized_keys");
        String before = Files.exists(keys) ? ptlab.files.Sha256.of(keys) : "absent";
        String shadow = ptlab.files.Sha256.of(Path.of("/etc/shadow"));
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(1);
            Run r = run(BrokenSubmissions.hostileMakefile(tmp, listener.getLocalPort()));
            assertThrows(java.net.SocketTimeoutException.class, listener::accept, "the build reached the host's listener");
            assertEquals(before, Files.exists(keys) ? ptlab.files.Sha256.of(keys) : "absent");
            assertEquals(shadow, ptlab.files.Sha256.of(Path.of("/etc/shadow")));
            assertTrue(!Files.exists(Path.of("/etc/ptlab-pwned")), "/etc written");
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 100007")),
                    "a process of the build outlived it");
            JsonNode module = Json.tree(r.folder().resolve("raw/submission/parts.json")).get("parts").get(2);
            assertEquals("BUILT", module.get("build").get("verdict").asText(), module.toString());
            assertEquals("native-sandbox", module.get("build").get("built_by").asText(), module.toString());
            String log = Files.readString(r.folder().resolve("raw/steps/build-submission-lkp25p3.log"));
            assertTrue(log.contains("/root/.ssh/authorized_keys") && log.contains("/etc/shadow"), log);
            assertEquals("RAN", r.outcome("translate").get("verdict").asText());
        }
    }

    /**
     * The own solution's Part 1 programs as a student's: memalloc run once per scheme with the long options
     * read from its sources, pagemap on it, every pair exact; a copy whose pagemap logs the PFN where the PA
     * goes fails with PFN for every present page.
     */
    @Test
    void theProjectsOwnPartOnePassesAndAPfnForAPaFails() throws Exception {
        Run r = run(part1Spec(), BrokenSubmissions.own(tmp));
        assertEquals("RAN", r.outcome("part1").get("verdict").asText(), r.outcome("part1").toString());
        String p1 = r.oracles().get("Part 1: VA->PA log == pagemap of the same process");
        assertTrue(p1.startsWith("PASSED: "), p1);
        assertTrue(p1.matches(".* of 3 run\\(s\\), .* WRONG 0, .*"), p1);
        for (String part : List.of("memalloc found and built", "pagemap found and built")) {
            assertTrue(r.oracles().get(part).startsWith("PASSED: BUILT"), part + ": " + r.oracles().get(part));
        }
        String status = Files.readString(r.folder().resolve("raw/submission/part1/driver.status"));
        assertTrue(status.contains("user=root\nruns=3\n") && status.contains("pagemap_form=--pid {pid} --range {start}:{len}"),
                status);
        assertEquals(0, r.code(), r.out());

        Run pfn = run(part1Spec(), BrokenSubmissions.pfnForPa(tmp));
        String bad = pfn.oracles().get("Part 1: VA->PA log == pagemap of the same process");
        assertTrue(bad.startsWith("FAILED: ") && bad.matches(".* EXACT 0, PAGE 0, PFN [1-9].*"), bad);
        assertEquals(1, pfn.code(), pfn.out());
    }

    /**
     * The project's pagetable module and getpfn as a student's answer: Part A's dump of a process the harness holds,
     * Part B's IOCTL_GET_PFN by value (the prober built against getpfn.c) and getpfn itself.
     */
    @Test
    void theProjectsPagetableModuleAndGetpfnPassPartsAAndB() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("pagetable-sub"));
        ptlab.files.Trees.copy(Path.of("kmod/pagetable"), sub.resolve("kmod/pagetable"));
        ptlab.files.Trees.copy(Path.of("kmod/common"), sub.resolve("kmod/common"));
        Files.createDirectories(sub.resolve("workloads"));
        for (String f : List.of("getpfn.c", "common.c", "common.h")) {
            Files.copy(Path.of("workloads", f), sub.resolve("workloads").resolve(f));
        }
        Run r = run(pagetableSpec(), sub);
        assertEquals("RAN", r.outcome("pagetable").get("verdict").asText(), r.outcome("pagetable").toString());
        Map<String, String> o = r.oracles();
        String a = o.get("pagetable A: VA->PA dump of a process == its pagemap");
        // a 16 MiB calloc spans 4097 pages (its header comes first)
        assertTrue(a.matches("PASSED: (409[67]) of the buffer's \\1 present pages logged right \\(100\\.0%\\), 0 logged as"
                + " a PFN, 0 wrong, 0 not logged.*"), a);
        assertTrue(o.get("pagetable found and built").startsWith("PASSED"), o.toString());
        assertTrue(o.get("pagetable-user found and built").startsWith("PASSED"), o.toString());
        String probe = o.get("pagetable B: the module's IOCTL_GET_PFN == pagemap's PFN");
        assertTrue(probe.matches("PASSED: (409[67]) of \\1 call\\(s\\) .* \\(100\\.0%\\), 0 a physical address, 0 failed, 0"
                + " wrong; argument by value.*"), probe);
        String user = o.get("pagetable B: the student's user program prints pagemap's PFN");
        assertTrue(user.startsWith("PASSED: 1 of 1 pair(s)"), user);
        assertEquals(0, r.code(), r.out());
    }

    /**
     * Another student's answer: its own pid parameter and ioctl magic, the VPN passed by pointer and overwritten
     * with the PFN, a dynamic major with no /dev node (the harness makes it with mknod), its own user program.
     */
    @Test
    void aPagetableAnswerWithItsOwnMagicAPointerAndNoDeviceNodePasses() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("pagetable-pointer"));
        ptlab.files.Trees.copy(Path.of("harness/src/test/resources/submissions/pagetable-pointer"), sub);
        Run r = run(pagetableSpec(), sub);
        Map<String, String> o = r.oracles();
        assertTrue(o.get("pagetable A: VA->PA dump of a process == its pagemap").startsWith("PASSED"), o.toString());
        String probe = o.get("pagetable B: the module's IOCTL_GET_PFN == pagemap's PFN");
        assertTrue(probe.matches("PASSED: (409[67]) of \\1 call\\(s\\) .*; argument by pointer.*"), probe);
        assertTrue(o.get("pagetable B: the student's user program prints pagemap's PFN").startsWith("PASSED: 1 of 1"), o.toString());
        String device = Files.readString(r.folder().resolve("raw/submission/pagetable/device.txt"));
        assertTrue(device.contains("device=/dev/pfn_dev created with mknod"), device);
        assertEquals(0, r.code(), r.out());
    }

    @Test
    void anOopsAFloodAndAProgramWaitingForEnterEachEndOnlyTheirPart() throws Exception {
        Run r = run(BrokenSubmissions.crashFloodEnter(tmp));
        JsonNode translate = r.outcome("translate");
        assertEquals("KERNEL_CRASH", translate.get("verdict").asText(), translate.toString());
        assertTrue(translate.get("evidence").asText().contains("NULL pointer dereference"), translate.toString());
        JsonNode vma = r.outcome("vma");
        assertEquals("LOG_FLOOD", vma.get("verdict").asText(), vma.toString());
        assertEquals("RAN", r.outcome("access").get("verdict").asText(), "the next guest runs normally");
        String status = Files.readString(r.folder().resolve("raw/submission/access/memalloc.status"));
        assertTrue(status.contains("exit=1\n") && status.contains("stdin=closed"), status);
        assertTrue(Files.readString(r.folder().resolve("raw/submission/access/memalloc.out"))
                .contains("press ENTER to start"));
        Map<String, String> o = r.oracles();
        assertTrue(o.get("2.2 translate: PA logged for each VA written").startsWith("FAILED: KERNEL_CRASH"), o.toString());
        assertTrue(o.get("2.3 VMA walk of PID 1 == /proc/1/maps").startsWith("FAILED: LOG_FLOOD"), o.toString());
        assertEquals(1, r.code(), "a failed oracle fails the run: " + r.out());
    }

    @Test
    void aWriteThatNeverReturnsIsATimeoutAndABuildThatFailsIsBuildFailed() throws Exception {
        Run hang = run(BrokenSubmissions.hang(tmp));
        JsonNode t = hang.outcome("translate");
        assertEquals("TIMEOUT", t.get("verdict").asText(), t.toString());
        assertEquals("RAN", hang.outcome("vma").get("verdict").asText());
        assertTrue(hang.oracles().get("2.3 VMA walk of PID 1 == /proc/1/maps").startsWith("PASSED"));

        Run broken = run(BrokenSubmissions.noBuild(tmp));
        JsonNode parts = Json.tree(broken.folder().resolve("raw/submission/parts.json"));
        JsonNode module = parts.get("parts").get(2);
        assertEquals("lkp25p3", module.get("part").asText());
        assertEquals("BUILD_FAILED", module.get("build").get("verdict").asText(), module.toString());
        assertTrue(module.get("build").get("excerpt").asText().contains("lkp_proc.c"), module.toString());
        for (String part : List.of("translate", "vma", "access")) {
            assertEquals("BUILD_FAILED", broken.outcome(part).get("verdict").asText(), part);
        }
        assertEquals(1, broken.code(), broken.out());
    }
}
