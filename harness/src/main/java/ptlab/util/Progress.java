package ptlab.util;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Human progress, a channel separate from results. On a terminal a status line is redrawn in
 * place; without one (CI, pipes) only phase changes are printed, one line each.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean live;
    private final long start = System.nanoTime();
    private String phase = "";
    private long lastDraw;

    public Progress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Live redraws only on an interactive terminal outside CI. */
    public static Progress stderr() {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        return new Progress(System.err, tty);
    }

    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public synchronized void phase(String name) {
        endLine();
        phase = name;
        out.printf("[%s] %s%n", elapsed(), name);
        out.flush();
    }

    /** A detail of the current phase (a countdown, a size): redrawn on a TTY, dropped otherwise. */
    public synchronized void detail(String text) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        out.printf("\r\033[K[%s] %s: %s", elapsed(), phase, text);
        out.flush();
    }

    /** A line that is always printed (warnings, decisions such as the accelerator fallback). */
    public synchronized void note(String text) {
        endLine();
        out.printf("[%s] %s%n", elapsed(), text);
        out.flush();
    }

    private void endLine() {
        if (live && lastDraw != 0) {
            out.print("\r\033[K");
            lastDraw = 0;
        }
    }

    public String elapsed() {
        long s = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
