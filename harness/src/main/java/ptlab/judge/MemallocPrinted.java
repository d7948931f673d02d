package ptlab.judge;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.analysis.Fmt;

/**
 * What the student's memalloc printed about its buffer, when it printed it as {@code key=value}: {@code base=},
 * {@code hot=} (or {@code hot_end=}), {@code warm_start=}, {@code warm_end=}, {@code duration_s=}; else its first
 * address. Regions outside the 1 GiB buffer or out of order are not taken: the seed's 256 MiB / 512 MiB stand.
 *
 * @param base        the buffer's first page (VA, 4 KiB aligned), or -1 when memalloc printed no address
 * @param baseNote    where {@code base} came from
 * @param hotEnd      end of the hot region, in bytes from the buffer start
 * @param warmStart   start of the warm region
 * @param warmEnd     end of the warm region
 * @param regionNote  whose regions these are
 * @param durationS   the {@code duration_s=} memalloc printed, or -1
 */
record MemallocPrinted(long base, String baseNote, long hotEnd, long warmStart, long warmEnd, String regionNote, long durationS) {
    private static final Pattern KEY = Pattern.compile("(?<![\\w])(base|hot|hot_end|warm_start|warm_end|duration_s)=(0x[0-9a-fA-F]{1,16}|\\d{1,18})(?![\\w.])");
    private static final Pattern FIRST_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{8,16}");

    /** The seed's hot [0, 256 MiB) and warm [256, 512 MiB). */
    static final long SEED_HOT_END = 256L << 20;
    static final long SEED_WARM_END = 512L << 20;

    static MemallocPrinted of(String out) {
        Map<String, Long> kv = new HashMap<>();
        Matcher m = KEY.matcher(out);
        while (m.find()) {
            String v = m.group(2);
            kv.putIfAbsent(m.group(1), v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v));
        }
        long base = -1;
        String baseNote = "";
        if (kv.containsKey("base")) {
            base = kv.get("base") & ~0xfffL;
            baseNote = "buffer start " + Fmt.hex(base) + " from memalloc's base=";
        } else {
            Matcher a = FIRST_ADDRESS.matcher(out);
            if (a.find()) {
                base = Long.parseUnsignedLong(a.group().substring(2), 16) & ~0xfffL;
                baseNote = "buffer start " + Fmt.hex(base) + " from the first address memalloc printed";
            }
        }
        long duration = kv.getOrDefault("duration_s", -1L);
        Long hot = kv.containsKey("hot_end") ? kv.get("hot_end") : kv.get("hot");
        Long ws = kv.get("warm_start");
        Long we = kv.get("warm_end");
        if (hot == null && ws == null && we == null) {
            return new MemallocPrinted(base, baseNote, SEED_HOT_END, SEED_HOT_END, SEED_WARM_END,
                    "the seed's regions: memalloc printed none", duration);
        }
        if (hot == null || ws == null || we == null || hot <= 0 || hot > AccessJudge.GIB || ws < 0 || we <= ws
                || we > AccessJudge.GIB) {
            return new MemallocPrinted(base, baseNote, SEED_HOT_END, SEED_HOT_END, SEED_WARM_END,
                    "the seed's regions: memalloc's hot=/warm_start=/warm_end= incomplete or outside the buffer", duration);
        }
        return new MemallocPrinted(base, baseNote, hot, ws, we, "regions as memalloc printed them", duration);
    }
}
