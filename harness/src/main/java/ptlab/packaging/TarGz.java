package ptlab.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;

/**
 * A reproducible .tar.gz in plain Java: ustar entries in sorted order, fixed mtime, uid/gid 0, owner
 * root, mode 0644 (0755 for directories), and a gzip header without a timestamp.
 */
public final class TarGz {
    /** 2026-01-01T00:00:00Z, the same instant as the build's project.build.outputTimestamp. */
    public static final long MTIME = 1767225600L;
    private static final int BLOCK = 512;
    private static final int RECORD = 20 * BLOCK;

    private TarGz() {
    }

    /**
     * Writes {@code entries} (name to content; a name ending in '/' is a directory with null content).
     */
    public static void write(Path out, SortedMap<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(out); GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16)) {
            long written = 0;
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                boolean dir = e.getKey().endsWith("/");
                byte[] data = dir ? new byte[0] : e.getValue();
                gz.write(header(e.getKey(), data.length, dir));
                gz.write(data);
                int pad = (BLOCK - data.length % BLOCK) % BLOCK;
                gz.write(new byte[pad]);
                written += BLOCK + data.length + pad;
            }
            gz.write(new byte[2 * BLOCK]);
            written += 2 * BLOCK;
            gz.write(new byte[(int) ((RECORD - written % RECORD) % RECORD)]);
        }
    }

    static byte[] header(String name, long size, boolean dir) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100) {
            throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, dir ? 0755 : 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        h[156] = (byte) (dir ? '5' : '0');
        ascii(h, 257, "ustar");
        ascii(h, 263, "00");
        ascii(h, 265, "root");
        ascii(h, 297, "root");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format(java.util.Locale.ROOT, "%06o", sum);
        ascii(h, 148, chk);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** Zero-padded octal in {@code len - 1} digits plus a NUL. */
    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            throw new IllegalArgumentException("value too large for a tar header field: " + v);
        }
        s = "0".repeat(len - 1 - s.length()) + s;
        ascii(h, off, s);
        h[off + len - 1] = 0;
    }

    private static void ascii(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
