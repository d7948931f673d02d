package ptlab.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.HarnessException;
import ptlab.json.Json;
import ptlab.parse.KmsgLog;
import ptlab.parse.KmsgParser;
import ptlab.parse.KmsgRecord;
import ptlab.submission.Findings;
import ptlab.submission.Part;
import ptlab.submission.PartResult;

/**
 * What a submission run leaves for the judges in {@code raw/submission/}: {@code parts.json} (each part as
 * found, and how its build went) and per part {@code outcome.json} (RAN, or the verdict that ended it:
 * KERNEL_CRASH, TIMEOUT, LOG_FLOOD, INSMOD_FAILED, BUILD_FAILED, MISSING, with the evidence).
 */
final class SubmissionVerdicts {
    /**
     * Kernel-log records in one part beyond which it is a flood rather than a run: the assignment's
     * interfaces need a few per VA written (4096 of them) and per VMA; a module logging every page of the
     * 1 GiB buffer every second (262,144 lines a second) is far above.
     */
    static final long FLOOD_RECORDS = 100_000;
    /** The kernel-log markers written before the student's module loads and after the part's driver ends. */
    static final String BEGIN = "ptlab: trial begin ";
    static final String END = "ptlab: trial end ";
    /** The student's module's undefined symbols, {@code nm -u} as the guest prints it. */
    static final String SYMBOLS = "module-symbols.txt";
    private static final Pattern WARNING = Pattern.compile("^([^\\s:]+\\.[chS]):\\d+:(?:\\d+:)? warning: ", Pattern.MULTILINE);

    /** A build of the student's code: built (where, warnings per file) or failed with the compiler's excerpt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Build(String verdict, @JsonProperty("built_by") String builtBy, long warnings,
            @JsonProperty("warnings_by_file") Map<String, Long> warningsByFile, String excerpt) {
        static Build built(String builtBy, String log) {
            Map<String, Long> byFile = byFile(log);
            return new Build("BUILT", builtBy, byFile.values().stream().mapToLong(Long::longValue).sum(), byFile,
                    byFile.isEmpty() ? null : SubmissionVerdicts.excerpt(log, "warning:"));
        }

        static Build failed(String message, String log) {
            return new Build("BUILD_FAILED", null, byFile(log).values().stream().mapToLong(Long::longValue).sum(),
                    byFile(log), SubmissionVerdicts.excerpt(message + "\n" + log, "error"));
        }

        boolean ok() {
            return "BUILT".equals(verdict);
        }
    }

    /** How one part ended. */
    record PartOutcome(String part, String verdict, String detail, String evidence) {
        static PartOutcome of(String part, String verdict, String detail, String evidence) {
            return new PartOutcome(part, verdict, detail, evidence == null ? "" : evidence);
        }
    }

    private final Path dir;
    private final Findings findings;
    private Map<String, Build> builds = Map.of();

    SubmissionVerdicts(Path rawSubmission, Findings findings) {
        this.dir = rawSubmission;
        this.findings = findings;
    }

    void builds(Map<String, Build> byComponent, List<String> trials) {
        this.builds = new LinkedHashMap<>(byComponent);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (PartResult r : findings.parts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("part", r.part().id());
            p.put("state", r instanceof PartResult.Found ? "found" : r instanceof PartResult.Missing ? "missing" : "ambiguous");
            p.put("detail", r instanceof PartResult.Found f ? f.reason() + " (in " + f.folder() + ")"
                    : r instanceof PartResult.Missing m ? m.why() : r instanceof PartResult.Ambiguous a
                    ? a.candidates().size() + " candidates: " + a.candidates().stream().map(c -> c.sources().get(0)
                            .toString()).collect(java.util.stream.Collectors.joining(", ")) + "; " + a.hint() : "");
            Build b = builds.get(r.part() == Part.LKP25P3 ? "submission-lkp25p3"
                    : r.part() == Part.PART2_MEMALLOC ? "submission-memalloc"
                    : r.part() == Part.PAGETABLE ? "submission-pagetable"
                    : r.part() == Part.PAGETABLE_USER ? "submission-pagetable-user" : part1Component(r.part()));
            p.put("build", b != null ? b : Map.of("verdict", "NOT_BUILT"));
            parts.add(p);
        }
        write(dir.resolve("parts.json"), Map.of("assignment", findings.assignment().id(), "parts", parts, "trials", trials));
        write(dir.resolve("findings.txt"), String.join("\n", findings.describe()) + "\n");
    }

    /**
     * The build of a Part 1 program: memalloc's own; pagemap's own, or memalloc's when memalloc is the one
     * program that translates too.
     */
    private String part1Component(Part part) {
        if (part == Part.PAGEMAP && !builds.containsKey("submission-pagemap")) {
            return "submission-part1-memalloc";
        }
        return part == Part.MEMALLOC ? "submission-part1-memalloc" : part == Part.PAGEMAP ? "submission-pagemap" : "";
    }

    void outcome(PartOutcome o) {
        write(dir.resolve(o.part()).resolve("outcome.json"), o);
    }

    /**
     * INSMOD_FAILED when the part's driver loaded the module itself (insmod.status in {@code raw}) and insmod
     * failed; empty otherwise.
     */
    static java.util.Optional<PartOutcome> driverInsmod(String part, Path raw, String module) {
        Map<String, String> status = keyValues(raw.resolve("insmod.status"));
        String exit = status.getOrDefault("exit", "0");
        if (exit.equals("0")) {
            return java.util.Optional.empty();
        }
        String err = "";
        try {
            err = Files.isRegularFile(raw.resolve("insmod.err")) ? Files.readString(raw.resolve("insmod.err")) : "";
        } catch (IOException e) {
            // the status says enough
        }
        return java.util.Optional.of(PartOutcome.of(part, "INSMOD_FAILED", "insmod " + module + " with its process's "
                + "pid " + status.getOrDefault("pid", "?") + " exited with status " + exit, err));
    }

    /** A part that ran to its end: RAN, unless its kernel log shows a flood or its driver hit its limit. */
    static PartOutcome ran(String part, Path raw, long dropped, boolean synced, String unload) {
        Path kmsg = raw.resolve("kmsg.txt");
        KmsgLog log = null;
        try {
            log = Files.isRegularFile(kmsg) ? KmsgParser.parse(kmsg) : null;
        } catch (RuntimeException e) {
            // a record cut short by the end of the stream: the judges say what they can read
        }
        long kept = log == null ? 0 : log.records().size();
        long lost = (log == null ? 0 : log.lost()) + dropped;
        long during = during(log, part).orElse(kept + lost);
        if (during > FLOOD_RECORDS) {
            return PartOutcome.of(part, "LOG_FLOOD", "the kernel log was flooded: " + during + " records during"
                    + " the part (more than " + FLOOD_RECORDS + "), " + kept + " kept, " + lost + " lost or dropped"
                    + " (at most " + (SubmissionTrials.KMSG_LIMIT >> 20) + " MiB kept)", log == null ? "" : tail(log, 20));
        }
        Map<String, String> status = keyValues(raw.resolve("driver.status"));
        if ("1".equals(status.get("timed_out"))) {
            return PartOutcome.of(part, "TIMEOUT", "the harness's driver did not finish within " + status.get("limit_s")
                    + " s: a write to /proc/lkp25p3 did not return", log == null ? "" : tail(log, 20));
        }
        String detail = ("absent".equals(status.get("proc")) ? "no /proc/lkp25p3 after insmod; " : "") + unload
                + (synced ? "" : "; the kernel log stream did not deliver its end marker");
        return PartOutcome.of(part, "RAN", detail, "");
    }

    /** A part ended by the harness's exception: a crash, or a guest that stopped answering. */
    static PartOutcome failed(String part, HarnessException e, Path raw) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        int nl = msg.indexOf('\n');
        String first = nl < 0 ? msg : msg.substring(0, nl);
        String rest = nl < 0 ? "" : msg.substring(nl + 1);
        if (e.outcome() == ptlab.Outcome.KERNEL_CRASH) {
            return PartOutcome.of(part, "KERNEL_CRASH", first, rest);
        }
        return PartOutcome.of(part, "TIMEOUT", first, consoleTail(raw.resolve("console.log"), 40));
    }

    static Map<String, Long> byFile(String log) {
        Map<String, Long> m = new TreeMap<>();
        Matcher w = WARNING.matcher(log);
        while (w.find()) {
            String f = w.group(1).replaceFirst("^.*/submission/", "");
            m.merge(f, 1L, Long::sum);
        }
        return m;
    }

    /** Up to 30 lines of {@code text} from the first line containing {@code word}, else its last 30. */
    static String excerpt(String text, String word) {
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains(word)) {
            i++;
        }
        int from = i < lines.size() ? i : Math.max(0, lines.size() - 30);
        return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 30)));
    }

    /**
     * The records the kernel numbered between the part's begin and end markers, whether the stream kept
     * them or not (the ring buffer overwrites what a slow reader has not read; the numbers go on).
     */
    static OptionalLong during(KmsgLog log, String part) {
        long begin = -1;
        long end = -1;
        for (KmsgRecord r : log == null ? List.<KmsgRecord>of() : log.records()) {
            if (r.message().equals(BEGIN + part)) {
                begin = r.seq();
            } else if (r.message().equals(END + part)) {
                end = r.seq();
            }
        }
        return begin >= 0 && end > begin ? OptionalLong.of(end - begin - 1) : OptionalLong.empty();
    }

    private static String tail(KmsgLog log, int n) {
        var r = log.records();
        return String.join("\n", r.subList(Math.max(0, r.size() - n), r.size()).stream().map(x -> x.message()).toList());
    }

    private static String consoleTail(Path console, int n) {
        try {
            List<String> l = Files.readAllLines(console);
            return String.join("\n", l.subList(Math.max(0, l.size() - n), l.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, String> keyValues(Path p) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(p)) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    m.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            // no status file: the driver never got that far
        }
        return m;
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            if (value instanceof String s) {
                Files.writeString(file, s);
            } else {
                Json.write(file, value);
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
