package ptlab.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assembles lkp25p3's {@code heat}, {@code heat_done}, {@code scan_start} and {@code scan_stop} lines. */
public final class HeatParser {
    private HeatParser() {
    }

    public static HeatLog parse(KmsgLog kmsg) {
        List<Session> sessions = new ArrayList<>();
        Session cur = null;
        for (KmsgLog.ModuleLine m : kmsg.module("lkp25p3")) {
            if (ModuleLineParser.isVerb(m, "scan_start")) {
                cur = new Session(ModuleLineParser.fields(kmsg.file(), m, "scan_start", null));
                sessions.add(cur);
            } else if (ModuleLineParser.isVerb(m, "scan_stop")) {
                if (cur == null) {
                    cur = new Session(KeyValues.parse("", 0));
                    sessions.add(cur);
                }
                cur.stop = ModuleLineParser.fields(kmsg.file(), m, "scan_stop", null);
            } else if (ModuleLineParser.isVerb(m, "heat")) {
                if (cur == null) {
                    cur = new Session(KeyValues.parse("", 0));
                    sessions.add(cur);
                }
                HeatPart p = part(kmsg, m);
                cur.parts.computeIfAbsent(p.seq(), k -> new ArrayList<>()).add(p);
            } else if (ModuleLineParser.isVerb(m, "heat_done")) {
                if (cur == null) {
                    cur = new Session(KeyValues.parse("", 0));
                    sessions.add(cur);
                }
                KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "heat_done", null);
                cur.done.put(ModuleLineParser.num(kmsg.file(), m, "heat_done", kv, "seq"), kv);
            }
        }
        Session use = null;
        for (Session s : sessions) {
            if (!s.parts.isEmpty()) {
                use = s;
            }
        }
        if (use == null) {
            return new HeatLog(List.of(), KeyValues.parse("", 0), KeyValues.parse("", 0), sessions.size());
        }
        List<HeatReport> reports = new ArrayList<>();
        for (Map.Entry<Long, List<HeatPart>> e : use.parts.entrySet()) {
            HeatPart first = e.getValue().get(0);
            long tMs = e.getValue().stream().mapToLong(HeatPart::tMs).min().orElse(first.tMs());
            reports.add(new HeatReport(e.getKey(), tMs, first.addr(), first.pages(), first.parts(), e.getValue(),
                    Optional.ofNullable(use.done.get(e.getKey()))));
        }
        return new HeatLog(reports, use.start, use.stop, sessions.size());
    }

    private static HeatPart part(KmsgLog kmsg, KmsgLog.ModuleLine m) {
        KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "heat", null);
        String part = ModuleLineParser.str(kmsg.file(), m, "heat", kv, "part");
        int slash = part.indexOf('/');
        int i;
        int k;
        try {
            i = (int) Num.dec(part, 0, slash < 0 ? 0 : slash);
            k = (int) Num.dec(part, slash + 1, part.length());
        } catch (NumberFormatException e) {
            throw ModuleLineParser.error(kmsg.file(), m, "heat.part", "expected <i>/<k>, got '" + part + "'");
        }
        long pages = ModuleLineParser.num(kmsg.file(), m, "heat", kv, "pages");
        long first = ModuleLineParser.num(kmsg.file(), m, "heat", kv, "first");
        if (pages > Integer.MAX_VALUE || first > pages || k < 1) {
            throw ModuleLineParser.error(kmsg.file(), m, "heat", "impossible pages/first/part values");
        }
        String rle = ModuleLineParser.str(kmsg.file(), m, "heat", kv, "rle");
        long length;
        try {
            length = Rle.length(rle);
        } catch (IllegalArgumentException e) {
            throw ModuleLineParser.error(kmsg.file(), m, "heat.rle", e.getMessage());
        }
        return new HeatPart(m.line(),
                ModuleLineParser.num(kmsg.file(), m, "heat", kv, "seq"),
                ModuleLineParser.num(kmsg.file(), m, "heat", kv, "t_ms"),
                ModuleLineParser.hex(kmsg.file(), m, "heat", kv, "addr"),
                (int) pages, i, k, (int) first, length, rle);
    }

    private static final class Session {
        final KeyValues start;
        KeyValues stop = KeyValues.parse("", 0);
        final Map<Long, List<HeatPart>> parts = new LinkedHashMap<>();
        final Map<Long, KeyValues> done = new LinkedHashMap<>();

        Session(KeyValues start) {
            this.start = start;
        }
    }
}
