package ptlab.parse;

import java.util.ArrayList;
import java.util.List;

/** Extracts the lkp25p3 {@code xlate ...} translations from kmsg. */
public final class XlateParser {
    private static final String VERB = "xlate";

    private XlateParser() {
    }

    public static List<XlateRecord> parse(KmsgLog kmsg) {
        List<XlateRecord> out = new ArrayList<>();
        for (KmsgLog.ModuleLine m : kmsg.module("lkp25p3")) {
            if (!ModuleLineParser.isVerb(m, VERB)) {
                continue;
            }
            KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, VERB, null);
            String err = kv.str("err", "");
            long va = ModuleLineParser.hex(kmsg.file(), m, VERB, kv, "va");
            long pa = err.isEmpty() || kv.has("pa") ? ModuleLineParser.hex(kmsg.file(), m, VERB, kv, "pa") : 0;
            long pfn = err.isEmpty() || kv.has("pfn") ? ModuleLineParser.hex(kmsg.file(), m, VERB, kv, "pfn") : 0;
            PageLevel level;
            try {
                level = err.isEmpty() || kv.has("level") ? PageLevel.parse(kv.str("level")) : PageLevel.NONE;
            } catch (IllegalArgumentException e) {
                throw ModuleLineParser.error(kmsg.file(), m, VERB + ".level", e.getMessage());
            }
            long lat = err.isEmpty() || kv.has("lat_ns") ? ModuleLineParser.num(kmsg.file(), m, VERB, kv, "lat_ns") : 0;
            long clk = kv.has("clk_ns") ? ModuleLineParser.num(kmsg.file(), m, VERB, kv, "clk_ns") : -1;
            out.add(new XlateRecord(m.line(), va, pa, pfn, level, lat, err, clk));
        }
        return out;
    }
}
