package ptlab.render;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Fmt;
import ptlab.judge.Lines;
import ptlab.judge.StudentVma;
import ptlab.judge.VmaJudge;
import ptlab.parse.KmsgParser;
import ptlab.parse.MapsEntry;
import ptlab.parse.MapsParser;
import ptlab.parse.MarkedWindows;
import ptlab.report.Block;
import ptlab.report.Section;

/** Part 2.3 of a submission: the student's VMA walk of PID 1 beside /proc/1/maps before and after it. */
final class SubmissionVma {
    static final String TITLE = "Submission 2.3: VMA walk of PID 1";
    static final String PART = "vma";

    private SubmissionVma() {
    }

    static final SubmissionGate.Part SPEC = new SubmissionGate.Part(TITLE, PART, VmaJudge.NAME,
            List.of("kmsg.txt", "maps-before.txt", "maps-after.txt"), SubmissionVma::judged);

    /** Something that looks like a user address: 0x and 4 or more hex digits, or 8 to 16 bare hex digits. */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "(?i)0x[0-9a-f]{4,16}\\b|(?<![0-9a-z])[0-9a-f]{8,16}(?![0-9a-z])");

    /** The section of a part that ran, with every file there. */
    private static Section judged(RenderContext ctx) {
        List<MapsEntry> before = MapsParser.parseMaps(ctx.run.raw(SubmissionGate.file(PART, "maps-before.txt")));
        List<MapsEntry> after = MapsParser.parseMaps(ctx.run.raw(SubmissionGate.file(PART, "maps-after.txt")));
        List<MarkedWindows.Window> windows = MarkedWindows.between(KmsgParser.parse(ctx.run.raw(SubmissionGate.file(PART,
                "kmsg.txt"))), "ptlab: vma begin", "ptlab: vma end");
        List<MarkedWindows.Line> lines = windows.isEmpty() ? List.of() : windows.get(windows.size() - 1).lines();
        List<StudentVma> student = StudentVma.parse(lines);
        VmaJudge.Result r = VmaJudge.judge(before, after, student);
        // addresses printed in a form no reader knows: a person reads them, the student is not failed for the form
        boolean unread = student.isEmpty() && lines.stream().anyMatch(l -> ADDRESS.matcher(l.text()).find());
        ctx.oracle(windows.isEmpty() ? ptlab.analysis.OracleResult.fail(VmaJudge.NAME, "no 'ptlab: vma begin' marker in kmsg")
                : unread ? ptlab.analysis.OracleResult.needsReview(VmaJudge.NAME, r.oracle().detail()
                        + ", though the lines hold addresses: read them") : r.oracle());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(Fmt.f("%d line(s) between the markers%s. %s.", lines.size(),
                windows.size() > 1 ? Fmt.f(" (the last of %d windows)", windows.size()) : "", r.oracle().detail())));
        if (student.isEmpty() && !lines.isEmpty()) {
            blocks.add(new Block.Verbatim("The student's lines (no range recognised)", Lines.excerpt(lines, 20)));
        }
        if (!r.evidence().isEmpty()) {
            blocks.add(new Block.Verbatim("First problems, with the student's lines", String.join("\n", r.evidence())));
        }
        List<List<String>> rows = r.rows().stream().map(SubmissionVma::cells).toList();
        blocks.add(new Block.Table(List.of("maps range", "perms", "offset", "path", "student range", "perms", "offset", "file",
                "type", "status"), rows));
        ctx.dataset("submission-vma.csv", List.of("maps_range", "maps_perms", "maps_offset", "maps_path", "student_range",
                "student_perms", "student_offset", "student_file", "student_type", "status"),
                sink -> rows.forEach(row -> sink.row(row.toArray(String[]::new))));
        return new Section(TITLE, true, blocks);
    }

    private static List<String> cells(VmaJudge.Row row) {
        MapsEntry m = row.maps();
        StudentVma v = row.student();
        return List.of(m == null ? "" : Fmt.hex(m.start()) + "-" + Fmt.hex(m.end()), m == null ? "" : m.perms(),
                m == null ? "" : Fmt.hex(m.offset()), m == null ? "" : m.path(),
                v == null ? "" : Fmt.hex(v.start()) + "-" + Fmt.hex(v.end()), v == null ? "" : v.perms(),
                v == null || v.offset() < 0 ? "" : Fmt.hex(v.offset()), v == null || v.path() == null ? "" : v.path(),
                v == null ? "" : v.type(), row.status());
    }
}
