package ptlab.changes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.json.Json;
import ptlab.report.CellData;

/**
 * Is a change real? The cells of an image with a called change are run again (from the ready snapshot, as cells
 * of the same campaign), and each change of that image is relabelled by what the reruns measured:
 * <ul>
 * <li>an oracle that went from pass to fail: {@code regression} when it failed in every rerun, {@code flaky} when
 *     it passed in one;</li>
 * <li>from fail to pass: {@code fixed} when it passed in every rerun, else {@code flaky};</li>
 * <li>a quantity: {@code regression} when the reruns' median is again beyond the tolerance from the baseline's,
 *     the same way, and their interval excludes the baseline's median; else {@code flaky}.</li>
 * </ul>
 * The reruns are listed in the campaign folder's {@value #FILE} and left out of the current side.
 */
public final class Reruns {
    /** The campaign folder's list of rerun cells, by image. */
    public static final String FILE = "reruns.json";

    /** reruns.json: the run ids of each image's reruns. */
    public record Record(Map<String, List<String>> reruns) {
        public Record {
            reruns = reruns == null ? Map.of() : Map.copyOf(reruns);
        }
    }

    private Reruns() {
    }

    /** The images whose called changes reruns can check: oracles that flipped, quantities called changed. */
    public static Set<String> needed(Changes c) {
        Set<String> images = new LinkedHashSet<>();
        for (Change ch : c.changes()) {
            if (ch.kind() == Change.Kind.ORACLE && (ch.label() == Label.PASS_TO_FAIL || ch.label() == Label.FAIL_TO_PASS)
                    || ch.kind() == Change.Kind.QUANTITY && ch.label() == Label.CHANGED) {
                images.add(ch.image());
            }
        }
        return images;
    }

    public static void write(Path campaign, Record r) {
        Json.write(campaign.resolve(FILE), r);
    }

    /** The campaign's reruns; none when it has no {@value #FILE}. */
    public static Record read(Path campaign) {
        Path f = campaign.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new Record(Map.of());
        }
        try {
            return Json.read(f, Record.class);
        } catch (java.io.IOException e) {
            throw HarnessException.usage("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** {@code c} with each change of an image in {@code reruns} (its rerun cells) relabelled by them. */
    static Changes relabel(Changes c, Map<String, List<CellData>> reruns) {
        if (reruns.isEmpty()) {
            return c;
        }
        Map<String, Map<String, Quantities.Values>> quantities = new LinkedHashMap<>();
        reruns.forEach((image, cells) -> quantities.put(image, Quantities.of(cells)));
        List<Change> out = new ArrayList<>();
        for (Change ch : c.changes()) {
            List<CellData> cells = reruns.get(ch.image());
            out.add(cells == null || cells.isEmpty() ? ch : relabel(ch, cells, quantities.get(ch.image())));
        }
        return new Changes(c.baseline(), c.current(), out, c.kernelPairs(), c.baselineWithoutResult(),
                c.currentWithoutResult());
    }

    private static Change relabel(Change ch, List<CellData> cells, Map<String, Quantities.Values> values) {
        if (ch.kind() == Change.Kind.ORACLE && (ch.label() == Label.PASS_TO_FAIL || ch.label() == Label.FAIL_TO_PASS)) {
            Change.Side r = FactChanges.passes(cells, ch.name());
            boolean allFail = r.passed() == 0;
            boolean allPass = r.passed().equals(r.repetitions());
            Label l = ch.label() == Label.PASS_TO_FAIL ? (allFail ? Label.REGRESSION : Label.FLAKY)
                    : allPass ? Label.FIXED : Label.FLAKY;
            return ch.withRerun(r, l);
        }
        if (ch.kind() == Change.Kind.QUANTITY && ch.label() == Label.CHANGED) {
            Quantities.Values v = values.get(ch.name());
            if (v == null) {
                return ch.withRerun(Change.Side.fact("not measured by the reruns", cells.size()), Label.FLAKY);
            }
            Estimate e = Estimate.of(v.array());
            double base = ch.baseline().estimate().median();
            double now = ch.current().estimate().median();
            boolean sameWay = Math.signum(e.median() - base) == Math.signum(now - base);
            boolean clear = e.low() > base || e.high() < base;
            boolean held = sameWay && clear && v.tolerance().beyond(base, e.median());
            return ch.withRerun(CampaignChanges.side(e), held ? Label.REGRESSION : Label.FLAKY);
        }
        return ch;
    }
}
