package ptlab.analysis;

import ptlab.parse.KmsgLog;

/** The kmsg stream is complete when its sequence numbers have no gap. */
public final class KmsgLossOracle {
    public static final String NAME = "no kmsg record lost";

    private KmsgLossOracle() {
    }

    public static OracleResult check(KmsgLog log) {
        if (log.records().isEmpty()) {
            return OracleResult.fail(NAME, "kmsg.txt has no records");
        }
        StringBuilder d = new StringBuilder(Fmt.f("%s records, seq %d..%d, %s lost",
                Fmt.count(log.records().size()), log.firstSeq(), log.lastSeq(), Fmt.count(log.lost())));
        if (!log.gaps().isEmpty()) {
            d.append(" in ").append(log.gaps().size()).append(" gap(s); first after seq ")
                    .append(log.gaps().get(0).after()).append(" (kmsg.txt:").append(log.gaps().get(0).line()).append(')');
        }
        if (log.outOfOrder() > 0) {
            d.append("; ").append(log.outOfOrder()).append(" record(s) out of order");
        }
        return OracleResult.of(NAME, log.lost() == 0 && log.outOfOrder() == 0, d.toString());
    }
}
