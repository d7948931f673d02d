package ptlab.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.MapsEntry;

/**
 * Part 2.3 of a submission: the student's VMA walk of PID 1 beside /proc/1/maps read just before and just
 * after it. A range in both reads is held against the student (matched, differs or missing); one that changed
 * between the reads is not. {@code [vsyscall]} is excluded: the gate VMA is outside the VMA tree. Each field
 * the student printed is compared: permissions (or vm_flags), file, offset (pgoff in pages or in bytes) and
 * type; a field not printed is not judged.
 */
public final class VmaJudge {
    public static final String NAME = "2.3 VMA walk of PID 1 == /proc/1/maps";
    private static final Set<String> EXCLUDED = Set.of("[vsyscall]");

    private VmaJudge() {
    }

    /**
     * One row of the comparison: maps and the student's VMA, either may be null.
     *
     * @param status  match, differs: ..., missing, extra, changed between the maps reads, excluded
     */
    public record Row(MapsEntry maps, StudentVma student, String status) {
    }

    public record Result(List<Row> rows, OracleResult oracle, List<String> evidence, Map<String, Integer> offsetUnits) {
    }

    public static Result judge(List<MapsEntry> before, List<MapsEntry> after, List<StudentVma> student) {
        Map<Long, StudentVma> byStart = new TreeMap<>(Long::compareUnsigned);
        student.forEach(v -> byStart.putIfAbsent(v.start(), v));
        Map<String, MapsEntry> afterByRange = new LinkedHashMap<>();
        after.forEach(m -> afterByRange.put(m.start() + "-" + m.end(), m));
        List<MapsEntry> unstable = new ArrayList<>(after);
        List<Row> rows = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        Map<String, Integer> units = new TreeMap<>();
        Set<Long> used = new java.util.TreeSet<>(Long::compareUnsigned);
        int stable = 0;
        int matched = 0;
        int differs = 0;
        int missing = 0;
        int fields = 0;
        for (MapsEntry m : before) {
            MapsEntry a = afterByRange.get(m.start() + "-" + m.end());
            unstable.remove(a);
            StudentVma v = byStart.get(m.start());
            if (EXCLUDED.contains(m.path())) {
                used.add(m.start());
                rows.add(new Row(m, v, "excluded: gate VMA outside the VMA tree"));
                continue;
            }
            if (a == null) {
                used.add(m.start());
                rows.add(new Row(m, v, "changed between the maps reads (not judged)"));
                continue;
            }
            stable++;
            if (v == null) {
                missing++;
                rows.add(new Row(m, null, "missing"));
                add(evidence, "missing: maps " + range(m) + " " + m.perms() + " " + m.path() + ": no VMA of the student starts there");
                continue;
            }
            used.add(m.start());
            List<String> diff = new ArrayList<>();
            fields += compare(m, v, diff, units);
            if (diff.isEmpty()) {
                matched++;
                rows.add(new Row(m, v, "match"));
            } else {
                differs++;
                rows.add(new Row(m, v, "differs: " + String.join(", ", diff)));
                add(evidence, "differs: maps " + range(m) + " " + m.perms() + " " + m.path() + ": " + String.join(", ", diff)
                        + "\n" + indent(v));
            }
        }
        for (MapsEntry m : unstable) {
            used.add(m.start());
            rows.add(new Row(m, byStart.get(m.start()), "changed between the maps reads (not judged)"));
        }
        int extra = 0;
        for (StudentVma v : student) {
            if (used.add(v.start())) {
                extra++;
                rows.add(new Row(null, v, "extra"));
                add(evidence, "extra: the student's " + Fmt.hex(v.start()) + "-" + Fmt.hex(v.end()) + " is not in /proc/1/maps\n" + indent(v));
            }
        }
        String detail = Fmt.f("%d stable maps ranges: %d matched, %d differ, %d missing; %d extra; %d VMA(s) printed, %d field(s) compared",
                stable, matched, differs, missing, extra, student.size(), fields);
        if (!units.isEmpty()) {
            detail += "; offsets given " + String.join(", ", units.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
        if (student.isEmpty()) {
            detail += "; no range recognised in the student's lines";
        }
        boolean ok = stable > 0 && matched == stable && extra == 0;
        // the share right: ranges matched, less one for each extra one, of the stable ranges
        double share = stable == 0 ? 0 : Math.max(0, (double) (matched - extra) / stable);
        return new Result(rows, OracleResult.of(NAME, ok, detail + (evidence.isEmpty() ? "" : "; first: "
                + evidence.get(0).lines().findFirst().orElse(""))).withShare(share), evidence, units);
    }

    /** Compares the printed fields; returns how many were printed. */
    static int compare(MapsEntry m, StudentVma v, List<String> diff, Map<String, Integer> units) {
        int n = 0;
        if (m.end() != v.end()) {
            diff.add("end " + Fmt.hex(v.end()) + " (maps " + Fmt.hex(m.end()) + ")");
        }
        if (!v.perms().isEmpty()) {
            n++;
            if (!m.perms().startsWith(v.perms())) {
                diff.add("perms " + v.perms() + " (maps " + m.perms() + ")");
            }
        }
        String want = expectedType(m.path());
        if (v.path() != null) {
            n++;
            if (!pathAgrees(m.path(), v.path())) {
                diff.add("file '" + v.path() + "' (maps '" + m.path() + "')");
            }
        }
        if (v.offset() >= 0 && want.equals("file")) {
            n++;
            String unit = m.offset() == 0 && v.offset() == 0 ? "zero (either unit)" : v.offset() == m.offset() ? "in bytes"
                    : v.offset() << 12 == m.offset() ? "in pages" : null;
            if (unit == null) {
                diff.add("offset " + Fmt.hex(v.offset()) + " (maps " + Fmt.hex(m.offset()) + " bytes, " + Fmt.hex(m.offset() >>> 12) + " pages)");
            } else {
                units.merge(unit, 1, Integer::sum);
            }
        }
        if (!v.type().isEmpty()) {
            n++;
            if (!want.equals("special") && !want.equals(v.type())) {
                diff.add("type " + v.type() + " (maps: " + want + ")");
            }
        }
        return n;
    }

    /** file, heap, stack, anon, or special for the other bracketed names ([vdso], [vvar]), whose type any answer fits. */
    static String expectedType(String path) {
        return path.startsWith("/") ? "file" : path.equals("[heap]") ? "heap" : path.equals("[stack]") ? "stack"
                : path.isEmpty() ? "anon" : "special";
    }

    /** The same path, its last component (a dentry name), or no file where maps shows a name that is no file. */
    static boolean pathAgrees(String maps, String student) {
        String m = maps.endsWith(" (deleted)") ? maps.substring(0, maps.length() - 10) : maps;
        if (m.equals(student)) {
            return true;
        }
        if (m.startsWith("/")) {
            return !student.isEmpty() && m.substring(m.lastIndexOf('/') + 1).equals(student);
        }
        return student.isEmpty();
    }

    private static String range(MapsEntry m) {
        return Fmt.hex(m.start()) + "-" + Fmt.hex(m.end());
    }

    private static String indent(StudentVma v) {
        return "    " + Lines.excerpt(v.lines(), 6).replace("\n", "\n    ");
    }

    private static void add(List<String> evidence, String s) {
        if (evidence.size() < 5) {
            evidence.add(s);
        }
    }
}
