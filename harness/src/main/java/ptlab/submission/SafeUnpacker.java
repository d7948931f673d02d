package ptlab.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import ptlab.HarnessException;
import ptlab.files.Trees;

/**
 * A submission as given (a folder, .tar.gz/.tgz, .zip, or a plain tar named .tar.gz, as students make
 * with {@code tar cf}) copied into a fresh folder only its owner can enter. What it is comes from its
 * first bytes, not its name. Refuses absolute names, '..', links leaving the folder, device files, FIFOs
 * and anything over {@link UnpackLimits}; a refusal deletes the partial folder and is a usage error
 * naming the archive and the entry.
 */
public final class SafeUnpacker {
    private final UnpackLimits limits;

    public SafeUnpacker(UnpackLimits limits) {
        this.limits = limits;
    }

    public SafeUnpacker() {
        this(UnpackLimits.DEFAULTS);
    }

    /** Unpacks {@code input} into a new folder under {@code parent}; the caller deletes it. */
    public Unpacked unpack(Path input, Path parent) {
        if (!Files.exists(input, LinkOption.NOFOLLOW_LINKS) && !Files.exists(input)) {
            throw HarnessException.usage("no submission at " + input);
        }
        Path root;
        try {
            Files.createDirectories(parent);
            root = Files.createTempDirectory(parent, "submission-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw HarnessException.infra("creating a folder under " + parent + ": " + e.getMessage(), e);
        }
        UnpackTarget target = new UnpackTarget(root, input.getFileName() == null ? input.toString()
                : input.getFileName().toString(), limits);
        boolean ok = false;
        try {
            Unpacked u = read(input, target);
            ok = true;
            return u;
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // corrupt or truncated archives surface as IOException or, from header parsing, as
            // IllegalArgumentException: both are the archive's fault, told in one line
            throw target.refuse("it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } finally {
            if (!ok) {
                deleteQuietly(root);
            }
        }
    }

    private Unpacked read(Path input, UnpackTarget target) throws IOException {
        if (Files.isDirectory(input)) {
            return FolderCopy.copy(input, target);
        }
        if (!Files.isRegularFile(input)) {
            throw target.refuse("it is neither a folder nor a regular file");
        }
        long size = Files.size(input);
        // compressed data is never larger than what it unpacks to (beyond headers): an archive over the
        // total limit is over it unpacked too, and is refused before a byte is inflated
        if (size > limits.maxTotalBytes()) {
            throw target.refuse("the archive is " + UnpackLimits.size(size) + ", over the "
                    + UnpackLimits.size(limits.maxTotalBytes()) + " limit for the whole submission");
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(input)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String name = input.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return ArchiveReaders.tar(input, target, true);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            noteName(target, name, ".zip", "zip");
            return ArchiveReaders.zip(input, target);
        }
        if (TarArchiveInputStream.matches(head, n)) {
            noteName(target, name, ".tar", "tar without compression");
            return ArchiveReaders.tar(input, target, false);
        }
        throw target.refuse("it is not a .tar.gz, .tgz, .zip or tar archive (it starts with "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(n, 8)) + ")");
    }

    /** Says so when the name promises another format than the bytes hold (tar cf x.tar.gz is common). */
    private static void noteName(UnpackTarget target, String name, String suffix, String what) {
        if (!name.endsWith(suffix)) {
            target.note("read as a " + what + ", whatever its name says");
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException e) {
            // the refusal already on its way says what matters; a leftover private temp folder is not
            // worth hiding it behind
            root.toFile().deleteOnExit();
        }
    }
}
