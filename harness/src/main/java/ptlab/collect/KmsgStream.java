package ptlab.collect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import ptlab.HarnessException;
import ptlab.guest.Guest;
import ptlab.host.Sleep;

/**
 * The guest's /dev/kmsg, streamed for the whole session into {@code raw/kmsg.txt} by the guest's
 * kmsgcat (which starts at the oldest record still buffered, so boot messages are included).
 * Sequence numbers in the file reveal lost records; a marker written at the end proves the stream
 * caught up before collection.
 */
public final class KmsgStream implements AutoCloseable {
    private final BufferedWriter out;
    private final Thread thread;
    private volatile boolean markerSeen;
    private volatile String marker;
    private volatile RuntimeException failure;
    private final long maxBytes;
    private long written;
    private volatile long dropped;

    private KmsgStream(Guest guest, String kmsgcat, Path file, long maxBytes) throws IOException {
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.thread = new Thread(() -> {
            try {
                guest.exec(kmsgcat, Duration.ofDays(1), this::line);
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "kmsg-stream");
        thread.setDaemon(true);
    }

    public static KmsgStream start(Guest guest, String kmsgcat, Path file) {
        return start(guest, kmsgcat, file, Long.MAX_VALUE);
    }

    /**
     * As {@link #start(Guest, String, Path)}, keeping at most {@code maxBytes} of records in the file: a
     * stranger's module may log without end; the records beyond are counted ({@link #dropped()}), not kept.
     */
    public static KmsgStream start(Guest guest, String kmsgcat, Path file, long maxBytes) {
        try {
            KmsgStream s = new KmsgStream(guest, kmsgcat, file, maxBytes);
            s.thread.start();
            return s;
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void line(String l) {
        String m = marker;
        boolean isMarker = m != null && l.endsWith(m);
        synchronized (out) {
            if (written + l.length() + 1 > maxBytes && !isMarker) {
                dropped++;
                return;
            }
            written += l.length() + 1;
            try {
                out.write(l);
                out.write('\n');
                if (isMarker) {
                    out.flush(); // what syncWith promises: every record up to the marker is in the file
                }
            } catch (IOException e) {
                failure = new IllegalStateException("writing kmsg.txt: " + e.getMessage(), e);
            }
        }
        if (isMarker) {
            markerSeen = true;
        }
    }

    /**
     * Writes {@code text} into the guest's kernel log and waits until the stream has delivered it:
     * after this, every earlier record is in the file.
     */
    public boolean syncWith(Guest guest, String text, Duration timeout) {
        marker = text;
        markerSeen = false;
        guest.exec("echo '" + text + "' > /dev/kmsg", Duration.ofSeconds(30));
        long end = System.nanoTime() + timeout.toNanos();
        while (!markerSeen && System.nanoTime() < end && thread.isAlive()) {
            if (!Sleep.slept(100)) {
                return false;
            }
        }
        return markerSeen;
    }

    /** Records not kept because the file reached its size limit. */
    public long dropped() {
        return dropped;
    }

    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw HarnessException.infra("closing kmsg.txt: " + e.getMessage(), e);
            }
        }
    }
}
