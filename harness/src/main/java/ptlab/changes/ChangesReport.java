package ptlab.changes;

import java.util.ArrayList;
import java.util.List;
import ptlab.analysis.Fmt;
import ptlab.junit.JUnitCases;
import ptlab.report.Block;
import ptlab.report.MarkdownReport;
import ptlab.report.Section;

/**
 * The changes for people and for CI: a report section "Changes since the baseline" (the called changes first,
 * then a compact table of everything compared, then the current campaign's kernels compared pairwise), as a
 * {@link Section} a report can include or as Markdown, and a JUnit suite with a test case per change.
 */
public final class ChangesReport {
    /** The section's title. */
    public static final String TITLE = "Changes since the baseline";
    static final String METHOD = "Each quantity is one value per repetition, shown as the median with its 95% bootstrap"
            + " percentile interval and the number of repetitions (latencies and scan times in ns, shares from 0 to 1, heatmap"
            + " means in accesses per second per page); the ratio is the current median over the baseline's,"
            + " with its interval, and Cliff's delta is the effect size (-1 to 1: the share of pairs of repetitions in"
            + " which the current value is larger, minus the share in which it is smaller). A quantity is called"
            + " changed only when the ratio's interval excludes 1 and the medians differ by more than the tolerance of"
            + " a reproduction; a single repetition on either side is never called a change on its own.";
    static final String LAYOUT = "Repetitions restored from one snapshot share their starting memory, so the"
            + " physical layout quantities (contiguous pairs, THP share) are not independent across repetitions and"
            + " their intervals are narrower than the kernel's variation. A spec can ask for cold boots to sample it:"
            + " with vm.cold_boots: N the first N repetitions of each image boot the kernel, and these quantities are"
            + " then taken from the booted repetitions alone (n says how many); vm.start: boot boots every one.";

    private ChangesReport() {
    }

    /** The section, for a campaign report. */
    public static Section section(Changes c) {
        List<Block> blocks = new ArrayList<>();
        List<Change> called = c.called();
        blocks.add(new Block.Paragraph("Baseline: " + c.baseline() + "; current: " + c.current() + ". " + called.size()
                + " change(s) called of " + c.changes().size() + " compared." + without("baseline", c.baselineWithoutResult())
                + without("current campaign", c.currentWithoutResult())));
        blocks.add(new Block.Paragraph(METHOD + " " + LAYOUT));
        List<String> header = List.of("image", "kind", "name", "baseline", "current", "ratio [95%]", "Cliff's delta",
                "reruns", "label");
        blocks.add(called.isEmpty() ? new Block.Paragraph("No change was called.")
                : new Block.Table(header, called.stream().map(ChangesReport::row).toList()));
        blocks.add(new Block.Paragraph("Everything compared:"));
        blocks.add(new Block.Table(header, c.changes().stream().map(ChangesReport::row).toList()));
        if (!c.kernelPairs().isEmpty()) {
            blocks.add(new Block.Paragraph("The current campaign's images compared pairwise (B over A):"));
            blocks.add(new Block.Table(List.of("quantity", "A", "B", "A median", "B median", "B/A [95%]", "Cliff's delta",
                    "called"), c.kernelPairs().stream().map(p -> List.of(p.quantity(), p.imageA() + " (" + p.kernelA()
                            + ")", p.imageB() + " (" + p.kernelB() + ")", CampaignChanges.side(p.a()).text(),
                            CampaignChanges.side(p.b()).text(), ratio(p.ratio()), Fmt.sig3(p.ratio().cliffsDelta()),
                            p.called() ? "**yes**" : "no")).toList()));
        }
        return new Section(TITLE, true, blocks);
    }

    /** The section as Markdown, from its {@code ##} heading on. */
    public static String markdown(Changes c) {
        return MarkdownReport.section(section(c));
    }

    /**
     * A JUnit testsuite with a case per change: a change that {@linkplain Change#fails() fails} is a failure, one
     * labelled {@code flaky} is skipped with its values as message, the others pass; each current cell without a
     * result is an error.
     */
    public static String junit(String name, Changes c) {
        List<JUnitCases.Case> cases = new ArrayList<>();
        for (Change ch : c.changes()) {
            JUnitCases.Result r = ch.fails() ? JUnitCases.Result.FAILED
                    : ch.label() == Label.FLAKY ? JUnitCases.Result.SKIPPED : JUnitCases.Result.PASSED;
            cases.add(new JUnitCases.Case(name + "." + ch.image() + "." + ch.kind().text(), ch.name(), r, message(ch)));
        }
        c.currentWithoutResult().forEach(w -> cases.add(new JUnitCases.Case(name + ".cells", w.split(":", 2)[0],
                JUnitCases.Result.ERROR, w)));
        return JUnitCases.suite(name, cases);
    }

    /** "pass-to-fail: 3 of 3 passed -> 1 of 3 passed", with the ratio for a quantity. */
    static String message(Change ch) {
        String m = ch.label().text() + ": " + text(ch.baseline()) + " -> " + text(ch.current());
        if (ch.ratio() != null) {
            m += ", ratio " + ratio(ch.ratio()) + ", Cliff's delta " + Fmt.sig3(ch.ratio().cliffsDelta());
        }
        m = ch.tolerance() == null ? m : m + " (tolerance " + ch.tolerance() + ")";
        return ch.rerun() == null ? m : m + "; reruns: " + ch.rerun().text();
    }

    private static List<String> row(Change ch) {
        return List.of(ch.image(), ch.kind().text(), ch.name(), text(ch.baseline()), text(ch.current()),
                ch.ratio() == null ? "" : ratio(ch.ratio()), ch.ratio() == null ? "" : Fmt.sig3(ch.ratio().cliffsDelta()),
                ch.rerun() == null ? "" : ch.rerun().text(), ch.called() ? "**" + ch.label().text() + "**" : ch.label().text());
    }

    private static String ratio(Ratio r) {
        return r.low() == r.high() ? Fmt.sig3(r.value()) + "x"
                : Fmt.sig3(r.value()) + "x [" + Fmt.sig3(r.low()) + ".." + Fmt.sig3(r.high()) + "]";
    }

    private static String text(Change.Side s) {
        return s == null ? "-" : s.text();
    }

    private static String without(String which, List<String> cells) {
        return cells.isEmpty() ? "" : " Cells of the " + which + " without a result, left out: " + String.join("; ", cells)
                + ".";
    }
}
