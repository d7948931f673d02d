package ptlab.guest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows the serial console file and reports the first kernel crash within a second of it
 * appearing. It keeps the last 256 KiB of console text for excerpts and error messages.
 */
public final class ConsoleWatcher implements AutoCloseable {
    private static final int KEEP = 256 * 1024;
    /** After a crash line, wait this long so the excerpt includes the call trace. */
    private static final long SETTLE_MS = 1500;

    private final Path file;
    private final Consumer<CrashPatterns.Crash> onCrash;
    private final Thread thread;
    private final StringBuilder recent = new StringBuilder();
    private volatile boolean stop;
    private volatile CrashPatterns.Crash crash;
    private final byte[] buf = new byte[65536];
    private long pos;
    private volatile long lastOutputNanos;

    public ConsoleWatcher(Path file, Consumer<CrashPatterns.Crash> onCrash) {
        this.file = file;
        this.onCrash = onCrash;
        this.thread = new Thread(this::loop, "console-watcher");
        this.thread.setDaemon(true);
    }

    public ConsoleWatcher start() {
        thread.start();
        return this;
    }

    public Optional<CrashPatterns.Crash> crash() {
        return Optional.ofNullable(crash);
    }

    /** The last {@code lines} lines of console output. */
    public synchronized String tail(int lines) {
        String[] all = recent.toString().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    /**
     * Reads whatever the console holds now and returns the crash, if any, with an excerpt of
     * everything printed so far (used right after each guest command and when QEMU is gone).
     */
    public Optional<CrashPatterns.Crash> drainAndCheck() {
        try {
            readNew();
        } catch (IOException e) {
            // keep what was read before
        }
        synchronized (this) {
            CrashPatterns.find(recent.toString()).ifPresent(c -> crash = c);
            return Optional.ofNullable(crash);
        }
    }

    private synchronized void readNew() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(pos);
            int n;
            while ((n = raf.read(buf)) > 0) {
                pos += n;
                append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
    }

    private void loop() {
        while (!stop) {
            try {
                if (crash == null && drainAndCheck().isPresent()) {
                    // let the call trace reach the console before the VM is torn down
                    Thread.sleep(SETTLE_MS);
                    onCrash.accept(drainAndCheck().orElseThrow());
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** {@link System#nanoTime()} when the console last printed something; 0 before it printed at all. */
    public long lastOutputNanos() {
        return lastOutputNanos;
    }

    private synchronized void append(String s) {
        lastOutputNanos = System.nanoTime();
        recent.append(s.replace("\r", ""));
        if (recent.length() > KEEP) {
            recent.delete(0, recent.length() - KEEP);
        }
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
