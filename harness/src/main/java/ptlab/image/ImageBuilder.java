package ptlab.image;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.host.HostCommand;
import ptlab.host.HostTools;
import ptlab.progress.Progress;
import ptlab.files.Sha256;

/**
 * Recipe -> cached image: mmdebstrap builds a rootfs (customised by {@code customize.sh}), kernel
 * and initrd are copied out for direct boot, {@code mkfs.ext4 -d} turns the rootfs into a disk image
 * without mounting anything, and the manifest is written last so a half-built image is never used.
 */
public final class ImageBuilder {
    /**
     * The guest boots with this, plus the recipe's extra. The console shows the whole boot (so a
     * guest that never comes up leaves a useful console tail); once SSH works the session lowers the
     * console loglevel, so module log floods do not go through the emulated serial port.
     */
    static final String BASE_CMDLINE = "root=/dev/vda rw console=ttyS0,115200 panic=-1 log_buf_len=64M"
            + " net.ifnames=0 mitigations=off";

    private final ImageCache cache;
    private final Progress progress;

    public ImageBuilder(ImageCache cache, Progress progress) {
        this.cache = cache;
        this.progress = progress;
    }

    public static String cmdline(Recipe r) {
        return r.cmdlineExtra().isBlank() ? BASE_CMDLINE : BASE_CMDLINE + " " + r.cmdlineExtra();
    }

    private static final java.util.Map<String, java.util.concurrent.locks.ReentrantLock> BUILDING =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The cached image, or a fresh build of it. */
    public Image getOrBuild(Recipe recipe) {
        var hit = cache.lookup(recipe);
        if (hit.isPresent()) {
            progress.note("image " + recipe.name() + ": cache hit " + hit.get().dir());
            return hit.get();
        }
        // a file lock keeps other processes out; two runs of this one (--jobs 2) need a lock of their own
        java.util.concurrent.locks.ReentrantLock local = BUILDING.computeIfAbsent(ImageCache.key(recipe),
                k -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(cache.root());
            Path lockFile = cache.root().resolve(recipe.name() + "-" + ImageCache.key(recipe) + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                hit = cache.lookup(recipe);
                if (hit.isPresent()) {
                    return hit.get();
                }
                return build(recipe);
            }
        } catch (IOException e) {
            throw HarnessException.infra("image cache " + cache.root() + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private Image build(Recipe recipe) throws IOException {
        HostTools.require("mmdebstrap", "mkfs.ext4", "dpkg-query");
        if (!isRoot()) {
            throw HarnessException.infra("building an image needs root (mmdebstrap --mode=root and device nodes"
                    + " in the rootfs); run: sudo bin/harness image build " + recipe.name());
        }
        long t0 = System.nanoTime();
        Path finalDir = cache.dirFor(recipe);
        Path work = cache.root().resolve(".build-" + finalDir.getFileName() + "-" + ProcessHandle.current().pid());
        deleteTree(work);
        Files.createDirectories(work);
        Path rootfs = work.resolve("rootfs");
        Path log = work.resolve("build.log");
        Path hook = work.resolve("customize.sh");
        try (InputStream in = ImageBuilder.class.getResourceAsStream("customize.sh")) {
            Files.copy(in, hook);
        }
        progress.phase("image " + recipe.name() + ": mmdebstrap " + recipe.suite() + " (log: " + log + ")");
        // --verbose: apt's own output (its "Fetched N MB in Ns" lines give the download size) goes to
        // the log instead of a progress bar that is drawn only on a terminal.
        List<String> argv = new ArrayList<>(List.of("mmdebstrap", "--mode=root", "--variant=minbase", "--verbose",
                "--include=" + String.join(",", recipe.allPackages())));
        for (String opt : recipe.aptOptions()) {
            argv.add("--aptopt=" + opt);
        }
        argv.add("--customize-hook=sh " + hook + " \"$1\" " + work);
        argv.addAll(List.of(recipe.suite(), rootfs.toString(), recipe.mirror()));
        AptFetched fetched = new AptFetched();
        HostCommand.of(argv).log(log).timeout(Duration.ofMinutes(30)).onLine(line -> {
            if (line.startsWith("I: ")) {
                progress.phase("image " + recipe.name() + ": " + line.substring(3));
            } else if (fetched.accept(line).isPresent()) {
                progress.note("image " + recipe.name() + ": apt: " + line.strip() + "; downloaded so far "
                        + AptFetched.human(fetched.totalBytes()));
            } else {
                progress.detail(line);
            }
        }).run();

        progress.phase("image " + recipe.name() + ": kernel, initrd and package list");
        String release = kernelRelease(rootfs.resolve("boot"));
        if (!release.startsWith(recipe.kernelReleasePrefix())) {
            throw HarnessException.infra("recipe " + recipe.name() + " expects a kernel " + recipe.kernelReleasePrefix()
                    + "*, but the suite installed " + release);
        }
        Files.copy(rootfs.resolve("boot/vmlinuz-" + release), work.resolve("vmlinuz"));
        Files.copy(rootfs.resolve("boot/initrd.img-" + release), work.resolve("initrd.img"));
        List<ImageManifest.Package> packages = parsePackages(dpkgList(rootfs));

        long usedMib = duMib(rootfs);
        long sizeMib = usedMib + usedMib / 5 + recipe.diskHeadroomMib();
        progress.phase("image " + recipe.name() + ": mkfs.ext4 -d (" + sizeMib + " MiB)");
        HostCommand.of("mkfs.ext4", "-q", "-F", "-L", "ptlab-root", "-E", "root_owner=0:0", "-d", rootfs.toString(),
                work.resolve("disk.img").toString(), sizeMib + "M").log(log).timeout(Duration.ofMinutes(20)).run();
        deleteTree(rootfs);

        progress.phase("image " + recipe.name() + ": hashing");
        String hostKeyLine = Files.readString(work.resolve("ssh_host_ed25519_key.pub")).trim();
        ImageManifest m = new ImageManifest(recipe.name(), ImageCache.key(recipe), recipe.suite(), release,
                cmdline(recipe), Sha256.of(work.resolve("vmlinuz")), Sha256.of(work.resolve("initrd.img")),
                Sha256.of(work.resolve("disk.img")), ptlab.ssh.HostKeys.fingerprint(hostKeyLine),
                Duration.ofNanos(System.nanoTime() - t0).toSeconds(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "root", packages, null);
        m.write(work.resolve("manifest.json"));
        deleteTree(finalDir);
        Files.move(work, finalDir, StandardCopyOption.ATOMIC_MOVE);
        progress.phase("image " + recipe.name() + ": built in " + m.buildSeconds() + " s, kernel " + release
                + ", " + packages.size() + " packages"
                + (fetched.fetches() > 0 ? ", downloaded " + AptFetched.human(fetched.totalBytes()) : "")
                + " -> " + finalDir);
        return Image.open(finalDir);
    }

    static String kernelRelease(Path boot) throws IOException {
        try (Stream<Path> s = Files.list(boot)) {
            List<String> releases = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vmlinuz-"))
                    .map(n -> n.substring("vmlinuz-".length())).sorted().toList();
            if (releases.size() != 1) {
                throw HarnessException.infra("expected exactly one kernel in " + boot + ", found " + releases);
            }
            return releases.get(0);
        }
    }

    /** Every installed package of {@code rootfs}, one line each: the whole output, not the last lines. */
    static String dpkgList(Path rootfs) {
        StringBuilder out = new StringBuilder();
        HostCommand.of("dpkg-query", "--admindir=" + rootfs.resolve("var/lib/dpkg"), "-W",
                "-f=${Package}\t${Version}\t${Architecture}\n").timeout(Duration.ofMinutes(2))
                .onLine(line -> out.append(line).append('\n')).run();
        return out.toString();
    }

    static List<ImageManifest.Package> parsePackages(String dpkgOutput) {
        List<ImageManifest.Package> out = new ArrayList<>();
        for (String line : dpkgOutput.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3 && !f[1].isEmpty()) {
                out.add(new ImageManifest.Package(f[0], f[1], f[2]));
            }
        }
        out.sort(Comparator.comparing(ImageManifest.Package::name));
        return out;
    }

    private static long duMib(Path dir) {
        HostCommand.Result r = HostCommand.of("du", "-s", "--block-size=1M", dir.toString())
                .timeout(Duration.ofMinutes(5)).run();
        String last = r.output().strip();
        return Long.parseLong(last.substring(last.lastIndexOf('\n') + 1).split("\\s+")[0]);
    }

    static boolean isRoot() {
        try {
            return "0".equals(HostCommand.of("id", "-u").timeout(Duration.ofSeconds(30)).run().output().trim());
        } catch (HarnessException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // rootfs trees contain device nodes and absolute symlinks: rm does this right.
        HostCommand.of("rm", "-rf", "--one-file-system", dir.toString()).timeout(Duration.ofMinutes(5)).run();
    }
}
