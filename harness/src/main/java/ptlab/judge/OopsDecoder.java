package ptlab.judge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.HarnessException;
import ptlab.host.HostCommand;
import ptlab.runfolder.PartOutcome;

/**
 * A kernel crash's frames in the student's own module, decoded to function and source line from the module's debug
 * information (Debian's kernels build modules with it): {@code lkp_xlate_line+0x103/0xa27 [lkp25p3]} becomes
 * {@code part2/lkp_xlate.c:94 (lkp_xlate_line)}, inlined callers included. The frame's symbol is looked up with
 * readelf (its section and value), the address in that section given to addr2line (binutils, on the host).
 */
public final class OopsDecoder {
    private static final Pattern FRAME = Pattern.compile("(?:RIP: \\d{4}:|\\s)\\??\\s*([A-Za-z_][\\w.]*)\\+0x([0-9a-f]+)/0x[0-9a-f]+ \\[(\\w+)\\]");
    private static final Pattern SYMBOL = Pattern.compile("^\\s*\\d+: ([0-9a-f]+)\\s+\\d+\\s+FUNC\\s+\\w+\\s+\\w+\\s+(\\d+)\\s+(\\S+)$");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*(\\d+)\\]\\s+(\\S+)");
    private static final String STAGED = "/root/ptlab/src/submission/";
    private static final int MAX_FRAMES = 8;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private OopsDecoder() {
    }

    /**
     * One line per frame of {@code oops} inside a module of {@code modules} ({@code name.ko}): the frame, then where
     * it is. Empty when no frame is in those modules; a line saying why when the tools or the module are missing.
     */
    public static List<String> decode(String oops, Map<String, Path> modules) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Elf> elves = new HashMap<>();
        Matcher m = FRAME.matcher(oops);
        while (m.find() && out.size() < MAX_FRAMES) {
            String frame = m.group(1) + "+0x" + m.group(2) + " [" + m.group(3) + "]";
            Path ko = modules.get(m.group(3));
            if (ko == null || !seen.add(frame)) {
                continue;
            }
            try {
                Elf elf = elves.computeIfAbsent(m.group(3), k -> Elf.read(ko));
                out.add(frame + ": " + elf.where(m.group(1), Long.parseLong(m.group(2), 16)));
            } catch (HarnessException e) {
                out.add(frame + ": not decoded (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * The frames of a part's kernel crash in the modules the run kept (raw/submission/modules/); empty for any
     * other verdict.
     *
     * @param submission the run's raw/submission/ folder
     */
    public static List<String> decode(PartOutcome o, Path submission) {
        return "KERNEL_CRASH".equals(o.verdict()) ? decode(o.detail() + "\n" + o.evidence(), modules(submission.resolve("modules")))
                : List.of();
    }

    /** The modules a run kept (raw/submission/modules/*.ko), by module name. */
    public static Map<String, Path> modules(Path dir) {
        Map<String, Path> m = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".ko")).forEach(p -> m.put(p.getFileName().toString()
                        .replaceFirst("\\.ko$", "").replace('-', '_'), p));
            } catch (java.io.IOException e) {
                // no modules kept: nothing decoded
            }
        }
        return m;
    }

    /** A module's functions: name to (section name, value). */
    private record Elf(Path ko, Map<String, String[]> functions) {
        static Elf read(Path ko) {
            Map<Integer, String> sections = new HashMap<>();
            for (String l : run("readelf", "-SW", ko.toString()).lines().toList()) {
                Matcher s = SECTION.matcher(l);
                if (s.find()) {
                    sections.put(Integer.parseInt(s.group(1)), s.group(2));
                }
            }
            Map<String, String[]> fns = new HashMap<>();
            for (String l : run("readelf", "-sW", ko.toString()).lines().toList()) {
                Matcher f = SYMBOL.matcher(l);
                if (f.find()) {
                    fns.put(f.group(3), new String[] {sections.getOrDefault(Integer.parseInt(f.group(2)), ".text"), f.group(1)});
                }
            }
            return new Elf(ko, fns);
        }

        String where(String function, long offset) {
            String[] f = functions.get(function);
            if (f == null) {
                return "not decoded (no function " + function + " in " + ko.getFileName() + ")";
            }
            long addr = Long.parseLong(f[1], 16) + offset;
            List<String> lines = run("addr2line", "-f", "-i", "-e", ko.toString(), "-j", f[0], "0x" + Long.toHexString(addr))
                    .lines().toList();
            List<String> where = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                where.add(lines.get(i + 1).replace(STAGED, "") + " (" + lines.get(i) + ")");
            }
            return where.isEmpty() ? "no line information" : String.join(", inlined in ", where);
        }
    }

    /** A program's whole output, line by line (HostCommand's result keeps only the last lines). */
    private static String run(String... argv) {
        StringBuilder all = new StringBuilder();
        HostCommand.Result r;
        try {
            r = HostCommand.of(argv).timeout(LIMIT).onLine(l -> all.append(l).append('\n')).runAllowingFailure();
        } catch (HarnessException e) {
            throw HarnessException.infra(argv[0] + " is not available (binutils): " + e.getMessage(), e);
        }
        if (r.exitCode() != 0) {
            throw HarnessException.infra(argv[0] + " exited with status " + r.exitCode() + ": " + r.output().strip());
        }
        return all.toString();
    }
}
