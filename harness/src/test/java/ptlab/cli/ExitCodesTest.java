package ptlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.files.RepoRoot;

class ExitCodesTest {
    @Test
    void everyOutcomeHasItsOwnCode() {
        Set<Integer> codes = new HashSet<>();
        for (Outcome o : Outcome.values()) {
            assertTrue(codes.add(o.exitCode()), "duplicate exit code " + o.exitCode());
        }
        assertEquals(0, Outcome.PASS.exitCode());
    }

    @Test
    void exceptionsMapToOutcomes() {
        assertEquals(Outcome.KERNEL_CRASH, ExitCodes.outcomeOf(new HarnessException(Outcome.KERNEL_CRASH, "x")));
        assertEquals(Outcome.INFRA_ERROR, ExitCodes.outcomeOf(new RuntimeException(HarnessException.infra("ssh"))));
        assertEquals(Outcome.INTERRUPTED, ExitCodes.outcomeOf(new RuntimeException(new InterruptedException())));
        assertEquals(Outcome.INFRA_ERROR, ExitCodes.outcomeOf(new IllegalStateException("bug")));
    }

    /** picocli formats every help text with String.format: a bare % prints the raw text and a warning. */
    @Test
    void everyHelpTextFormats() throws Exception {
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        List<String> helped = new java.util.ArrayList<>();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(Main.newCommandLine()));
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                todo.addAll(cl.getSubcommands().values());
                cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                helped.add(cl.getCommandSpec().qualifiedName());
            }
        } finally {
            System.setErr(err);
        }
        assertTrue(helped.contains("harness compare") && helped.contains("harness task finish"), helped.toString());
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void badOptionIsAUsageError() {
        CommandLine cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("vm", "smoke", "--accel", "warp"));
    }

    @Test
    void unknownRecipeIsAUsageErrorWithoutStackTrace() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("image", "build", "no-such-suite"));
        // the message a spec's images entry gets too: one resolver for both
        assertEquals("USAGE_ERROR: no image recipe vm-images/no-such-suite.yaml under " + RepoRoot.find()
                + " (known: bookworm, bullseye, sid, trixie)", err.toString().strip(), "one line, no stack trace");
    }

    @Test
    void badRunOptionsAreUsageErrors() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/quick-part2.yaml", "--accel", "warp",
                "--dry-run"));
        assertTrue(err.toString().contains("expected auto, kvm or tcg"), err.toString());
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/quick-part2.yaml", "--jobs", "0"));
        assertEquals(Outcome.USAGE_ERROR.exitCode(), cl.execute("run", "experiments/no-such.yaml", "--dry-run"));
    }

    @Test
    void dryRunPrintsThePlanAndBootsNothing() throws Exception {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        Path results = Path.of("results/quick-part2");
        List<String> before = listing(results);
        // every process the command starts is a descendant of this JVM: a boot would show QEMU or vagrant
        Set<String> started = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread watch = new Thread(() -> {
            while (!done.get()) {
                ProcessHandle.current().descendants().forEach(p -> p.info().commandLine().ifPresent(started::add));
                Thread.onSpinWait();
            }
        });
        watch.start();
        int code;
        try {
            code = cl.execute("run", "experiments/quick-part2.yaml", "--dry-run");
        } finally {
            done.set(true);
            watch.join();
        }
        assertEquals(0, code, out.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +\\d+\\. build-lkp25p3 .*")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +\\d+\\. access .*")), out.toString());
        assertTrue(lines.contains("executor    local, 1 cell at a time; builds native where the host allows, else in"
                + " the guest"), out.toString());
        assertEquals(List.of(), started.stream().filter(c -> c.contains("qemu") || c.contains("vagrant")
                || c.contains("mmdebstrap")).toList(), "a dry run started a guest or an image build");
        assertEquals(before, listing(results), "a dry run wrote a run folder");
        assertEquals(0, ptlab.guest.Reaper.liveCount());
    }

    private static List<String> listing(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = Main.newCommandLine();
        for (String[] args : new String[][] {{"--help"}, {"image", "--help"}, {"image", "build", "--help"},
                {"vm", "smoke", "--help"}, {"vm", "shell", "--help"}, {"run", "--help"}, {"render", "--help"},
                {"package", "--help"}, {"image", "list", "--help"}, {"image", "show", "--help"}, {"resume", "--help"},
                {"cancel", "--help"}, {"task", "cell", "--help"}}) {
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(args), String.join(" ", args));
            String command = String.join(" ", java.util.Arrays.copyOf(args, args.length - 1));
            String first = out.toString().lines().findFirst().orElse("");
            assertTrue(first.startsWith("Usage: harness" + (command.isEmpty() ? " " : " " + command + " ")),
                    String.join(" ", args) + " printed: " + first);
            assertTrue(out.toString().contains("-h, --help"), out.toString());
        }
        StringWriter version = new StringWriter();
        cl.setOut(new PrintWriter(version));
        assertEquals(0, cl.execute("--version"));
        assertTrue(version.toString().strip().matches("harness \\S+"), version.toString());
    }
}
