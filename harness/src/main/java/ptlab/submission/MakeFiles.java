package ptlab.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules a Makefile or Kbuild asks kbuild for: {@code obj-m := a.o} (or {@code +=}, or
 * {@code obj-$(CONFIG_X)}), and for a module of several objects {@code a-objs := b.o c.o} or
 * {@code a-y := ...}. Simple variables ({@code NAME := lkp}, used as {@code $(NAME).o}) are expanded.
 */
final class MakeFiles {
    private static final Pattern ASSIGN = Pattern.compile("^\\s*(?:override\\s+)?([A-Za-z_][\\w.$(){}-]*)\\s*(:=|::=|\\+=|\\?=|=)\\s*(.*)$");
    private static final Pattern OBJ = Pattern.compile("^obj-(?:m|y|\\$[({][^)}]*[)}])$");
    private static final Pattern VAR = Pattern.compile("\\$[({]([A-Za-z_]\\w*)[)}]");

    /** One module: its name, the objects it links (its own name's object when none are listed), the obj-m line. */
    record Module(String name, List<String> objects, String line) {
    }

    private MakeFiles() {
    }

    static List<Module> modules(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        Map<String, List<String>> objs = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String raw : logicalLines(text)) {
            Matcher m = ASSIGN.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            String var = m.group(1);
            String value = expand(m.group(3).strip(), vars);
            if (OBJ.matcher(var).matches() || var.startsWith("obj-$")) {
                for (String o : value.split("\\s+")) {
                    if (o.endsWith(".o")) {
                        String name = o.substring(0, o.length() - 2);
                        names.add(name);
                        lines.put(name, raw.strip());
                    }
                }
            } else if (var.endsWith("-objs") || var.endsWith("-y")) {
                String mod = var.substring(0, var.lastIndexOf('-'));
                for (String o : value.split("\\s+")) {
                    if (o.endsWith(".o")) {
                        objs.computeIfAbsent(mod, k -> new ArrayList<>()).add(o);
                    }
                }
            } else if (!value.contains("$(shell") && !m.group(2).equals("+=")) {
                vars.put(var, value);
            }
        }
        List<Module> out = new ArrayList<>();
        for (String n : names) {
            String base = n.contains("/") ? n.substring(n.lastIndexOf('/') + 1) : n;
            // a composite's objects are named relative to the Makefile, like the module itself
            List<String> o = objs.getOrDefault(n, objs.getOrDefault(base, List.of(n + ".o")));
            out.add(new Module(n, o, lines.get(n)));
        }
        return out;
    }

    /** Lines with backslash continuations joined and comments dropped. */
    private static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int hash = line.indexOf('#');
            String code = hash >= 0 ? line.substring(0, hash) : line;
            if (code.endsWith("\\")) {
                cur.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            out.add(cur.append(code).toString());
            cur.setLength(0);
        }
        return out;
    }

    private static String expand(String value, Map<String, String> vars) {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(sb).toString();
    }
}
