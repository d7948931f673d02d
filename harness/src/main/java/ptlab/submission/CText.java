package ptlab.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C source as the finder reads it: comments blanked (code a student commented out does not count),
 * string literals kept, names defined as strings resolved.
 */
final class CText {
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private CText() {
    }

    /** {@code text} with every comment replaced by spaces, newlines kept so line numbers still match. */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
                if (i < n) {
                    out.append('\n');
                }
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (; i < stop; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
                i--;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int stop = Math.min(n, j + 1);
                out.append(text, i, stop);
                i = stop - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every string literal's content, in order. */
    static List<String> strings(String code) {
        List<String> out = new ArrayList<>();
        Matcher m = STRING.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * What a call argument names: a literal's content, or an identifier defined as a string in
     * {@code code} ({@code #define NAME "x"}, {@code char NAME[] = "x"}, {@code *NAME = "x"}).
     */
    static Optional<String> stringValue(String arg, String code) {
        String a = arg.strip();
        Matcher lit = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)*)\"$").matcher(a);
        if (lit.matches()) {
            return Optional.of(lit.group(1));
        }
        if (!a.matches("[A-Za-z_]\\w*")) {
            return Optional.empty();
        }
        String q = Pattern.quote(a);
        Matcher def = Pattern.compile("#\\s*define\\s+" + q + "\\s+\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(code);
        if (def.find()) {
            return Optional.of(def.group(1));
        }
        Matcher var = Pattern.compile("\\b" + q + "\\s*(?:\\[\\s*\\d*\\s*\\])?\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(code);
        return var.find() ? Optional.of(var.group(1)) : Optional.empty();
    }
}
