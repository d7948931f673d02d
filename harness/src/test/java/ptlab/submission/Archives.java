package ptlab.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Archives written in the test with Commons Compress: any entry a hostile archive could hold. */
final class Archives {
    /** What an entry is: the tar type flag, or for zip the Unix file type bits. */
    enum Kind { FILE, DIR, SYMLINK, HARDLINK, CHARDEV, BLOCKDEV, FIFO }

    /** One entry: content for files, the target for links; {@code zeros} bytes of zeros when content is null. */
    record Entry(String name, Kind kind, String text, long zeros, int mode) {
        static Entry file(String name, String text) {
            return new Entry(name, Kind.FILE, text, 0, 0644);
        }

        static Entry zeros(String name, long n) {
            return new Entry(name, Kind.FILE, null, n, 0644);
        }

        static Entry of(String name, Kind kind, String target) {
            return new Entry(name, kind, target, 0, kind == Kind.DIR ? 0755 : 0644);
        }

        long size() {
            return text != null ? text.getBytes(StandardCharsets.UTF_8).length : zeros;
        }
    }

    private Archives() {
    }

    static Path tar(Path out, boolean gzip, List<Entry> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(out);
                OutputStream body = gzip ? new GzipCompressorOutputStream(file) : file;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(body)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = switch (e.kind()) {
                    case FILE -> new TarArchiveEntry(e.name(), true);
                    case DIR -> new TarArchiveEntry(e.name().endsWith("/") ? e.name() : e.name() + "/", true);
                    case SYMLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
                    case HARDLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK, true);
                    case CHARDEV -> new TarArchiveEntry(e.name(), TarConstants.LF_CHR, true);
                    case BLOCKDEV -> new TarArchiveEntry(e.name(), TarConstants.LF_BLK, true);
                    case FIFO -> new TarArchiveEntry(e.name(), TarConstants.LF_FIFO, true);
                };
                t.setMode(e.mode() | (t.getMode() & 0170000));
                if (e.kind() == Kind.SYMLINK || e.kind() == Kind.HARDLINK) {
                    t.setLinkName(e.text());
                }
                if (e.kind() == Kind.FILE) {
                    t.setSize(e.size());
                }
                tar.putArchiveEntry(t);
                if (e.kind() == Kind.FILE) {
                    write(tar, e);
                }
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    /**
     * A tar.gz whose one file has a name of {@code length} bytes, given as a pax record written by hand
     * (Commons Compress takes quadratic time to write such a name itself).
     */
    static Path paxName(Path out, int length) throws IOException {
        String body = " path=" + "a".repeat(length) + "\n";
        int len = body.length() + String.valueOf(body.length()).length();
        len = body.length() + String.valueOf(len).length();
        byte[] record = (len + body).getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(out); OutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            TarArchiveEntry pax = new TarArchiveEntry("PaxHeader/a", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            pax.setSize(record.length);
            tar.putArchiveEntry(pax);
            tar.write(record);
            tar.closeArchiveEntry();
            TarArchiveEntry e = new TarArchiveEntry("short");
            e.setSize(1);
            tar.putArchiveEntry(e);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        return out;
    }

    static Path zip(Path out, List<Entry> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Entry e : entries) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.kind() == Kind.DIR && !e.name().endsWith("/") ? e.name() + "/" : e.name());
                int type = switch (e.kind()) {
                    case FILE -> 0100000;
                    case DIR -> 040000;
                    case SYMLINK -> 0120000;
                    case CHARDEV -> 0020000;
                    case BLOCKDEV -> 0060000;
                    case FIFO -> 0010000;
                    case HARDLINK -> throw new IllegalArgumentException("zip has no hard links");
                };
                z.setUnixMode(type | e.mode());
                zip.putArchiveEntry(z);
                if (e.kind() == Kind.FILE || e.kind() == Kind.SYMLINK) {
                    write(zip, e);
                }
                zip.closeArchiveEntry();
            }
        }
        return out;
    }

    /** Every file under {@code dir}, named from {@code prefix} on: a real tree packed as a student would. */
    static List<Entry> tree(Path dir, String prefix) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String rel = prefix + dir.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.add(Entry.of(rel.isEmpty() ? "./" : rel, Kind.DIR, null));
                } else {
                    out.add(Entry.file(rel, Files.readString(p)));
                }
            }
        }
        return out;
    }

    private static void write(OutputStream out, Entry e) throws IOException {
        if (e.text() != null) {
            out.write(e.text().getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] zeros = new byte[1 << 16];
        for (long left = e.zeros(); left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
