package ptlab.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.analysis.OracleResult;
import ptlab.judge.IoctlJudge;
import ptlab.judge.Lines;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;
import ptlab.report.Block;
import ptlab.report.Section;

/**
 * The pagetable assignment's Part B of a submission: the module's ioctl asked by the harness's prober, and the
 * student's own user program, both about the buffer of the process the harness holds (raw/submission/pagetable/).
 */
final class SubmissionIoctl {
    static final String PROBE_TITLE = "Submission pagetable B: the module's ioctl";
    static final String USER_TITLE = "Submission pagetable B: the student's user program";
    private static final List<String> TRUTH = List.of("truth-before.csv", "truth.csv");
    private static final int MAX_ATTEMPTS = 4;
    private static final long MAX_OUTPUT = 1 << 20;

    /** The user program's part in parts.json. */
    private static final String USER_PART = ptlab.submission.Part.PAGETABLE_USER.id();

    private SubmissionIoctl() {
    }

    static final SubmissionGate.Part PROBE = new SubmissionGate.Part(PROBE_TITLE, SubmissionPagetable.PART, IoctlJudge.PROBE,
            TRUTH, SubmissionIoctl::probe);
    static final SubmissionGate.Part USER = new SubmissionGate.Part(USER_TITLE, SubmissionPagetable.PART, IoctlJudge.USER,
            TRUTH, SubmissionIoctl::user);

    private static Section probe(RenderContext ctx) {
        String device = text(ctx, "device.txt");
        List<Block> blocks = new ArrayList<>();
        if (!ctx.run.exists(file("ioctl.csv"))) {
            Optional<String> ambiguous = SubmissionGate.ambiguous(ctx, USER_PART);
            String why = ambiguous.map(a -> "the user program to take the ioctl's command from is " + a)
                    .orElse(device.isEmpty() ? "the module did not load, or the submission has no user program to take"
                    + " the ioctl's command from" : "the prober did not run: " + oneLine(device));
            ctx.oracle(ambiguous.isPresent() ? OracleResult.needsReview(IoctlJudge.PROBE, why)
                    : OracleResult.fail(IoctlJudge.PROBE, why));
            blocks.add(new Block.Paragraph(why + "."));
            String build = text(ctx, "probe-build.txt");
            if (!build.isBlank()) {
                blocks.add(new Block.Verbatim("The prober's compiler output (it includes the student's source)", Lines.tail(build, 30)));
            }
            return new Section(PROBE_TITLE, true, blocks);
        }
        boolean pointer = device.lines().anyMatch(l -> l.equals("convention=pointer"));
        IoctlJudge.Result r = IoctlJudge.probe(truth(ctx, "truth-before.csv"), truth(ctx, "truth.csv"),
                text(ctx, "ioctl.csv").lines().toList(), pointer);
        ctx.oracle(r.oracle());
        blocks.add(new Block.Paragraph("The harness compiled its prober against the student's own source, so their header"
                + " gives the command's number, and called it as their program does. " + r.oracle().detail() + "."));
        blocks.add(new Block.Verbatim("How the device was found", device.strip()));
        if (!r.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First wrong answers", String.join("\n", r.evidence())));
        }
        return new Section(PROBE_TITLE, true, blocks);
    }

    private static Section user(RenderContext ctx) {
        List<String> lines = new ArrayList<>();
        StringBuilder shown = new StringBuilder();
        for (int n = 1; n <= MAX_ATTEMPTS && ctx.run.exists(file("user-" + n + ".out")); n++) {
            String out = text(ctx, "user-" + n + ".out");
            lines.addAll(out.lines().toList());
            shown.append("$ <program> ").append(text(ctx, "user-" + n + ".args").strip()).append("   (")
                    .append(text(ctx, "user-" + n + ".status").strip()).append(")\n").append(head(out, 8)).append('\n');
        }
        List<Block> blocks = new ArrayList<>();
        if (shown.isEmpty()) {
            String device = text(ctx, "device.txt");
            Optional<String> ambiguous = SubmissionGate.ambiguous(ctx, USER_PART);
            String why = ambiguous.map(a -> "the student's user program is " + a).orElse(device.contains(
                    "user_program=absent") ? "the student's user program was not built"
                    : "the student's user program did not run (the module did not load?)");
            ctx.oracle(ambiguous.isPresent() ? OracleResult.needsReview(IoctlJudge.USER, why)
                    : OracleResult.fail(IoctlJudge.USER, why));
            blocks.add(new Block.Paragraph(why + "."));
            return new Section(USER_TITLE, true, blocks);
        }
        IoctlJudge.Result r = IoctlJudge.user(truth(ctx, "truth-before.csv"), truth(ctx, "truth.csv"), lines);
        ctx.oracle(r.oracle());
        blocks.add(new Block.Paragraph("The student's program ran with the module loaded, stdin giving three VPNs of the"
                + " buffer, each way below in turn until one printed the VPN it was given. " + r.oracle().detail() + "."));
        if (!r.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First wrong pairs", String.join("\n", r.evidence())));
        }
        blocks.add(new Block.Verbatim("What the program printed, each way it was run", shown.toString().strip()));
        return new Section(USER_TITLE, true, blocks);
    }

    private static String file(String name) {
        return SubmissionGate.file(SubmissionPagetable.PART, name);
    }

    private static PagemapTable truth(RenderContext ctx, String name) {
        return PagemapCsvParser.parse(ctx.run.raw(file(name)));
    }

    /** A file of the part as text, at most 1 MiB of it (the student's program's output is capped there too). */
    private static String text(RenderContext ctx, String name) {
        if (!ctx.run.exists(file(name))) {
            return "";
        }
        Path p = ctx.run.raw(file(name));
        try (var in = Files.newInputStream(p)) {
            return new String(in.readNBytes((int) MAX_OUTPUT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw HarnessException.infra("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String head(String s, int n) {
        List<String> l = s.lines().toList();
        List<String> cut = l.subList(0, Math.min(n, l.size())).stream().map(Lines::cut).toList();
        return String.join("\n", cut) + (l.size() > n ? "\n... " + (l.size() - n) + " more line(s)" : "");
    }

    private static String oneLine(String s) {
        return String.join("; ", s.strip().lines().toList());
    }
}
