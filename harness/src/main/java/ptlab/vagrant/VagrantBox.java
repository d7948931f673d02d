package ptlab.vagrant;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.image.Image;
import ptlab.image.ImageCache;
import ptlab.json.Json;
import ptlab.host.HostCommand;
import ptlab.progress.Progress;
import ptlab.files.Sha256;
import ptlab.files.Trees;

/**
 * A cached image as a vagrant-libvirt box (format v1: a qcow2 {@code box.img} sized in whole GiB,
 * {@code metadata.json} and a box Vagrantfile, in a gzipped tar), {@value #FILE} beside the image. Its
 * sha256 goes into the image manifest; it is added to Vagrant as {@link #name} (recipe and cache key, so
 * each image has its own box and its own libvirt volume), and {@link #pointer} tells the repository's
 * Vagrantfile where the box, kernel, initrd, command line and key are.
 *
 * @param name   the box name in {@code vagrant box list}
 * @param file   the .box file
 * @param sha256 its sha256
 */
public record VagrantBox(String name, Path file, String sha256) {
    public static final String FILE = "vagrant.box";
    /**
     * The box's version in Vagrant. A box added without one gets version 0, and vagrant-libvirt then names
     * its volume with a timestamp; with a version the volume is {@code <name>_vagrant_box_image_1_box.img}.
     * The cache key in the name already changes with the image.
     */
    public static final String VERSION = "1";
    private static final long GIB = 1L << 30;
    private static final String BOX_VAGRANTFILE = """
            # vagrant-libvirt box of a ptlab image: the repository's Vagrantfile sets kernel, initrd and key
            Vagrant.configure("2") do |config|
              config.vm.provider :libvirt do |libvirt|
                libvirt.driver = "qemu"
              end
            end
            """;

    /** The box name of {@code image}: {@code ptlab-<recipe>-<cache key>}. */
    public static String name(Image image) {
        return "ptlab-" + image.manifest().name() + "-" + image.manifest().cacheKey();
    }

    /** The file the repository's Vagrantfile reads for {@code recipe}: {@code <cache>/vagrant/<recipe>.json}. */
    public static Path pointer(ImageCache cache, String recipe) {
        return cache.root().toAbsolutePath().getParent().resolve("vagrant").resolve(recipe + ".json");
    }

    /**
     * The box of {@code image}, packaged when missing or not matching the manifest's hash, added to Vagrant
     * when {@code vagrant box list} lacks it, and named in the recipe's pointer file.
     *
     * @return the box, and {@code image} with the box hash in its manifest
     */
    public static synchronized Packaged ensure(Image image, ImageCache cache, VagrantCli cli, Progress progress) {
        // one packager per image across processes too (parallel cells, a second harness)
        Path lock = image.dir().resolve(FILE + ".lock");
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            return ensureLocked(Image.open(image.dir()), cache, cli, progress);
        } catch (IOException e) {
            throw HarnessException.infra("cannot lock " + lock + ": " + e.getMessage(), e);
        }
    }

    private static Packaged ensureLocked(Image image, ImageCache cache, VagrantCli cli, Progress progress) {
        Image img = image;
        Path file = img.dir().resolve(FILE);
        String sha = null;
        if (Files.isRegularFile(file) && img.manifest().boxSha256() != null) {
            progress.phase("box " + name(img) + ": checking " + file);
            sha = Sha256.of(file);
        }
        if (sha == null || !sha.equals(img.manifest().boxSha256())) {
            sha = pack(img, file, progress);
            img = new Image(img.dir(), img.manifest().withBox(sha));
            img.manifest().write(img.manifestFile());
        }
        VagrantBox box = new VagrantBox(name(img), file, sha);
        if (!box.added(cli)) {
            progress.phase("box " + box.name() + ": vagrant box add (version " + VERSION + ")");
            cli.plain("box", "add", "--force", box.catalog(img.dir().resolve(FILE + ".json")).toString());
        }
        box.writePointer(img, pointer(cache, img.manifest().name()));
        return new Packaged(box, img);
    }

    /** A box and the image it was made from, its manifest carrying the box hash. */
    public record Packaged(VagrantBox box, Image image) {
    }

    /** Whether Vagrant (in the CLI's VAGRANT_HOME) has this box. */
    public boolean added(VagrantCli cli) {
        List<String> lines = new ArrayList<>();
        HostCommand.of(List.of("vagrant", "box", "list", "--machine-readable")).env(cli.env())
                .timeout(Duration.ofMinutes(2)).onLine(lines::add).run();
        // 1700000000,,box-name,ptlab-bookworm-0123456789abcdef
        return lines.stream().anyMatch(l -> l.endsWith(",box-name," + name));
    }

    /** Writes the box's metadata (Vagrant's catalog format, one version, sha256 checked on add). */
    Path catalog(Path json) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("name", "libvirt");
        provider.put("url", file.toAbsolutePath().toUri().toString());
        provider.put("checksum_type", "sha256");
        provider.put("checksum", sha256);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("versions", List.of(Map.of("version", VERSION, "providers", List.of(provider))));
        Json.write(json, c);
        return json.toAbsolutePath();
    }

    /** Removes the box from Vagrant (the libvirt volume made from it is the namespace's or the user's). */
    public void remove(VagrantCli cli) {
        cli.plain("box", "remove", "--force", "--all", name);
    }

    /** Packages {@code img} into {@code file} (atomically); returns the file's sha256. */
    static String pack(Image img, Path file, Progress progress) {
        Path tmp = img.dir().resolve("vagrant.box.tmp");
        try {
            Trees.delete(tmp);
            Files.createDirectories(tmp);
            long gib = (Files.size(img.disk()) + GIB - 1) / GIB;
            Path qcow = tmp.resolve("box.img");
            progress.phase("box " + name(img) + ": qcow2 of " + img.disk() + " (" + gib + " GiB virtual)");
            HostCommand.of("qemu-img", "convert", "-O", "qcow2", img.disk().toString(), qcow.toString()).run();
            HostCommand.of("qemu-img", "resize", "-q", qcow.toString(), gib + "G").run();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("provider", "libvirt");
            meta.put("format", "qcow2");
            meta.put("virtual_size", gib);
            Json.write(tmp.resolve("metadata.json"), meta);
            Files.writeString(tmp.resolve("Vagrantfile"), BOX_VAGRANTFILE);
            progress.phase("box " + name(img) + ": tar (gzip -1) into " + file);
            Path part = img.dir().resolve(FILE + ".part");
            HostCommand.of("tar", "-C", tmp.toString(), "-I", "gzip -1", "-cf", part.toString(), "metadata.json",
                    "Vagrantfile", "box.img").timeout(Duration.ofMinutes(20)).run();
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Sha256.of(file);
        } catch (IOException e) {
            throw HarnessException.infra("cannot package the Vagrant box of " + img.dir() + ": " + e.getMessage(), e);
        } finally {
            try {
                Trees.delete(tmp);
            } catch (IOException e) {
                progress.warn("cannot remove " + tmp + ": " + e.getMessage());
            }
        }
    }

    private void writePointer(Image img, Path pointer) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("box_name", name);
        p.put("box_file", file.toAbsolutePath().toString());
        p.put("box_sha256", sha256);
        p.put("image_dir", img.dir().toAbsolutePath().toString());
        p.put("kernel_release", img.manifest().kernelRelease());
        p.put("kernel", img.kernel().toAbsolutePath().toString());
        p.put("initrd", img.initrd().toAbsolutePath().toString());
        p.put("cmdline", img.manifest().cmdline());
        p.put("client_key", img.clientKey().toAbsolutePath().toString());
        p.put("host_key", img.hostKey().toAbsolutePath().toString());
        Json.write(pointer, p);
    }
}
