package ptlab.parse;

import java.nio.file.Path;

/**
 * raw/access/params.txt: what the access workload was told to do. Sizes and offsets in bytes,
 * relative to the start of the buffer.
 */
public record AccessParams(long size, long hotEnd, long warmStart, long warmEnd, long durationS, long scanPeriodMs,
        long reportMs, String thp) {

    public static AccessParams parse(Path file) {
        KeyValueFile kv = KeyValueFile.parse(file);
        AccessParams p = new AccessParams(kv.num("size"), kv.num("hot_end"), kv.num("warm_start"), kv.num("warm_end"),
                kv.num("duration_s"), kv.num("scan_period_ms"), kv.num("report_ms"), kv.str("thp"));
        if (p.size <= 0 || p.hotEnd <= 0 || p.hotEnd > p.size) {
            throw kv.error("hot_end", "must be in (0, size]");
        }
        if (p.warmStart < 0 || p.warmEnd <= p.warmStart || p.warmEnd > p.size) {
            throw kv.error("warm_end", "need 0 <= warm_start < warm_end <= size");
        }
        if (p.reportMs <= 0 || p.scanPeriodMs <= 0) {
            throw kv.error("report_ms", "report_ms and scan_period_ms must be positive");
        }
        return p;
    }
}
