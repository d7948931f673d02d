package ptlab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ptlab.files.Trees;

/** File helpers shared by tests, and the ways tests break captured runs on purpose. */
public final class TestFiles {
    private static final Pattern LAT = Pattern.compile("(lkp25p3: xlate .* lat_ns=)(\\d+)");

    private TestFiles() {
    }

    /** Copies the folder {@code from} (recursively) to {@code to}; returns {@code to}. */
    public static Path copyTree(Path from, Path to) throws IOException {
        return Trees.copy(from, to);
    }

    /** Changes one digit of the first module translation's PA in a kmsg.txt: one mismatch with pagemap. */
    public static void flipOnePhysicalAddress(Path kmsg) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(kmsg));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("lkp25p3: xlate va=") && l.contains(" pa=0x")) {
                int at = l.indexOf(" pa=0x") + 6;
                lines.set(i, l.substring(0, at) + (l.charAt(at) == '1' ? '2' : '1') + l.substring(at + 1));
                break;
            }
        }
        Files.write(kmsg, lines);
    }

    /** Multiplies every module walk latency in a kmsg.txt by {@code factor}. */
    public static void slowDownModuleWalk(Path kmsg, long factor) throws IOException {
        slowDownModuleWalkAbove(kmsg, factor, 0);
    }

    /**
     * Multiplies by {@code factor} only the module walk latencies above the {@code quantile} of them (0.95: the
     * slowest 5%): a run whose tail alone moved, as host interference moves it.
     */
    public static void slowDownModuleWalkAbove(Path kmsg, long factor, double quantile) throws IOException {
        List<String> lines = Files.readAllLines(kmsg);
        long[] lat = lines.stream().map(LAT::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(2)))
                .sorted().toArray();
        long threshold = quantile <= 0 ? Long.MIN_VALUE : lat[(int) Math.min(lat.length - 1, quantile * lat.length)];
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            Matcher m = LAT.matcher(line);
            boolean slow = m.find() && Long.parseLong(m.group(2)) > threshold;
            sb.append(slow ? line.substring(0, m.start(2)) + Long.parseLong(m.group(2)) * factor
                    + line.substring(m.end(2)) : line).append('\n');
        }
        Files.writeString(kmsg, sb.toString());
    }

    /** The bytes of the named files of {@code dir} and of every file in its {@code folders}, by relative path. */
    public static TreeMap<String, byte[]> contents(Path dir, List<String> files, List<String> folders)
            throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        for (String f : files) {
            out.put(f, Files.readAllBytes(dir.resolve(f)));
        }
        for (String sub : folders) {
            try (Stream<Path> s = Files.list(dir.resolve(sub))) {
                for (Path p : s.sorted().toList()) {
                    out.put(sub + "/" + p.getFileName(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}
