package ptlab.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ptlab.report.CellData;

/**
 * Within one campaign, every pair of images (kernels) compared on every quantity both measured: the ratio of B's
 * median to A's with its interval and effect size, called as a change is (interval excluding 1, beyond the
 * reproduction tolerance). What a kernel sweep reports.
 */
final class KernelPairs {
    private KernelPairs() {
    }

    static List<KernelPair> of(Map<String, List<CellData>> byImage) {
        List<String> images = List.copyOf(byImage.keySet());
        Map<String, Map<String, Quantities.Values>> q = new LinkedHashMap<>();
        images.forEach(i -> q.put(i, Quantities.of(byImage.get(i))));
        Map<String, Tolerance> names = new LinkedHashMap<>();
        q.values().forEach(m -> m.forEach((n, v) -> names.putIfAbsent(n, v.tolerance())));
        List<KernelPair> out = new ArrayList<>();
        names.forEach((name, tolerance) -> {
            for (int i = 0; i < images.size(); i++) {
                for (int j = i + 1; j < images.size(); j++) {
                    Quantities.Values a = q.get(images.get(i)).get(name);
                    Quantities.Values b = q.get(images.get(j)).get(name);
                    if (a == null || b == null) {
                        continue;
                    }
                    Estimate ea = Estimate.of(a.array());
                    Estimate eb = Estimate.of(b.array());
                    Ratio r = Ratio.of(a.array(), b.array());
                    out.add(new KernelPair(name, images.get(i), kernel(byImage.get(images.get(i))), ea, images.get(j),
                            kernel(byImage.get(images.get(j))), eb, r, CampaignChanges.called(r, tolerance, ea, eb)));
                }
            }
        });
        return out;
    }

    private static String kernel(List<CellData> cells) {
        return String.join(", ", cells.stream().map(c -> Objects.requireNonNullElse(c.manifest().guestKernel(), "?"))
                .distinct().toList());
    }
}
