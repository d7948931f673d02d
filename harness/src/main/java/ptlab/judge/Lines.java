package ptlab.judge;

import java.util.List;
import ptlab.parse.MarkedWindows;

/** How the judges quote a student's lines: cut to a readable length, a few at a time. */
public final class Lines {
    static final int WIDTH = 200;

    private Lines() {
    }

    /** The line, cut to {@value #WIDTH} characters. */
    public static String cut(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH) + " ...";
    }

    /** The last {@code n} lines of a text. */
    public static String tail(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /** Up to {@code max} lines as {@code kmsg.txt:N: text}, one a line, and how many more there were. */
    public static String excerpt(List<MarkedWindows.Line> lines, int max) {
        return excerpt(lines, lines.size(), max);
    }

    /** The same from the first lines of a window of {@code total} lines. */
    public static String excerpt(List<MarkedWindows.Line> first, long total, int max) {
        StringBuilder s = new StringBuilder();
        for (MarkedWindows.Line l : first.subList(0, Math.min(max, first.size()))) {
            s.append("kmsg.txt:").append(l.kmsgLine()).append(": ").append(cut(l.text())).append('\n');
        }
        if (total > max) {
            s.append("... ").append(total - max).append(" more line(s)\n");
        }
        return s.toString().strip();
    }
}
