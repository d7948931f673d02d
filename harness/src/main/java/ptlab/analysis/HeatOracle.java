package ptlab.analysis;

import ptlab.parse.AccessParams;

/**
 * The hot and warm regions the workload created must be clearly hotter than the cold rest:
 * each at least {@value #MIN_ACTIVE} accesses/s per page and at least {@value #FACTOR} times the cold mean.
 */
public final class HeatOracle {
    public static final String NAME = "heatmap regions where the workload put them";
    static final double MIN_ACTIVE = 0.5;
    static final double FACTOR = 4.0;

    private HeatOracle() {
    }

    public static OracleResult check(Heatmap h, AccessParams p) {
        Heatmap.Regions r = h.regions();
        String detail = Fmt.f("hot [0, %s) %s/s, warm [%s, %s) %s/s, cold [%s, %s) %s/s per page; %d complete report(s), %d incomplete, %d expected",
                Fmt.size(p.hotEnd()), Fmt.sig3(r.hot()), Fmt.size(p.warmStart()), Fmt.size(p.warmEnd()), Fmt.sig3(r.warm()),
                Fmt.size(p.warmEnd()), Fmt.size(p.size()), Fmt.sig3(r.cold()), h.complete(), h.incomplete(), h.expected());
        if (h.complete() == 0) {
            return OracleResult.fail(NAME, detail + "; no complete report");
        }
        double bar = Math.max(MIN_ACTIVE, FACTOR * r.cold());
        boolean ok = r.hot() >= bar && r.warm() >= bar;
        return OracleResult.of(NAME, ok, detail + Fmt.f("; threshold %s/s (max of %s and %s x cold)",
                Fmt.sig3(bar), Fmt.sig3(MIN_ACTIVE), Fmt.sig3(FACTOR)));
    }
}
