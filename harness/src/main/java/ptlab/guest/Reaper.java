package ptlab.guest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure no guest outlives the harness, whatever runs it: every QEMU process and every Vagrant
 * machine is registered here and stopped by one JVM shutdown hook (which also runs on SIGINT and SIGTERM).
 * QEMU is also started under {@code setpriv --pdeathsig KILL}, so the kernel kills it even if the JVM
 * itself is killed.
 */
public final class Reaper {
    /** Something that runs a guest and must not outlive the harness. */
    public interface Resource {
        /** Whether it still runs. */
        boolean alive();

        /** Stops it now; called from the shutdown hook, so it must not wait long or start threads. */
        void stopNow();
    }

    private static final Set<Resource> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Reaper::stopAll, "guest-reaper"));
    }

    private Reaper() {
    }

    public static void register(Resource r) {
        LIVE.add(r);
    }

    /** Whether {@code r} is registered and not yet released. */
    public static boolean isRegistered(Resource r) {
        return LIVE.contains(r);
    }

    /** Forgets {@code r}; true when it was registered (so exactly one caller stops it). */
    public static boolean release(Resource r) {
        return LIVE.remove(r);
    }

    /** A QEMU process as a resource: alive while the process is; stopped by killing it and its children. */
    public record Qemu(Process process) implements Resource {
        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public void stopNow() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Registers a QEMU process. */
    public static void register(Process p) {
        register(new Qemu(p));
    }

    /** Stops a QEMU process: SIGTERM, then SIGKILL after 3 s; its children at once. */
    public static void kill(Process p) {
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
        release(new Qemu(p));
    }

    static void stopAll() {
        for (Resource r : LIVE) {
            r.stopNow();
        }
    }

    /** Guests this JVM started that still run (tests assert there are none). */
    public static int liveCount() {
        LIVE.removeIf(r -> !r.alive());
        return LIVE.size();
    }
}
