package ptlab.host;

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
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import org.apache.commons.exec.Watchdog;
import ptlab.HarnessException;

/**
 * Runs a host program to completion (mmdebstrap, mkfs.ext4, qemu-img, vagrant, git, ...): the one way
 * the harness runs a host command. Output (stdout and stderr merged) goes to a log file and, line by
 * line, to an optional listener; {@link Result#output()} and a failure's message carry the last 20
 * lines. At the timeout the child and its descendants are killed; the child is killed when the JVM
 * exits, and a command started while the JVM exits (a shutdown hook's clean-up) still runs.
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
        CommandLine cl = new Verbatim(argv);
        LineCollector collector = new LineCollector(log, lineListener);
        DefaultExecutor ex = workDir == null ? DefaultExecutor.builder().get()
                : DefaultExecutor.builder().setWorkingDirectory(workDir).get();
        ex.setStreamHandler(new PumpStreamHandler(collector));
        ExecuteWatchdog watchdog = new TreeWatchdog(timeout);
        ex.setWatchdog(watchdog);
        ex.setProcessDestroyer(new ExitDestroyer());
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

    /**
     * The argv exactly as given: commons-exec's own CommandLine trims every argument, which took the
     * newline off the end of dpkg-query's format and ran every package into one line.
     */
    private static final class Verbatim extends CommandLine {
        private final List<String> argv;

        Verbatim(List<String> argv) {
            super(argv.get(0));
            this.argv = argv;
        }

        @Override
        public String[] toStrings() {
            return argv.toArray(String[]::new);
        }

        @Override
        public String[] getArguments() {
            return argv.subList(1, argv.size()).toArray(String[]::new);
        }
    }

    /**
     * Kills the child's descendants before the child at the timeout: vagrant, virsh behind the netns
     * wrapper and sh -c leave grandchildren that would outlive a child killed alone.
     */
    private static final class TreeWatchdog extends ExecuteWatchdog {
        private Process child;

        // the builder makes only plain watchdogs; this constructor is the one a subclass can call
        @SuppressWarnings("deprecation")
        TreeWatchdog(Duration timeout) {
            super(timeout.toMillis());
        }

        @Override
        public synchronized void start(Process process) {
            child = process;
            super.start(process);
        }

        @Override
        public synchronized void timeoutOccured(Watchdog w) {
            // listed before the child dies (its orphans are no longer its descendants), killed after it: a
            // child whose children died first could exit on its own and the timeout would pass for success
            List<ProcessHandle> below = child == null ? List.of() : child.descendants().toList();
            super.timeoutOccured(w);
            below.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * commons-exec's JVM-exit destroyer, except that once the JVM is exiting, when no shutdown hook can
     * be added or removed, the child runs untracked instead of failing: a Vagrant machine is destroyed
     * from a shutdown hook, and its {@code vagrant destroy} must run then.
     */
    private static final class ExitDestroyer implements ProcessDestroyer {
        private final ShutdownHookProcessDestroyer hook = new ShutdownHookProcessDestroyer();

        @Override
        public boolean add(Process process) {
            try {
                return hook.add(process);
            } catch (IllegalStateException exiting) {
                return false;
            }
        }

        @Override
        public boolean remove(Process process) {
            try {
                return hook.remove(process);
            } catch (IllegalStateException exiting) {
                return false;
            }
        }

        @Override
        public int size() {
            return hook.size();
        }
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
