package ptlab.vm;

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
    private long lastOutputNanos = System.nanoTime();

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

    /** Seconds since the console last printed anything. */
    public synchronized long silentSeconds() {
        return (System.nanoTime() - lastOutputNanos) / 1_000_000_000L;
    }

    /** The last {@code lines} lines of console output. */
    public synchronized String tail(int lines) {
        String[] all = recent.toString().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    private void loop() {
        long pos = 0;
        long crashSeenAt = 0;
        byte[] buf = new byte[65536];
        while (!stop) {
            try {
                if (Files.exists(file)) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        raf.seek(pos);
                        int n;
                        while ((n = raf.read(buf)) > 0) {
                            pos += n;
                            append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                }
                if (crash == null) {
                    Optional<CrashPatterns.Crash> c;
                    synchronized (this) {
                        c = CrashPatterns.find(recent.toString());
                    }
                    if (c.isPresent()) {
                        if (crashSeenAt == 0) {
                            crashSeenAt = System.nanoTime();
                        } else if (System.nanoTime() - crashSeenAt > SETTLE_MS * 1_000_000L) {
                            synchronized (this) {
                                crash = CrashPatterns.find(recent.toString()).orElseThrow();
                            }
                            onCrash.accept(crash);
                        }
                    }
                }
                Thread.sleep(crashSeenAt != 0 && crash == null ? 100 : 250);
            } catch (IOException e) {
                // the file may be between truncation and rewrite; try again on the next tick
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void append(String s) {
        recent.append(s.replace("\r", ""));
        if (recent.length() > KEEP) {
            recent.delete(0, recent.length() - KEEP);
        }
        lastOutputNanos = System.nanoTime();
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
