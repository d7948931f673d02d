package ptlab.parse;

import java.util.ArrayList;
import java.util.List;

/** Extracts the pagetable module's mapping dumps from kmsg. */
public final class PagetableDumpParser {
    private PagetableDumpParser() {
    }

    public static PagetableDump parse(KmsgLog kmsg) {
        List<PagetableDump.Dump> complete = new ArrayList<>();
        int incomplete = 0;
        List<PagetableDump.Run> runs = null;
        long pid = -1;
        String comm = "";
        int beginLine = 0;
        for (KmsgLog.ModuleLine m : kmsg.module("pagetable")) {
            String b = m.body();
            if (b.startsWith("dump begin")) {
                KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "dump begin", "comm");
                if (runs != null) {
                    incomplete++;
                }
                runs = new ArrayList<>();
                pid = ModuleLineParser.num(kmsg.file(), m, "dump", kv, "pid");
                comm = kv.str("comm", "");
                beginLine = m.line();
            } else if (b.startsWith("dump end")) {
                KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "dump end", null);
                long nRuns = ModuleLineParser.num(kmsg.file(), m, "dump", kv, "runs");
                long pages = ModuleLineParser.num(kmsg.file(), m, "dump", kv, "pages");
                long vmas = ModuleLineParser.num(kmsg.file(), m, "dump", kv, "vmas");
                if (runs == null || runs.size() != nRuns) {
                    incomplete++;
                } else {
                    long sum = runs.stream().mapToLong(PagetableDump.Run::pages).sum();
                    complete.add(new PagetableDump.Dump(pid, comm, beginLine, runs, vmas, pages, sum == pages));
                }
                runs = null;
            } else if (ModuleLineParser.isVerb(m, "map") && runs != null) {
                KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "map", null);
                PageLevel level;
                try {
                    level = PageLevel.parse(kv.str("level"));
                } catch (IllegalArgumentException e) {
                    throw ModuleLineParser.error(kmsg.file(), m, "map.level", e.getMessage());
                }
                runs.add(new PagetableDump.Run(m.line(),
                        ModuleLineParser.hex(kmsg.file(), m, "map", kv, "va"),
                        ModuleLineParser.hex(kmsg.file(), m, "map", kv, "pa"),
                        ModuleLineParser.num(kmsg.file(), m, "map", kv, "pages"),
                        level));
            }
        }
        if (runs != null) {
            incomplete++;
        }
        return new PagetableDump(complete, incomplete);
    }
}
