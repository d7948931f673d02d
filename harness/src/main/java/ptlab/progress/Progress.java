package ptlab.progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Human progress, a channel separate from results: code reports {@link ProgressEvent}s through a
 * Progress bound to its cell, and one sink draws them ({@link ConsoleProgress} for people; tests and
 * other front ends may pass their own).
 */
public final class Progress {
    private final Consumer<ProgressEvent> sink;
    private final String cell;

    public Progress(Consumer<ProgressEvent> sink, String cell) {
        this.sink = sink;
        this.cell = cell;
    }

    /** Progress on stderr; live redraws only on an interactive terminal outside CI. */
    public static Progress stderr() {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        return new Progress(new ConsoleProgress(System.err, tty), null);
    }

    public static Progress silent() {
        return new Progress(new ConsoleProgress(new PrintStream(OutputStream.nullOutputStream()), false), null);
    }

    /** The same sink, with every event tagged with {@code cellId}. */
    public Progress forCell(String cellId) {
        return new Progress(sink, cellId);
    }

    public void phase(String text) {
        sink.accept(new ProgressEvent(cell, ProgressEvent.Kind.PHASE, text));
    }

    /** A detail of the current phase (a countdown, a size): redrawn on a TTY, dropped otherwise. */
    public void detail(String text) {
        sink.accept(new ProgressEvent(cell, ProgressEvent.Kind.DETAIL, text));
    }

    /** A line that is always printed (warnings, decisions such as the accelerator fallback). */
    public void note(String text) {
        sink.accept(new ProgressEvent(cell, ProgressEvent.Kind.NOTE, text));
    }

    /** Something went wrong that does not change the outcome (a clean-up that failed): a note saying so. */
    public void warn(String text) {
        note("warning: " + text);
    }
}
