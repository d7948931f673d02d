package ptlab.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Draws progress events as {@code [mm:ss] <cell>: <text>} lines. On a terminal the latest detail is
 * redrawn in place; without one (CI, pipes) details are dropped and only phases and notes print.
 */
public final class ConsoleProgress implements Consumer<ProgressEvent> {
    private final PrintStream out;
    private final boolean live;
    private final long start = System.nanoTime();
    private long lastDraw;

    public ConsoleProgress(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public synchronized void accept(ProgressEvent e) {
        String who = e.cell() == null ? "" : e.cell() + ": ";
        if (e.kind() == ProgressEvent.Kind.DETAIL) {
            if (!live) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            out.printf("\r\033[K[%s] %s%s", elapsed(), who, e.text());
            out.flush();
            return;
        }
        if (live && lastDraw != 0) {
            out.print("\r\033[K");
            lastDraw = 0;
        }
        out.printf("[%s] %s%s%n", elapsed(), who, e.text());
        out.flush();
    }

    private String elapsed() {
        long s = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
