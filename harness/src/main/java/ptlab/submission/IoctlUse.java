package ptlab.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a student's user program calls the pagetable module, read from its source: the file holding the
 * {@code ioctl()} call that asks for a PFN, the command as the student wrote it (a macro of their header, a
 * number), whether the argument goes by value or by pointer, and the device paths the program or the module
 * names. The harness compiles its own prober against that file, so the student's header gives the number,
 * and calls the ioctl the way the student's program does.
 *
 * @param file      the source with the call, relative to the submission's top
 * @param command   the call's second argument, e.g. {@code IOCTL_GET_PFN}
 * @param byPointer whether the third argument is an address ({@code &vpn}, a pointer or array variable)
 * @param argument  the call's third argument as written
 * @param devices   device paths in the order tried: /dev/ literals of the program, what its open() names, the
 *                  module's device name; a relative one is relative to the program's folder
 */
public record IoctlUse(String file, String command, boolean byPointer, String argument, List<String> devices) {
    /** The command the seed names. */
    static final String SEED_COMMAND = "IOCTL_GET_PFN";
    private static final Pattern CALL = Pattern.compile("\\bioctl\\s*\\(");
    private static final Pattern OPEN = Pattern.compile("\\bopen(?:at)?\\s*\\(");
    private static final Pattern CAST = Pattern.compile("^\\(\\s*(?:const\\s+)?(?:unsigned\\s+|signed\\s+)?\\w+(?:\\s+\\w+)*\\s*(\\**)\\s*\\)\\s*");

    public IoctlUse {
        devices = List.copyOf(devices);
    }

    /**
     * The user program's PFN call: among its ioctl() calls the one with the seed's {@code IOCTL_GET_PFN}, else one
     * whose command names a PFN, else one named GET, else the first. Empty when its sources hold no three-argument ioctl() call.
     *
     * @param root   the unpacked submission
     * @param user   the user program as found
     * @param module the pagetable module as found, for the device name it registers; may be null
     */
    public static Optional<IoctlUse> of(Path root, PartResult.Found user, PartResult.Found module) {
        List<Call> calls = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (Path src : user.sources()) {
            String text = read(root.resolve(src));
            all.append(text).append('\n');
            Matcher m = CALL.matcher(text);
            while (m.find()) {
                List<String> args = arguments(text, m.end());
                if (args.size() == 3) {
                    calls.add(new Call(src.toString(), args.get(1), args.get(2)));
                }
            }
        }
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        Call c = calls.stream().filter(x -> x.command.equals(SEED_COMMAND)).findFirst()
                .or(() -> calls.stream().filter(x -> x.command.toUpperCase(java.util.Locale.ROOT).contains("PFN")).findFirst())
                .or(() -> calls.stream().filter(x -> x.command.toUpperCase(java.util.Locale.ROOT).contains("GET")).findFirst())
                .orElse(calls.get(0));
        String code = all.toString();
        Set<String> devices = new LinkedHashSet<>();
        CText.strings(code).stream().filter(s -> s.startsWith("/dev/") && s.length() > 5).forEach(devices::add);
        Matcher open = OPEN.matcher(code);
        while (open.find()) {
            List<String> args = arguments(code, open.end());
            if (!args.isEmpty()) {
                String first = args.get(0).startsWith("AT_FDCWD") && args.size() > 1 ? args.get(1) : args.get(0);
                CText.stringValue(first, code).filter(s -> !s.isEmpty() && !s.startsWith("/proc") && !s.startsWith("/sys"))
                        .ifPresent(devices::add);
            }
        }
        if (module != null) {
            StringBuilder mod = new StringBuilder();
            module.sources().forEach(s -> mod.append(read(root.resolve(s))).append('\n'));
            PartRules.deviceName(mod.toString()).ifPresent(d -> devices.add("/dev/" + d));
        }
        return Optional.of(new IoctlUse(c.file, c.command, pointer(c.argument, code), c.argument, List.copyOf(devices)));
    }

    private record Call(String file, String command, String argument) {
    }

    /** Whether an ioctl argument is an address: {@code &x}, a cast to a pointer, a pointer or array variable. */
    static boolean pointer(String arg, String code) {
        String a = arg.strip();
        Matcher cast = CAST.matcher(a);
        while (cast.find()) {
            if (!cast.group(1).isEmpty()) {
                return true;
            }
            a = a.substring(cast.end()).strip();
            cast = CAST.matcher(a);
        }
        if (a.startsWith("&")) {
            return true;
        }
        if (!a.matches("[A-Za-z_]\\w*")) {
            return false;
        }
        String q = Pattern.quote(a);
        return Pattern.compile("\\*\\s*" + q + "\\s*[;=,)\\[]").matcher(code).find()
                || Pattern.compile("\\b" + q + "\\s*\\[[^\\]]*\\]\\s*[;=,]").matcher(code).find();
    }

    /** The top-level, comma-separated arguments of a call whose '(' ends just before {@code from}. */
    static List<String> arguments(String text, int from) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\'') {
                i = skipLiteral(text, i, ch);
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            } else if (ch == ')' || ch == ';') {
                out.add(text.substring(start, i).strip());
                return ch == ')' ? out : List.of();
            } else if (ch == ',' && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        return List.of();
    }

    private static int skipLiteral(String text, int i, char quote) {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != quote && text.charAt(j) != '\n') {
            j += text.charAt(j) == '\\' ? 2 : 1;
        }
        return j;
    }

    private static String read(Path p) {
        try {
            return CText.stripComments(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return "";
        }
    }
}
