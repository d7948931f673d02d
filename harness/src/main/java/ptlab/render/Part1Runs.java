package ptlab.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ptlab.judge.Lines;
import ptlab.judge.Part1Judge;
import ptlab.judge.Part1Truth;
import ptlab.parse.KeyValueFile;
import ptlab.parse.PagemapCsvParser;
import ptlab.parse.PagemapTable;

/**
 * What the Part 1 driver left in raw/submission/part1/: a run-K/ folder per run of the student's memalloc
 * with the harness's files (ptlab-*: the truth snapshots, maps, statuses) and everything else the student's
 * programs printed or wrote. Each run's outputs are judged against that run's truth.
 */
final class Part1Runs {
    /** Bytes read of a file to tell text from binary (a figure they wrote). */
    private static final int SNIFF = 4096;

    /** One run as the driver recorded it. */
    record Run(String name, String args, Map<String, String> memalloc, String pagemap) {
    }

    private Part1Runs() {
    }

    static List<Path> runDirs(Path part1) {
        try (Stream<Path> s = Files.list(part1)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("run-\\d+"))
                    .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Run run(Path dir) {
        Path status = dir.resolve("ptlab-memalloc.status");
        Map<String, String> m = Files.exists(status) ? KeyValueFile.parse(status).values() : Map.of();
        StringBuilder pm = new StringBuilder();
        for (Path p : files(dir, f -> f.getFileName().toString().matches("ptlab-pagemap-\\d+\\.status"))) {
            pm.append(read(p).replace('\n', ' ').strip()).append("; ");
        }
        return new Run(dir.getFileName().toString(), read(dir.resolve("ptlab-args.txt")).strip(), m, pm.toString().strip());
    }

    /** Feeds every student output of the run to the judge, against the run's truth; returns its first lines. */
    static String judge(Path dir, Part1Judge judge) {
        List<PagemapTable> snapshots = new ArrayList<>();
        for (Path p : files(dir, f -> f.getFileName().toString().matches("ptlab-truth-.*\\.csv"))) {
            snapshots.add(PagemapCsvParser.parse(p));
        }
        Part1Truth truth = new Part1Truth(snapshots);
        StringBuilder excerpt = new StringBuilder();
        for (Path p : files(dir, f -> !f.getFileName().toString().startsWith("ptlab-") && !f.getFileName().toString().equals("ctl"))) {
            String name = dir.getFileName() + "/" + dir.relativize(p);
            if (!text(p)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
                judge.read(dir.getFileName().toString(), truth, name, in.lines().iterator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (Stream<String> l = Files.lines(p, StandardCharsets.ISO_8859_1)) {
                l.filter(s -> !s.isBlank()).limit(4).forEach(s -> excerpt.append(name).append(": ").append(Lines.cut(s)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return excerpt.toString();
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No NUL byte in its first bytes: text a reader can try. */
    private static boolean text(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(SNIFF);
            for (byte x : b) {
                if (x == 0) {
                    return false;
                }
            }
            return b.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
