package ptlab.host;

/** Words for a POSIX shell command line, built as text (a guest command over SSH, a job script). */
public final class ShellWords {
    private ShellWords() {
    }

    /** {@code s} as one shell word, whatever it holds: single-quoted, a quote inside closed, escaped and reopened. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
