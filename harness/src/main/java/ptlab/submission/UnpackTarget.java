package ptlab.submission;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import ptlab.HarnessException;

/**
 * The folder an archive or folder is unpacked into, with the running counts every limit is checked
 * against. Readers hand it entries one by one; links are only recorded, and become copies of what they
 * point to once every entry is on the disk ({@link #finish}), so nothing written is ever a symlink.
 */
final class UnpackTarget {
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final String source;
    private final UnpackLimits limits;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private int entries;
    private int files;
    private long total;
    /** Entries under a hidden folder (.git/, .vscode/) or __MACOSX/: counted, never written. */
    private int hidden;
    private final List<String> leftOut = new ArrayList<>();
    /** What a build reads: a file this large that is none of these is left out, not a refusal. */
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "(?i)(?:.*/)?(?:[^/]*\\.(?:c|h|s|cc|cpp|hpp|mk)|makefile|gnumakefile|kbuild)");

    private record Link(String target, boolean hard) {
    }

    UnpackTarget(Path root, String source, UnpackLimits limits) {
        this.root = root;
        this.source = source;
        this.limits = limits;
    }

    /** The refusal every reader throws: the archive, the entry, and why. */
    HarnessException refuse(String entry, String why) {
        return HarnessException.usage("refused " + source + ": entry '" + entry + "': " + why);
    }

    HarnessException refuse(String why) {
        return HarnessException.usage("refused " + source + ": " + why);
    }

    /**
     * The decompressed bytes of a whole tar, headers included, capped at the total limit plus
     * {@link UnpackLimits#HEADER_ALLOWANCE_BYTES} an entry: a bomb hidden in a long name or a pax header,
     * which Commons Compress reads into memory before any entry exists, stops there too.
     */
    InputStream metered(InputStream in) {
        long cap = limits.maxTotalBytes() + (long) limits.maxEntries() * UnpackLimits.HEADER_ALLOWANCE_BYTES;
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(long n) {
                read += n;
                if (read > cap) {
                    throw refuse("its tar stream, headers included, runs past " + UnpackLimits.size(cap)
                            + " (the total limit plus " + UnpackLimits.size(UnpackLimits.HEADER_ALLOWANCE_BYTES) + " of headers an entry)");
                }
            }
        };
    }

    /** Counts one more entry and checks its name; returns its path relative to the folder ("" for the top). */
    String enter(String rawName) {
        String rel;
        try {
            rel = EntryNames.relative(rawName);
        } catch (IllegalArgumentException e) {
            throw refuse(rawName, e.getMessage());
        }
        if (hidden(rel)) {
            if (++hidden > 20 * limits.maxEntries()) {
                throw refuse(rawName, "more than " + 20 * limits.maxEntries() + " entries under hidden folders");
            }
        } else if (++entries > limits.maxEntries()) {
            throw refuse(rawName, "more than " + limits.maxEntries() + " entries (the limit on files, folders and links)");
        }
        return rel;
    }

    /** Under a folder no build reads: one whose name starts with a dot (.git, .vscode), or __MACOSX. */
    static boolean hidden(String rel) {
        String[] c = rel.split("/");
        for (int i = 0; i < c.length - 1; i++) {
            if (hiddenName(c[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean hiddenName(String name) {
        return name.startsWith(".") || name.equals("__MACOSX");
    }

    void directory(String rel) throws IOException {
        if (hidden(rel) || hiddenName(rel.substring(rel.lastIndexOf('/') + 1))) {
            return;
        }
        if (!rel.isEmpty()) {
            mkdirs(rel, root.resolve(rel));
        }
    }

    /**
     * Writes one file, reading {@code in} only while every limit holds.
     *
     * @param declared   the size the archive states, -1 if none; refused up front when over the limit
     * @param compressed compressed bytes consumed so far for the ratio check, null when not compressed
     * @param wholeStream whether the ratio is of the whole stream (gzip) rather than of this entry (zip)
     */
    void file(String rel, InputStream in, long declared, boolean executable, LongSupplier compressed, boolean wholeStream)
            throws IOException {
        if (hidden(rel)) {
            return;
        }
        boolean source = SOURCE.matcher(rel).matches();
        if (declared > limits.maxFileBytes()) {
            if (!source) {
                leftOut(rel, UnpackLimits.size(declared));
                return;
            }
            throw refuse(rel, "declares " + UnpackLimits.size(declared) + ", over the " + UnpackLimits.size(limits.maxFileBytes())
                    + " limit for one file");
        }
        Path out = root.resolve(rel);
        mkdirs(rel, out.getParent());
        long written = 0;
        byte[] buf = new byte[BUFFER];
        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                written += n;
                total += n;
                if (written > limits.maxFileBytes() && !source) {
                    // a log or data file over the limit: what was written goes, the rest is skipped by the reader
                    total -= written;
                    os.close();
                    Files.delete(out);
                    leftOut(rel, "more than " + UnpackLimits.size(limits.maxFileBytes()));
                    return;
                }
                if (written > limits.maxFileBytes()) {
                    throw refuse(rel, "is larger than the " + UnpackLimits.size(limits.maxFileBytes()) + " limit for one file");
                }
                if (total > limits.maxTotalBytes()) {
                    throw refuse(rel, "unpacks past the " + UnpackLimits.size(limits.maxTotalBytes()) + " limit for the whole submission");
                }
                checkRatio(rel, compressed, wholeStream ? total : written);
                os.write(buf, 0, n);
            }
        } catch (FileSystemException e) {
            throw refuse(rel, "cannot be written where it wants to go (" + e.getMessage() + ")");
        }
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        files++;
    }

    private void checkRatio(String rel, LongSupplier compressed, long produced) {
        if (compressed == null || produced <= UnpackLimits.RATIO_GRACE_BYTES) {
            return;
        }
        long in = Math.max(1, compressed.getAsLong());
        if (produced / in > limits.maxRatio()) {
            throw refuse(rel, "expands more than " + limits.maxRatio() + ":1 (" + UnpackLimits.size(produced) + " from "
                    + UnpackLimits.size(in) + " compressed): a zip bomb; stopped reading");
        }
    }

    /** A symlink ({@code hard} false, target relative to its folder) or tar hard link (target from the top). */
    private void leftOut(String rel, String size) {
        leftOut.add(rel + " (" + size + ")");
    }

    void link(String rel, String target, boolean hard) {
        if (hidden(rel)) {
            return;
        }
        Optional<String> inside = hard ? EntryNames.hardLinkTarget(target) : EntryNames.symlinkTarget(rel, target);
        if (inside.isEmpty()) {
            throw refuse(rel, (hard ? "hard link" : "symlink") + " to '" + target + "' leaves the folder");
        }
        links.put(rel, new Link(inside.get(), hard));
    }

    /** Turns each link into a copy of the file it points to (following links among them), then reports. */
    Unpacked finish(Path input, String kind) throws IOException {
        for (Map.Entry<String, Link> e : links.entrySet()) {
            String at = e.getValue().target();
            for (int hops = 0; links.containsKey(at); hops++) {
                if (hops > links.size()) {
                    throw refuse(e.getKey(), "is part of a loop of links");
                }
                at = links.get(at).target();
            }
            Path from = root.resolve(at);
            Path to = root.resolve(e.getKey());
            String what = e.getValue().hard() ? "hard link" : "symlink";
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                notes.add("dropped " + what + " " + e.getKey() + ": another entry has its name");
            } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS)) {
                    file(e.getKey(), in, Files.size(from), Files.isExecutable(from), null, false);
                }
                notes.add(what + " " + e.getKey() + " -> " + at + " copied as a file");
            } else if (e.getValue().hard()) {
                throw refuse(e.getKey(), "hard link to '" + at + "', which is not a file of the archive");
            } else {
                notes.add("dropped symlink " + e.getKey() + " -> " + at + ": " + (Files.isDirectory(from) ? "a folder"
                        : "nothing in the submission") + " is there");
            }
        }
        if (hidden > 0) {
            notes.add(hidden + " entries under hidden folders (.git/, __MACOSX/ and the like) left out: no build reads them");
        }
        if (!leftOut.isEmpty()) {
            notes.add("left out, each over the " + UnpackLimits.size(limits.maxFileBytes()) + " limit for one file and"
                    + " not a source or Makefile: " + String.join(", ", leftOut));
        }
        return new Unpacked(root, input, kind, files, total, notes);
    }

    void note(String text) {
        notes.add(text);
    }

    private void mkdirs(String rel, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw refuse(rel, "its folder is a file in the submission (" + e.getMessage() + ")");
        }
    }
}
