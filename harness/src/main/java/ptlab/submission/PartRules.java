package ptlab.submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a file a candidate for each part, judged by what the code does through the seeds'
 * interfaces rather than by its name. Each candidate carries the sentence that explains it.
 */
final class PartRules {
    private static final Pattern MAIN = Pattern.compile("\\b(?:int|void)\\s+main\\s*\\(");
    private static final Pattern ALLOC = Pattern.compile("\\b(calloc|malloc|mmap|posix_memalign|aligned_alloc|valloc|memalign)\\s*\\(");
    private static final Pattern IOCTL = Pattern.compile("\\bioctl\\s*\\(");
    private static final Pattern PROC_CREATE = Pattern.compile("\\b(proc_create(?:_data|_single|_single_data|_seq|_seq_data)?)\\s*\\(\\s*([^,()]+)\\s*,");
    private static final Pattern PID_PARAM = Pattern.compile(
            "\\bmodule_param(?:_named)?\\s*\\(\\s*(\\w*(?:pid|process_?id|proc_?id|task_?id)\\w*)\\s*,", Pattern.CASE_INSENSITIVE);
    private static final Pattern IOCTL_HANDLER = Pattern.compile("\\.\\s*(unlocked_ioctl|compat_ioctl)\\s*=\\s*(\\w+)");
    private static final Pattern MISC_NAME = Pattern.compile("\\.\\s*name\\s*=\\s*([^,}\\n]+)");
    /** device_create(class, parent, devt, drvdata, NAME...): the name is its fifth argument. */
    private static final Pattern DEVICE_CREATE = Pattern.compile("\\bdevice_create\\s*\\((?:[^,;]*,){4}\\s*([^,);]+)");
    private static final String PROC_NAME = "lkp25p3";

    private final SourceTree tree;
    private final List<Candidate> modules = new ArrayList<>();
    private final Set<String> nearMisses = new java.util.LinkedHashSet<>();
    /** Every source some Makefile or Kbuild links into a module, candidate or not. */
    private final Set<String> built = new HashSet<>();
    private final Map<String, String> devices = new LinkedHashMap<>();

    PartRules(SourceTree tree) {
        this.tree = tree;
        scanModules();
        for (String f : tree.code().keySet()) {
            if (f.endsWith(".c") && !built.contains(f)) {
                procCreate(List.of(f), tree.text(tree.closure(List.of(f))), PROC_NAME)
                        .ifPresent(why -> nearMisses.add(why + ", but no Makefile or Kbuild lists it in obj-m"));
            }
        }
    }

    /** Proc files other than /proc/lkp25p3 that modules create: what a "missing" message points at. */
    List<String> nearMisses() {
        return List.copyOf(nearMisses);
    }

    List<Candidate> candidates(Part part) {
        return switch (part) {
            case LKP25P3, PAGETABLE -> modules.stream().filter(c -> c.part() == part).toList();
            case MEMALLOC, PART2_MEMALLOC, PAGEMAP, PAGETABLE_USER -> programs(part);
        };
    }

    private void scanModules() {
        Set<String> seen = new HashSet<>();
        // Kbuild first: kbuild reads it rather than the Makefile beside it
        List<String> files = new ArrayList<>(tree.makeFiles().keySet());
        files.sort((a, b) -> Boolean.compare(!a.endsWith("Kbuild"), !b.endsWith("Kbuild")));
        for (String mf : files) {
            String folder = SourceTree.folderOf(mf);
            for (MakeFiles.Module m : MakeFiles.modules(tree.makeFiles().get(mf))) {
                List<String> srcs = m.objects().stream().map(o -> SourceTree.join(folder, o.substring(0, o.length() - 2) + ".c"))
                        .filter(tree.code()::containsKey).toList();
                String name = m.name().substring(m.name().lastIndexOf('/') + 1);
                if (srcs.isEmpty() || !seen.add(srcs.get(0) + " " + name)) {
                    continue;
                }
                built.addAll(srcs);
                String makefile = mf.endsWith("Kbuild") ? tree.makefileFor(folder, null).orElse(null) : mf;
                String how = mf + " builds it as " + name + ".ko (" + m.line() + ")";
                module(tree.closure(srcs), srcs, folder, makefile, mf, name, how);
            }
        }
    }

    private void module(List<String> files, List<String> srcs, String folder, String makefile, String buildFile, String name,
            String how) {
        String text = tree.text(files);
        Optional<String> proc = procCreate(files, text, PROC_NAME);
        if (proc.isPresent()) {
            modules.add(new Candidate(Part.LKP25P3, srcs.get(0), folder, makefile, buildFile, files, name,
                    proc.get() + "; " + how, 2));
            return;
        }
        Matcher pid = PID_PARAM.matcher(text);
        Matcher ioctl = IOCTL_HANDLER.matcher(text);
        List<String> signals = new ArrayList<>();
        if (pid.find()) {
            signals.add("has module parameter '" + pid.group(1) + "'");
        }
        if (ioctl.find()) {
            signals.add("sets ." + ioctl.group(1) + " = " + ioctl.group(2));
        }
        if (!signals.isEmpty()) {
            deviceName(text).ifPresent(d -> devices.put(d, "module " + name));
            modules.add(new Candidate(Part.PAGETABLE, srcs.get(0), folder, makefile, buildFile, files, name,
                    "module " + name + " " + String.join(" and ", signals) + "; " + how, signals.size()));
        }
    }

    /** The sentence "x.c calls proc_create(\"lkp25p3\", ...)" when some file creates it; records other names. */
    private Optional<String> procCreate(List<String> files, String text, String wanted) {
        for (String f : files) {
            Matcher m = PROC_CREATE.matcher(tree.code().get(f));
            while (m.find()) {
                String arg = m.group(2).strip();
                Optional<String> name = CText.stringValue(arg, text);
                if (name.isPresent() && name.get().equals(wanted)) {
                    String via = arg.startsWith("\"") ? "" : " (" + arg + " is \"" + wanted + "\")";
                    return Optional.of(f + " calls " + m.group(1) + "(\"" + wanted + "\", ...)" + via);
                }
                nearMisses.add(f + " creates /proc/" + name.orElse(arg));
            }
        }
        return Optional.empty();
    }

    /** The /dev name a module registers: device_create's or a miscdevice's name, literal or #defined. */
    static Optional<String> deviceName(String text) {
        Matcher dc = DEVICE_CREATE.matcher(text);
        if (dc.find()) {
            return CText.stringValue(dc.group(1), text);
        }
        Matcher misc = MISC_NAME.matcher(text);
        return text.contains("miscdevice") && misc.find() ? CText.stringValue(misc.group(1), text) : Optional.empty();
    }

    private List<Candidate> programs(Part part) {
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, String> e : tree.code().entrySet()) {
            String f = e.getKey();
            String own = e.getValue();
            if (!f.endsWith(".c") || !MAIN.matcher(own).find()) {
                continue;
            }
            List<String> files = tree.closure(List.of(f));
            String all = tree.text(files);
            Optional<String> pagemap = literal(own, s -> s.contains("pagemap"));
            Matcher alloc = ALLOC.matcher(own);
            boolean ioctl = IOCTL.matcher(own).find();
            String folder = SourceTree.folderOf(f);
            String stem = f.substring(f.lastIndexOf('/') + 1, f.length() - 2);
            Optional<String> mf = tree.makefileFor(folder, stem);
            String built = mf.map(m -> "; " + m + " names " + stem).orElse("");
            String makefile = mf.or(() -> tree.makefileFor(folder, null)).orElse(null);
            String reason = null;
            int score = 0;
            switch (part) {
                case PAGEMAP -> {
                    Optional<String> any = pagemap.or(() -> literal(all, s -> s.contains("pagemap")));
                    if (any.isPresent()) {
                        score = pagemap.isPresent() ? 2 : 1;
                        reason = f + " has main() and opens \"" + any.get() + "\"" + (pagemap.isPresent() ? "" : " through its headers");
                    }
                }
                case MEMALLOC, PART2_MEMALLOC -> {
                    java.util.Set<String> calls = new java.util.LinkedHashSet<>();
                    while (alloc.find()) {
                        calls.add(alloc.group(1) + "()");
                    }
                    if (!calls.isEmpty() && !ioctl) {
                        // a tie between two allocating programs (memalloc.c and memalloc2.c side by side) goes to
                        // the one whose size or target is this part's: 2 GiB for Part 1, 1 GiB or /proc/lkp25p3 for 2
                        score = (pagemap.isPresent() ? 1 : 2) * 2 + (ownSize(part, all) ? 1 : 0);
                        reason = f + " has main() and calls " + String.join(", ", calls)
                                + (pagemap.isPresent() ? ", and reads pagemap too (no program only allocates)" : "");
                    }
                }
                case PAGETABLE_USER -> {
                    if (ioctl) {
                        Optional<String> dev = literal(all, s -> s.startsWith("/dev/"));
                        String owner = dev.map(d -> devices.get(d.substring(5))).orElse(null);
                        score = owner != null ? 3 : dev.isPresent() ? 2 : 1;
                        reason = f + " has main() and calls ioctl()" + dev.map(d -> " on \"" + d + "\"").orElse("")
                                + (owner != null ? ", the device " + owner + " registers" : "");
                    }
                }
                default -> throw new IllegalArgumentException(part + " is not a program");
            }
            if (reason != null) {
                out.add(new Candidate(part, f, folder, makefile, mf.orElse(null), files, null, reason + built, score));
            }
        }
        return out;
    }

    private static final Pattern GIB2 = Pattern.compile("(?i)\\b2(?:ul|ull|l|ll)?\\s*\\*\\s*(?:1024\\s*\\*\\s*1024\\s*\\*\\s*1024|\\(?1(?:ul|ull|l|ll)?"
            + "\\s*<<\\s*30\\)?|\\w*(?:gb|gib|1g)\\w*)\\b|\\b(?:2(?:ul|ull|l|ll)?\\s*<<\\s*30|1(?:ul|ull|l|ll)?\\s*<<\\s*31|2147483648)\\b");
    private static final Pattern GIB1 = Pattern.compile("(?i)\\b(?:1024(?:ul|ull|l|ll)?\\s*\\*\\s*1024\\s*\\*\\s*1024|1(?:ul|ull|l|ll)?"
            + "\\s*<<\\s*30|1073741824|SZ_1G)\\b");

    /** Whether a program's code allocates what {@code part} asks: 2 GiB for Part 1, 1 GiB (or /proc/lkp25p3) for Part 2. */
    static boolean ownSize(Part part, String code) {
        boolean two = GIB2.matcher(code).find();
        return part == Part.MEMALLOC ? two : code.contains(PROC_NAME) || !two && GIB1.matcher(code).find();
    }

    private static Optional<String> literal(String code, java.util.function.Predicate<String> p) {
        return CText.strings(code).stream().filter(p).findFirst();
    }
}
