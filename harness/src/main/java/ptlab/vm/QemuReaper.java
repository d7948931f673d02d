package ptlab.vm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure no QEMU outlives the harness: every started QEMU is registered here and destroyed by
 * a JVM shutdown hook (which also runs on SIGINT and SIGTERM). QEMU is also started under
 * {@code setpriv --pdeathsig KILL}, so the kernel kills it even if the JVM itself is killed.
 */
public final class QemuReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(QemuReaper::killAll, "qemu-reaper"));
    }

    private QemuReaper() {
    }

    static void register(Process p) {
        LIVE.add(p);
    }

    static void kill(Process p) {
        if (p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(p);
    }

    static void killAll() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** QEMU processes this JVM started that are still alive (tests assert it is empty). */
    public static int liveCount() {
        LIVE.removeIf(p -> !p.isAlive());
        return LIVE.size();
    }
}
