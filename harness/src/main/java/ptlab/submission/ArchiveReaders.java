package ptlab.submission;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;

/** Tar (gzip'd or not) and zip, read entry by entry with Commons Compress into an {@link UnpackTarget}. */
final class ArchiveReaders {
    /** The type bits of a Unix mode: what a zip made on Unix says an entry is. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private ArchiveReaders() {
    }

    static Unpacked tar(Path file, UnpackTarget target, boolean gzip) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            GzipCompressorInputStream gz = gzip ? GzipCompressorInputStream.builder().setInputStream(raw)
                    .setDecompressConcatenated(true).get() : null;
            InputStream body = new BufferedInputStream(target.metered(gz != null ? gz : raw));
            if (gzip && !holdsTar(body)) {
                throw target.refuse("it is gzip'd, but what is inside is not a tar archive");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(body)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    String rel = target.enter(e.getName());
                    if (e.isDirectory()) {
                        target.directory(rel);
                    } else if (e.isSymbolicLink()) {
                        target.link(rel, e.getLinkName(), false);
                    } else if (e.isLink()) {
                        target.link(rel, e.getLinkName(), true);
                    } else if (e.isCharacterDevice() || e.isBlockDevice()) {
                        throw target.refuse(e.getName(), "is a device file");
                    } else if (e.isFIFO()) {
                        throw target.refuse(e.getName(), "is a FIFO");
                    } else if (e.isFile()) {
                        target.file(rel, tar, e.getSize(), (e.getMode() & 0111) != 0,
                                gz != null ? gz::getCompressedCount : null, true);
                    } else {
                        throw target.refuse(e.getName(), "is of a kind a submission has no use for (tar type '"
                                + (char) e.getLinkFlag() + "')");
                    }
                }
            }
        }
        return target.finish(file, gzip ? "tar.gz" : "tar");
    }

    private static boolean holdsTar(InputStream body) throws IOException {
        byte[] head = new byte[512];
        body.mark(head.length);
        int n = body.readNBytes(head, 0, head.length);
        body.reset();
        return n == 0 || TarArchiveInputStream.matches(head, n);
    }

    static Unpacked zip(Path file, UnpackTarget target) throws IOException {
        // ZipFile rather than the streaming reader: only the central directory holds the Unix mode that
        // says an entry is a symlink, a device or a FIFO
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                String rel = target.enter(e.getName());
                int type = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & S_IFMT : 0;
                if (e.isDirectory()) {
                    target.directory(rel);
                } else if (e.isUnixSymlink()) {
                    target.link(rel, linkTarget(zip, e, target), false);
                } else if (type == S_IFCHR || type == S_IFBLK) {
                    throw target.refuse(e.getName(), "is a device file");
                } else if (type == S_IFIFO) {
                    throw target.refuse(e.getName(), "is a FIFO");
                } else if (type == S_IFSOCK) {
                    throw target.refuse(e.getName(), "is a socket");
                } else if (!zip.canReadEntryData(e)) {
                    throw target.refuse(e.getName(), "is encrypted or compressed with a method this reader lacks (method "
                            + e.getMethod() + ")");
                } else {
                    long packed = e.getCompressedSize();
                    try (InputStream in = zip.getInputStream(e)) {
                        // what the inflater has consumed so far when the stream says, else the entry's
                        // whole compressed size (a bomb then stops within ratio x that size)
                        LongSupplier consumed = in instanceof InputStreamStatistics s ? s::getCompressedCount
                                : packed > 0 ? () -> packed : null;
                        target.file(rel, in, e.getSize(), type != 0 && (e.getUnixMode() & 0111) != 0, consumed, false);
                    }
                }
            }
        }
        return target.finish(file, "zip");
    }

    /** A zip symlink's target is its content: read at most a page of it, whatever the entry declares. */
    private static String linkTarget(ZipFile zip, ZipArchiveEntry e, UnpackTarget target) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes(UnpackLimits.MAX_LINK_TARGET_BYTES + 1);
            if (b.length > UnpackLimits.MAX_LINK_TARGET_BYTES) {
                throw target.refuse(e.getName(), "is a symlink whose target is longer than "
                        + UnpackLimits.MAX_LINK_TARGET_BYTES + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
