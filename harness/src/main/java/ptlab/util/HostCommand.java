package ptlab.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import ptlab.HarnessException;

/**
 * Runs a host program to completion (mmdebstrap, mkfs.ext4, qemu-img, ...). Output goes to a log
 * file and, line by line, to an optional listener; on failure the exception carries the last 20
 * lines. The child is killed at the timeout and when the JVM exits.
 */
public final class HostCommand {
    private static final int TAIL_LINES = 20;

    public record Result(int exitCode, String output, Duration duration) {
    }

    private final List<String> argv;
    private Path log;
    private Duration timeout = Duration.ofMinutes(30);
    private Consumer<String> lineListener = line -> { };
    private Path workDir;
    private Map<String, String> env;

    private HostCommand(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    public static HostCommand of(String... argv) {
        return new HostCommand(List.of(argv));
    }

    public static HostCommand of(List<String> argv) {
        return new HostCommand(argv);
    }

    public HostCommand log(Path file) {
        this.log = file;
        return this;
    }

    public HostCommand timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public HostCommand onLine(Consumer<String> listener) {
        this.lineListener = listener;
        return this;
    }

    public HostCommand workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public HostCommand env(Map<String, String> environment) {
        this.env = environment;
        return this;
    }

    /** Runs and returns the result; a non-zero exit is an INFRA_ERROR naming the command and its tail. */
    public Result run() {
        Result r = runAllowingFailure();
        if (r.exitCode() != 0) {
            throw HarnessException.infra("command failed with exit status " + r.exitCode() + ": " + String.join(" ", argv)
                    + (log != null ? " (full log: " + log + ")" : "") + "\n--- last lines ---\n" + r.output());
        }
        return r;
    }

    public Result runAllowingFailure() {
        CommandLine cl = new CommandLine(argv.get(0));
        for (String a : argv.subList(1, argv.size())) {
            cl.addArgument(a, false);
        }
        LineCollector collector = new LineCollector(log, lineListener);
        DefaultExecutor ex = DefaultExecutor.builder().get();
        if (workDir != null) {
            ex.setWorkingDirectory(workDir.toFile());
        }
        ex.setStreamHandler(new PumpStreamHandler(collector));
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        ex.setWatchdog(watchdog);
        ex.setProcessDestroyer(new ShutdownHookProcessDestroyer());
        ex.setExitValues(null);
        long t0 = System.nanoTime();
        int code;
        try {
            code = ex.execute(cl, env);
        } catch (ExecuteException e) {
            code = e.getExitValue();
        } catch (IOException e) {
            throw HarnessException.infra("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } finally {
            collector.flushQuietly();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (watchdog.killedProcess()) {
            throw HarnessException.infra("command timed out after " + timeout.toSeconds() + " s: " + String.join(" ", argv)
                    + "\n--- last lines ---\n" + collector.tail());
        }
        return new Result(code, collector.tail(), took);
    }

    /** Splits the merged stdout/stderr into lines; keeps the last lines in memory, everything in the log. */
    private static final class LineCollector extends OutputStream {
        private final OutputStream file;
        private final Consumer<String> listener;
        private final Deque<String> last = new ArrayDeque<>();
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineCollector(Path log, Consumer<String> listener) {
            this.listener = listener;
            try {
                this.file = log == null ? null : Files.newOutputStream(log, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (file != null) {
                file.write(b);
            }
            if (b == '\n' || b == '\r') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void emit() {
            if (line.size() == 0) {
                return;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            last.addLast(s);
            if (last.size() > TAIL_LINES) {
                last.removeFirst();
            }
            listener.accept(s);
        }

        synchronized String tail() {
            return String.join("\n", last);
        }

        synchronized void flushQuietly() {
            emit();
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
