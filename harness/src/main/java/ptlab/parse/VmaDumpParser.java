package ptlab.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts lkp25p3's VMA dumps from kmsg. Human lines ({@code VMA1: [...]}, {@code Type:}, {@code File:},
 * {@code Offset:}) are for people; only {@code Permissions:} is kept, to show beside the flags.
 */
public final class VmaDumpParser {
    private VmaDumpParser() {
    }

    public static VmaDump parse(KmsgLog kmsg) {
        List<VmaDump.Dump> complete = new ArrayList<>();
        int incomplete = 0;
        List<VmaEntry> current = null;
        long pid = -1;
        int beginLine = 0;
        String pendingPerms = "";
        for (KmsgLog.ModuleLine m : kmsg.module("lkp25p3")) {
            String b = m.body();
            if (ModuleLineParser.isVerb(m, "vma_dump")) {
                KeyValues kv;
                if (b.startsWith("vma_dump begin")) {
                    kv = ModuleLineParser.fields(kmsg.file(), m, "vma_dump begin", null);
                    if (current != null) {
                        incomplete++;
                    }
                    current = new ArrayList<>();
                    pid = ModuleLineParser.num(kmsg.file(), m, "vma_dump", kv, "pid");
                    beginLine = m.line();
                    pendingPerms = "";
                } else if (b.startsWith("vma_dump end")) {
                    kv = ModuleLineParser.fields(kmsg.file(), m, "vma_dump end", null);
                    long count = ModuleLineParser.num(kmsg.file(), m, "vma_dump", kv, "count");
                    if (current == null) {
                        incomplete++;
                    } else if (count != current.size()) {
                        incomplete++;
                    } else {
                        complete.add(new VmaDump.Dump(pid, beginLine, current));
                    }
                    current = null;
                } else {
                    throw ModuleLineParser.error(kmsg.file(), m, "vma_dump", "expected 'vma_dump begin' or 'vma_dump end'");
                }
            } else if (b.startsWith("Permissions: ")) {
                pendingPerms = b.substring("Permissions: ".length()).trim();
            } else if (ModuleLineParser.isVerb(m, "vma") && current != null) {
                current.add(entry(kmsg, m, pendingPerms));
                pendingPerms = "";
            }
        }
        if (current != null) {
            incomplete++;
        }
        return new VmaDump(complete, incomplete);
    }

    private static VmaEntry entry(KmsgLog kmsg, KmsgLog.ModuleLine m, String perms) {
        KeyValues kv = ModuleLineParser.fields(kmsg.file(), m, "vma", "name");
        return new VmaEntry(m.line(),
                (int) ModuleLineParser.num(kmsg.file(), m, "vma", kv, "idx"),
                ModuleLineParser.hex(kmsg.file(), m, "vma", kv, "start"),
                ModuleLineParser.hex(kmsg.file(), m, "vma", kv, "end"),
                ModuleLineParser.hex(kmsg.file(), m, "vma", kv, "flags"),
                ModuleLineParser.hex(kmsg.file(), m, "vma", kv, "pgoff"),
                ModuleLineParser.str(kmsg.file(), m, "vma", kv, "type"),
                kv.str("name", ""),
                perms);
    }
}
