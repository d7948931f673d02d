package ptlab.vm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.host.HostCommand;
import ptlab.host.HostInfo;
import ptlab.progress.Progress;
import ptlab.files.Sha256;
import ptlab.files.Trees;

/**
 * Ready-guest snapshots, cached beside their image in {@code snapshots/<key>/}. Made on first use by a
 * cold boot that is saved the moment SSH answers; made under a lock (a file lock across processes, a
 * lock per key inside this one) and published by an atomic rename, so two harnesses never see half of
 * one. Any number of guests restore one snapshot at once: each writes to its own overlay.
 */
public final class SnapshotStore {
    public static final String FOLDER = "snapshots";
    private static final Map<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private SnapshotStore() {
    }

    /** What a restore must match: the image, the QEMU binary's version, the machine's argv. */
    public static String key(Image image, VmConfig config, String qemuVersion) {
        String machine = String.join("\u0000", QemuArgs.argv(config.machine()));
        return Sha256.of(image.manifest().cacheKey() + "\n" + qemuVersion + "\n" + machine).substring(0, 16);
    }

    public static Path dir(Image image, String key) {
        return image.dir().resolve(FOLDER).resolve(key);
    }

    /** The snapshot for this machine, made now (a cold boot and a save) when there is none usable. */
    public static Path getOrCreate(Image image, VmConfig config, Duration bootTimeout, Progress progress) {
        String qemu = HostInfo.qemuVersion();
        String key = key(image, config, qemu);
        Path dir = dir(image, key);
        if (usable(dir, qemu, progress)) {
            return dir;
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel ch = FileChannel.open(dir.resolveSibling(key + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                if (usable(dir, qemu, progress)) {
                    return dir;
                }
                remove(dir);
                return SnapshotMaker.make(image, config, key, qemu, dir, bootTimeout, progress);
            }
        } catch (IOException e) {
            throw HarnessException.infra("snapshot cache " + dir.getParent() + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static boolean usable(Path dir, String qemu, Progress progress) {
        if (!Files.isRegularFile(dir.resolve(Snapshot.MANIFEST))) {
            return false;
        }
        String problem;
        try {
            problem = Snapshot.read(dir).problem(dir, qemu);
        } catch (HarnessException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            progress.note("snapshot " + dir.getFileName() + " cannot be restored (" + problem + "); making it again");
            return false;
        }
        return true;
    }

    /** Every snapshot of an image, with its folder. */
    public static List<Path> list(Image image) {
        Path root = image.dir().resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(Snapshot.MANIFEST))).sorted().toList();
        } catch (IOException e) {
            throw HarnessException.infra("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Bytes a snapshot folder takes. */
    public static long size(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes the snapshots of {@code image} this host's QEMU cannot restore; returns what it removed. */
    public static List<Path> pruneStale(Image image) {
        String qemu = HostInfo.qemuVersion();
        List<Path> removed = new ArrayList<>();
        for (Path dir : list(image)) {
            if (Snapshot.read(dir).problem(dir, qemu) != null) {
                remove(dir);
                removed.add(dir);
            }
        }
        return removed;
    }

    /** Removes a snapshot folder (or any scratch folder) and everything in it. */
    public static void remove(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw HarnessException.infra("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Publishes a finished snapshot folder under its key (atomic: readers see all of it or nothing). */
    static void publish(Path tmp, Path dir) throws IOException {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code qemu-img create -f qcow2 -F <fmt> -b <backing> <overlay>}. */
    static void overlay(Path backing, String backingFormat, Path overlay) {
        HostCommand.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", backingFormat, "-b",
                backing.toAbsolutePath().toString(), overlay.toString()).timeout(Duration.ofSeconds(60)).run();
    }
}
