package ptlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import ptlab.parse.MapsEntry;
import ptlab.parse.VmaDump;
import ptlab.parse.VmaEntry;

/**
 * lkp25p3's VMA walk of PID 1 beside /proc/1/maps: every maps line must match a module VMA in start,
 * end, permissions, offset and path, and every module VMA must appear in maps. {@code [vsyscall]} is
 * excluded: it is the gate VMA, outside the mm's VMA tree, so no walk of the tree can see it.
 * A second check compares vm_flags with smaps VmFlags on the bits {@link VmFlagNames} knows.
 */
public record VmaComparison(List<Row> rows, OracleResult mapsOracle, OracleResult flagsOracle) {
    public static final String MAPS_NAME = "module VMA walk == /proc/1/maps";
    public static final String FLAGS_NAME = "module vm_flags == smaps VmFlags";
    private static final Set<String> EXCLUDED = Set.of("[vsyscall]");

    /** One line of the comparison table; either side may be null. */
    public record Row(MapsEntry maps, VmaEntry module, String status, String flagsStatus) {
    }

    public static VmaComparison compare(List<MapsEntry> maps, List<MapsEntry> smaps, VmaDump.Dump dump) {
        Map<Long, VmaEntry> byStart = new TreeMap<>(Long::compareUnsigned);
        for (VmaEntry e : dump.entries()) {
            byStart.putIfAbsent(e.start(), e);
        }
        Map<Long, MapsEntry> smapsByStart = new TreeMap<>(Long::compareUnsigned);
        for (MapsEntry e : smaps) {
            smapsByStart.putIfAbsent(e.start(), e);
        }
        Set<Long> used = new TreeSet<>(Long::compareUnsigned);
        List<Row> rows = new ArrayList<>();
        List<String> mapsProblems = new ArrayList<>();
        List<String> flagProblems = new ArrayList<>();
        int excluded = 0;
        int flagsCompared = 0;
        for (MapsEntry m : maps) {
            if (EXCLUDED.contains(m.path())) {
                excluded++;
                rows.add(new Row(m, null, "excluded: gate VMA outside the VMA tree", ""));
                continue;
            }
            VmaEntry v = byStart.get(m.start());
            if (v == null) {
                rows.add(new Row(m, null, "missing in module dump", ""));
                mapsProblems.add("maps:" + m.line() + " " + Fmt.hex(m.start()) + " " + m.path() + ": no module VMA");
                continue;
            }
            used.add(m.start());
            List<String> diff = differences(m, v);
            String status = diff.isEmpty() ? "match" : "differs: " + String.join(", ", diff);
            if (!diff.isEmpty()) {
                mapsProblems.add("maps:" + m.line() + " " + Fmt.hex(m.start()) + " " + String.join(", ", diff));
            }
            String flagsStatus = "";
            MapsEntry s = smapsByStart.get(m.start());
            if (s != null && !s.vmFlags().isEmpty()) {
                flagsCompared++;
                TreeSet<String> mod = VmFlagNames.of(v.flags());
                TreeSet<String> sm = VmFlagNames.compared(s.vmFlags());
                if (mod.equals(sm)) {
                    flagsStatus = "match";
                } else {
                    TreeSet<String> onlyMod = new TreeSet<>(mod);
                    onlyMod.removeAll(sm);
                    TreeSet<String> onlySm = new TreeSet<>(sm);
                    onlySm.removeAll(mod);
                    flagsStatus = "module only: " + String.join(" ", onlyMod) + "; smaps only: " + String.join(" ", onlySm);
                    flagProblems.add(Fmt.hex(m.start()) + " " + flagsStatus);
                }
            }
            rows.add(new Row(m, v, status, flagsStatus));
        }
        for (VmaEntry v : dump.entries()) {
            if (!used.contains(v.start())) {
                rows.add(new Row(null, v, "missing in /proc/1/maps", ""));
                mapsProblems.add("kmsg:" + v.line() + " module VMA " + Fmt.hex(v.start()) + " " + v.name() + " not in maps");
            }
        }
        String mapsDetail = Fmt.f("%d maps lines, %d module VMAs, %d excluded ([vsyscall]), %d problem(s)",
                maps.size(), dump.entries().size(), excluded, mapsProblems.size()) + listed(mapsProblems);
        String flagsDetail = Fmt.f("%d VMAs compared on %s, %d problem(s)", flagsCompared, "rd wr ex sh mr mw me ms gd pf lo io sr rr dc de ac nr ht dd mm hg nh mg",
                flagProblems.size()) + listed(flagProblems);
        return new VmaComparison(rows,
                OracleResult.of(MAPS_NAME, mapsProblems.isEmpty() && !maps.isEmpty(), mapsDetail),
                OracleResult.of(FLAGS_NAME, flagProblems.isEmpty() && flagsCompared > 0, flagsDetail));
    }

    private static String listed(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        int show = Math.min(5, problems.size());
        return ": " + String.join("; ", problems.subList(0, show)) + (problems.size() > show ? "; ..." : "");
    }

    private static List<String> differences(MapsEntry m, VmaEntry v) {
        List<String> diff = new ArrayList<>();
        if (m.end() != v.end()) {
            diff.add("end " + Fmt.hex(m.end()) + " vs " + Fmt.hex(v.end()));
        }
        if (!m.perms().equals(v.perms())) {
            diff.add("perms " + m.perms() + " vs " + v.perms());
        }
        if (!v.humanPerms().isEmpty() && !v.humanPerms().equals(m.perms())) {
            diff.add("printed perms " + v.humanPerms());
        }
        if (m.offset() != v.mapsOffset()) {
            diff.add("offset " + Fmt.hex(m.offset()) + " vs " + Fmt.hex(v.mapsOffset()));
        }
        if (!pathMatches(m.path(), v)) {
            diff.add("path '" + m.path() + "' vs '" + v.name() + "'");
        }
        return diff;
    }

    /** maps leaves anonymous VMAs unnamed; the module may name them {@code [anon]} or leave them empty. */
    private static boolean pathMatches(String mapsPath, VmaEntry v) {
        if (mapsPath.equals(v.name())) {
            return true;
        }
        return mapsPath.isEmpty() && ("anon".equals(v.type()) || v.name().isEmpty()) && (v.name().isEmpty() || v.name().equals("[anon]"));
    }
}
