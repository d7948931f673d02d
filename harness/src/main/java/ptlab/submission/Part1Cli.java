package ptlab.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a student's Part 1 programs want to be called, guessed from their sources on the host: the seed fixes
 * no command line. memalloc's scheme argument (a word compared with strcmp, a number read with atoi, a
 * long option such as {@code --scheme}) gives one run per scheme; pagemap's arguments (a long option
 * {@code --pid}, its usage string, its argc check) give the forms the guest driver tries in order. Every
 * guess says why, so the report can show it.
 *
 * @param runs       memalloc's argument lists, one run each; one empty list when it takes none
 * @param forms      pagemap's argument forms with {@code {pid} {start} {end} {len}} ({@code {none}}: no
 *                   arguments); empty when memalloc translates its own pages
 * @param why        the guess in words
 */
public record Part1Cli(List<String> runs, List<String> forms, String why) {
    private static final Pattern LONG_OPTION = Pattern.compile(
            "\\{\\s*\"([A-Za-z][\\w-]*)\"\\s*,\\s*(?:required_argument|optional_argument|no_argument|[012])");
    private static final Pattern COMPARED = Pattern.compile("\\bstr(?:n?case)?n?cmp\\s*\\(([^;{}]*?)\\)");
    private static final Pattern SCHEME_WORD = Pattern.compile("(?i)(4k|4kb|4kib|2m|2mb|2mib|2g|2gb|2gib|1g|1gb|whole|one|single"
            + "|once|full|all|huge|big|small|page|pages|chunk|chunks|block|bulk)");
    private static final Pattern NUMBER_OF_ARGV1 = Pattern.compile("\\b(?:atoi|atol|strtol|strtoul|strtoull)\\s*\\(\\s*argv\\s*\\[\\s*1\\s*\\]"
            + "|sscanf\\s*\\(\\s*argv\\s*\\[\\s*1\\s*\\]");
    private static final Pattern SMALL_CASE = Pattern.compile("(?:==\\s*|\\bcase\\s+)([0-9])\\b");
    private static final Pattern ARGC = Pattern.compile("\\bargc\\s*(<=|<|!=|==|>=|>)\\s*([0-9])\\b");
    private static final Pattern USAGE_WORD = Pattern.compile("<([^<>]+)>|\\[([^\\[\\]]+)\\]|\\b([A-Z][A-Z_]+|pid|start|end|addr|va)\\b");
    private static final Pattern GETOPT = Pattern.compile("\\bgetopt(?:_long)?\\s*\\(\\s*argc\\s*,\\s*argv\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern NUMBER_OF_OPTARG = Pattern.compile("\\b(?:atoi|atol|strtol|strtoul|strtoull)\\s*\\(\\s*optarg\\b");
    private static final Set<String> SCHEME_OPTIONS = Set.of("scheme", "mode", "type", "method", "alloc", "strategy", "policy");
    /** Without a better clue: the seed's own hint, a range, then the pid alone. */
    public static final List<String> FALLBACK = List.of("{pid} {start} {end}", "{pid}", "{pid} {start}");

    /**
     * @param root     the unpacked submission
     * @param memalloc its Part 1 memalloc
     * @param pagemap  its pagemap, null when memalloc is the one program that translates too
     * @param size     the spec's Part 1 size, given when memalloc takes {@code --size}
     */
    public static Part1Cli guess(Path root, PartResult.Found memalloc, PartResult.Found pagemap, long size) {
        String ma = text(root, memalloc);
        List<String> why = new ArrayList<>();
        List<String> runs = runs(ma, size, why);
        if (pagemap == null) {
            why.add("pagemap: the same program as memalloc, which translates its own pages");
            return new Part1Cli(runs, List.of(), String.join("; ", why));
        }
        List<String> forms = forms(text(root, pagemap), why);
        return new Part1Cli(runs, forms, String.join("; ", why));
    }

    static List<String> runs(String code, long size, List<String> why) {
        Set<String> longs = longOptions(code);
        String sizeArg = longs.contains("size") ? " --size " + size : "";
        List<String> words = schemeWords(code);
        for (String opt : longs) {
            if (SCHEME_OPTIONS.contains(opt.toLowerCase(Locale.ROOT))) {
                List<String> w = words.isEmpty() ? List.of("4k", "2m", "whole") : words;
                why.add("memalloc: long option --" + opt + " with " + String.join(", ", w) + (sizeArg.isEmpty() ? "" : " and --size"));
                return w.stream().map(x -> "--" + opt + " " + x + sizeArg).toList();
            }
        }
        Matcher g = GETOPT.matcher(code);
        if (g.find() && (!words.isEmpty() || NUMBER_OF_OPTARG.matcher(code).find())) {
            // a short option that takes an argument (getopt "s:"): the scheme one, by its letter when several
            List<Character> takes = new ArrayList<>();
            for (int i = 0; i + 1 < g.group(1).length(); i++) {
                if (Character.isLetterOrDigit(g.group(1).charAt(i)) && g.group(1).charAt(i + 1) == ':') {
                    takes.add(g.group(1).charAt(i));
                }
            }
            if (!takes.isEmpty()) {
                char o = takes.stream().filter(c -> "smtpa".indexOf(c) >= 0).findFirst().orElse(takes.get(0));
                List<String> vals = !words.isEmpty() ? words : numbers(code);
                why.add("memalloc: getopt option -" + o + " with " + String.join(", ", vals));
                return vals.stream().map(v -> "-" + o + " " + v).toList();
            }
        }
        if (!words.isEmpty() && code.matches("(?s).*\\bargv\\s*\\[\\s*1\\s*\\].*")) {
            why.add("memalloc: argv[1] compared with " + String.join(", ", words));
            return words;
        }
        if (NUMBER_OF_ARGV1.matcher(code).find()) {
            List<String> nums = numbers(code);
            why.add("memalloc: argv[1] read as a number; runs " + String.join(", ", nums)
                    + (compared(code).size() >= 2 ? " (the values it compares with)" : " (no comparison found)"));
            return nums;
        }
        why.add("memalloc: takes no scheme argument (one run, which allocates as it was written)");
        return List.of("");
    }

    /** The scheme numbers a program compares with (at most three; two and the "else" after them), else 1, 2, 3. */
    private static List<String> numbers(String code) {
        TreeSet<Integer> n = compared(code);
        if (n.size() == 2) {
            n.add(n.last() + 1); // a ternary or if-else chain: the last scheme is the "else"
        }
        return n.size() >= 2 ? n.stream().limit(3).map(String::valueOf).toList() : List.of("1", "2", "3");
    }

    private static TreeSet<Integer> compared(String code) {
        TreeSet<Integer> n = new TreeSet<>();
        Matcher m = SMALL_CASE.matcher(code);
        while (m.find()) {
            n.add(Integer.parseInt(m.group(1)));
        }
        return n;
    }

    static List<String> forms(String code, List<String> why) {
        Set<String> longs = longOptions(code);
        Set<String> forms = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>();
        if (longs.contains("pid")) {
            String rest = longs.contains("range") ? " --range {start}:{len}" : longs.contains("start") && longs.contains("end")
                    ? " --start {start} --end {end}" : longs.contains("addr") ? " --addr {start}" : "";
            forms.add("--pid {pid}" + rest);
            reasons.add("long options " + longs);
        }
        for (String s : CText.strings(code)) {
            if (s.toLowerCase(Locale.ROOT).contains("usage")) {
                String f = usageForm(s);
                if (f != null && forms.add(f)) {
                    reasons.add("usage \"" + s.replace("\\n", "").strip() + "\"");
                }
            }
        }
        Matcher a = ARGC.matcher(code);
        if (a.find()) {
            int n = Integer.parseInt(a.group(2));
            int args = switch (a.group(1)) {
                case "<", "!=", "==", ">=" -> n - 1;
                default -> n;
            };
            if (args >= 1 && args <= 3 && forms.add(FALLBACK.get(args == 3 ? 0 : args == 1 ? 1 : 2))) {
                reasons.add("argc " + a.group(1) + " " + n);
            }
        }
        if (!code.matches("(?s).*\\bargv\\b.*")) {
            forms.add("{none}");
            reasons.add("it reads no argument");
        }
        forms.addAll(FALLBACK);
        List<String> out = forms.stream().limit(4).toList();
        why.add("pagemap: " + (reasons.isEmpty() ? "no clue in its sources" : String.join(", ", reasons)) + "; tries "
                + String.join(" | ", out));
        return out;
    }

    /** {@code usage: %s <pid> <start> <end>} -> {@code {pid} {start} {end}}; null without a pid. */
    static String usageForm(String usage) {
        String u = usage.replaceFirst("(?is)^.*?usage\\s*:?\\s*(%s|\\S+)?", "");
        List<String> out = new ArrayList<>();
        Matcher m = USAGE_WORD.matcher(u);
        while (m.find()) {
            String w = (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3)).toLowerCase(Locale.ROOT);
            String slot = w.contains("pid") ? "{pid}" : w.matches(".*(start|begin|from|addr|va\\b|vaddr|virt).*") ? "{start}"
                    : w.matches(".*(end|stop|to\\b).*") ? "{end}" : w.matches(".*(len|size|length|bytes).*") ? "{len}" : null;
            if (slot != null && !out.contains(slot)) {
                out.add(slot);
            }
        }
        return out.isEmpty() || !out.get(0).equals("{pid}") ? null : String.join(" ", out);
    }

    private static Set<String> longOptions(String code) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LONG_OPTION.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The scheme-like words the program compares strings with (4k, 2m, whole...), in order, at most three. */
    private static List<String> schemeWords(String code) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = COMPARED.matcher(code);
        while (m.find()) {
            for (String s : CText.strings(m.group(1))) {
                if (SCHEME_WORD.matcher(s).matches()) {
                    out.add(s);
                }
            }
        }
        return out.stream().limit(3).toList();
    }

    /** The part's sources, comments blanked, in one text. */
    private static String text(Path root, PartResult.Found f) {
        StringBuilder sb = new StringBuilder();
        for (Path p : f.sources()) {
            try {
                sb.append(CText.stripComments(new String(Files.readAllBytes(root.resolve(p)), StandardCharsets.UTF_8))).append('\n');
            } catch (IOException e) {
                // a source the finder listed but that cannot be read: the guess works from the others
            }
        }
        return sb.toString();
    }
}
