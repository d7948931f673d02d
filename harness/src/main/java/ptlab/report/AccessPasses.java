package ptlab.report;

import ptlab.analysis.Fmt;

/**
 * The access workload's own count of what it did (memalloc.out's access_done line).
 *
 * @param elapsedMs    how long it ran
 * @param hotPasses    passes over the hot region
 * @param warmPasses   passes over the warm region
 * @param warmLate     warm passes that ended after their next deadline
 * @param warmPeriodUs how often a warm pass was due, in µs; 0 when the line does not say
 */
public record AccessPasses(long elapsedMs, long hotPasses, long warmPasses, long warmLate, long warmPeriodUs) {
    /**
     * The workload's passes, for a caption: how often it read hot and warm, and how many warm passes overran
     * their period; empty when {@code a} is null or covers no time.
     */
    public static String sentence(AccessPasses a) {
        if (a == null || a.elapsedMs() <= 0) {
            return "";
        }
        double secs = a.elapsedMs() / 1000.0;
        StringBuilder s = new StringBuilder(Fmt.f("The workload made %s hot passes (%s/s) and %s warm passes (%s/s) in %s s",
                Fmt.count(a.hotPasses()), Fmt.sig3(a.hotPasses() / secs), Fmt.count(a.warmPasses()),
                Fmt.sig3(a.warmPasses() / secs), Fmt.sig3(secs)));
        if (a.warmPeriodUs() > 0) {
            s.append(Fmt.f("; a warm pass was due every %s µs, %s warm passes ended after their next deadline (warm_late)",
                    Fmt.count(a.warmPeriodUs()), Fmt.count(a.warmLate())));
            if (a.warmPasses() > 0 && a.warmLate() * 2 > a.warmPasses()) {
                s.append(Fmt.f(": most warm passes took longer than their period, about %s ms each",
                        Fmt.sig3(a.elapsedMs() / (double) a.warmPasses())));
            }
        }
        s.append(". ");
        return s.toString();
    }
}
