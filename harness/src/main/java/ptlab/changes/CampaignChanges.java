package ptlab.changes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ptlab.analysis.Fmt;
import ptlab.report.CellData;

/**
 * What changed since a baseline campaign: cells are matched by image name and an image's repetitions pooled.
 * For each image in both campaigns, its facts ({@link FactChanges#image}), its oracles, each quantity
 * ({@link Quantities}) and each component's build warnings; images in one campaign only are {@code added} or
 * {@code gone}. A quantity is called {@code changed} only when the bootstrap interval of its ratio excludes 1
 * and the medians are further apart than {@link ptlab.compare.Reproduction}'s tolerance for it.
 */
public final class CampaignChanges {
    private CampaignChanges() {
    }

    /**
     * The changes of {@code currentCampaign} since {@code baselineCampaign}; either may be a campaign folder or a
     * single run folder.
     */
    public static Changes between(Path baselineCampaign, Path currentCampaign) {
        return between(CampaignCells.read(baselineCampaign), CampaignCells.read(currentCampaign));
    }

    /** The changes of the run folders {@code current} (one campaign's cells, called {@code name}) since {@code baseline}. */
    public static Changes between(Path baseline, List<Path> current, Path name) {
        return between(CampaignCells.read(baseline), CampaignCells.of(name, current, List.of()));
    }

    private static Changes between(CampaignCells base, CampaignCells all) {
        // the reruns of a changed image (reruns.json) judge its changes; they are not its repetitions, on either side
        Split b = split(base);
        Split c = split(all);
        return Reruns.relabel(compare(b.first(), c.first()), c.reruns());
    }

    /** A campaign's cells without its reruns, and its reruns by image. */
    private record Split(CampaignCells first, Map<String, List<CellData>> reruns) {
    }

    private static Split split(CampaignCells all) {
        // reruns are listed by the campaign, or (cells gathered from several campaigns, as a nightly does) by each
        // cell's own
        Set<String> rerunIds = new java.util.HashSet<>();
        Set<Path> listings = new LinkedHashSet<>();
        listings.add(all.dir());
        all.byImage().values().forEach(cells -> cells.forEach(c -> listings.add(c.folder().dir().toAbsolutePath().getParent())));
        listings.stream().filter(java.util.Objects::nonNull).forEach(d -> Reruns.read(d).reruns().values()
                .forEach(rerunIds::addAll));
        Map<String, List<CellData>> reruns = new LinkedHashMap<>();
        Map<String, List<CellData>> first = new LinkedHashMap<>();
        all.byImage().forEach((image, cells) -> cells.forEach(c -> (rerunIds.contains(c.folder().dir().getFileName()
                .toString()) ? reruns : first).computeIfAbsent(image, k -> new ArrayList<>()).add(c)));
        return new Split(new CampaignCells(all.dir(), first, all.withoutResult()), reruns);
    }

    private static Changes compare(CampaignCells base, CampaignCells cur) {
        Path baselineCampaign = base.dir();
        Path currentCampaign = cur.dir();
        Set<String> images = new LinkedHashSet<>(base.byImage().keySet());
        images.addAll(cur.byImage().keySet());
        List<Change> changes = new ArrayList<>();
        for (String image : images) {
            List<CellData> b = base.byImage().get(image);
            List<CellData> c = cur.byImage().get(image);
            if (b == null || c == null) {
                List<CellData> there = b == null ? c : b;
                Change.Side side = Change.Side.fact(there.size() + " repetition(s)", there.size());
                changes.add(new Change(Change.Kind.CELLS, image, "cells", b == null ? null : side, c == null ? null : side,
                        null, null, b == null ? Label.ADDED : Label.GONE, null));
                continue;
            }
            changes.addAll(FactChanges.image(image, b, c));
            changes.addAll(FactChanges.oracles(image, b, c));
            changes.addAll(quantities(image, b, c));
            changes.addAll(FactChanges.warnings(image, b, c));
        }
        return new Changes(baselineCampaign.toString(), currentCampaign.toString(), changes, KernelPairs.of(cur.byImage()),
                base.withoutResult(), cur.withoutResult());
    }

    private static List<Change> quantities(String image, List<CellData> base, List<CellData> cur) {
        Map<String, Quantities.Values> b = Quantities.of(base);
        Map<String, Quantities.Values> c = Quantities.of(cur);
        Map<String, Quantities.Values> names = new LinkedHashMap<>(b);
        c.forEach(names::putIfAbsent);
        List<Change> out = new ArrayList<>();
        names.forEach((name, any) -> {
            Quantities.Values vb = b.get(name);
            Quantities.Values vc = c.get(name);
            Change.Side sb = vb == null ? null : side(Estimate.of(vb.array()));
            Change.Side sc = vc == null ? null : side(Estimate.of(vc.array()));
            if (vb == null || vc == null) {
                out.add(new Change(Change.Kind.QUANTITY, image, name, sb, sc, null, any.tolerance().text(),
                        vb == null ? Label.ADDED : Label.GONE, null));
                return;
            }
            Ratio r = Ratio.of(vb.array(), vc.array());
            boolean called = called(r, any.tolerance(), sb.estimate(), sc.estimate());
            out.add(new Change(Change.Kind.QUANTITY, image, name, sb, sc, r, any.tolerance().text(),
                    called ? Label.CHANGED : Label.UNCHANGED, null));
        });
        return out;
    }

    /** A real change: the ratio's interval excludes 1 and the medians are further apart than the tolerance. */
    static boolean called(Ratio r, Tolerance t, Estimate a, Estimate b) {
        return r.excludesOne() && t.beyond(a.median(), b.median());
    }

    /** A quantity's side: its estimate, shown as "median [low..high] (n=5)", or the value alone for one repetition. */
    static Change.Side side(Estimate e) {
        String text = e.n() == 1 ? Fmt.sig3(e.median()) + " (n=1)"
                : Fmt.sig3(e.median()) + " [" + Fmt.sig3(e.low()) + ".." + Fmt.sig3(e.high()) + "] (n=" + e.n() + ")";
        return new Change.Side(text, e, null, e.n());
    }
}
