package ptlab.packaging;

import ptlab.render.FigureFile;
import ptlab.render.RenderPipeline;
import ptlab.render.RenderResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;

/**
 * The lkp25-p3 submission: {@code <ID>-lkp25-p3.tar.gz} holding part1/*.[ch] (memalloc.c, pagemap.c
 * and the headers they include), part2/*.[ch] (the lkp25p3 module sources, memalloc.c and its
 * headers) plus a Kbuild, a top-level Makefile for both parts, and each run's figures as PDFs under
 * the part they belong to. Re-renders every run first, so the figures match raw/ exactly.
 */
public final class SubmissionPackager {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    /** What was written, and the render results behind it (for oracle warnings). */
    public record Result(Path tarball, List<String> entries, List<RenderResult> renders) {
        public Result {
            entries = List.copyOf(entries);
            renders = List.copyOf(renders);
        }
    }

    private SubmissionPackager() {
    }

    /**
     * @param sourceRoot the checkout holding workloads/ and kmod/lkp25p3/; null to take the first run's
     *                   manifest {@code source_root}, or failing that the current directory
     * @param outDir     where the tarball goes; null for the first run folder
     */
    public static Result pack(List<Path> runDirs, String id, Path sourceRoot, Path outDir) {
        if (id == null || !ID.matcher(id).matches()) {
            throw HarnessException.usage("--id must be letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        if (runDirs.isEmpty()) {
            throw HarnessException.usage("give at least one run folder");
        }
        Path root = sourceRoot != null ? sourceRoot : sourceRootOf(runDirs.get(0));
        SortedMap<String, byte[]> entries = new TreeMap<>();
        sources(root, entries);
        List<RenderResult> renders = new ArrayList<>();
        for (Path dir : runDirs) {
            RenderResult r = RenderPipeline.render(dir);
            renders.add(r);
            reproducible(dir, entries);
            for (FigureFile f : r.figures()) {
                if (f.part().equals("part1") || f.part().equals("part2")) {
                    put(entries, f.part() + "/" + f.pdf().getFileName(), read(f.pdf()));
                }
            }
        }
        entries.put("Makefile", resource("submission.Makefile"));
        entries.put("part1/", null);
        entries.put("part2/", null);
        Path out = (outDir != null ? outDir : runDirs.get(0)).resolve(id + "-lkp25-p3.tar.gz");
        try {
            Files.createDirectories(out.getParent());
            TarGz.write(out, entries);
        } catch (IOException e) {
            throw HarnessException.infra("writing " + out + ": " + e.getMessage(), e);
        }
        return new Result(out, new ArrayList<>(entries.keySet()), renders);
    }

    /**
     * What {@code harness reproduce} needs of a run, under reproduce/&lt;run-id&gt;/: its plan, manifest,
     * oracles and datasets (the original's results to compare with) and the exact sources it staged.
     */
    private static void reproducible(Path dir, SortedMap<String, byte[]> entries) {
        RunFolder run = new RunFolder(dir);
        String base = "reproduce/" + dir.toAbsolutePath().normalize().getFileName() + "/";
        for (Path f : List.of(run.plan(), run.manifest(), run.oracles())) {
            if (Files.isRegularFile(f)) {
                put(entries, base + f.getFileName(), read(f));
            }
        }
        for (var tree : List.of(java.util.Map.entry(run.datasets(), "datasets/"),
                java.util.Map.entry(run.stagedSources(), "src/"))) {
            if (!Files.isDirectory(tree.getKey())) {
                continue;
            }
            try (Stream<Path> s = Files.walk(tree.getKey())) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    put(entries, base + tree.getValue() + tree.getKey().relativize(p), read(p));
                }
            } catch (IOException e) {
                throw HarnessException.infra("reading " + tree.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    static Path sourceRootOf(Path runDir) {
        Manifest m = Manifest.readIfPresent(new RunFolder(runDir).manifest());
        return Optional.ofNullable(m.sourceRoot()).map(Path::of).filter(Files::isDirectory).orElse(Path.of("").toAbsolutePath());
    }

    private static void sources(Path root, SortedMap<String, byte[]> entries) {
        Path workloads = root.resolve("workloads");
        Path kmod = root.resolve("kmod/lkp25p3");
        if (!Files.isDirectory(workloads) || !Files.isDirectory(kmod)) {
            throw HarnessException.usage("source root " + root + " lacks workloads/ or kmod/lkp25p3/; pass --source-root");
        }
        withHeaders(List.of(workloads), "memalloc.c", "pagemap.c")
                .forEach((f, p) -> put(entries, "part1/" + f, read(p)));
        List<String> kmodFiles = list(kmod);
        if (kmodFiles.stream().noneMatch(f -> f.endsWith(".c"))) {
            throw HarnessException.usage(kmod + " has no .c file");
        }
        // the module's own files plus the shared headers it includes (kmod/common)
        withHeaders(List.of(kmod, root.resolve("kmod/common")), kmodFiles.toArray(String[]::new))
                .forEach((f, p) -> put(entries, "part2/" + f, read(p)));
        withHeaders(List.of(workloads), "memalloc.c").forEach((f, p) -> put(entries, "part2/" + f, read(p)));
        Path kbuild = kmod.resolve("Kbuild");
        put(entries, "part2/Kbuild", Files.isRegularFile(kbuild) ? read(kbuild) : kbuild(kmodFiles));
    }

    /**
     * The named sources, every header they include with quotes (transitively, found in the first of
     * {@code dirs} that has it), and for each header {@code x.h} its implementation {@code x.c} beside
     * it, so the flat part folders compile and link: file name -> where it comes from, sorted.
     */
    static java.util.SortedMap<String, Path> withHeaders(List<Path> dirs, String... sources) {
        java.util.SortedMap<String, Path> seen = new java.util.TreeMap<>();
        List<String> todo = new ArrayList<>(List.of(sources));
        while (!todo.isEmpty()) {
            String f = todo.remove(0);
            if (seen.containsKey(f)) {
                continue;
            }
            Path p = dirs.stream().map(d -> d.resolve(f)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> HarnessException.usage("missing source " + f + " (looked in " + dirs + ")"));
            seen.put(f, p);
            Matcher m = INCLUDE.matcher(new String(read(p), StandardCharsets.UTF_8));
            while (m.find()) {
                String inc = m.group(1);
                if (inc.contains("/")) {
                    throw HarnessException.usage(p + " includes \"" + inc + "\", which the flat part1/part2 layout cannot hold");
                }
                todo.add(inc);
            }
            if (f.endsWith(".h")) {
                String impl = f.substring(0, f.length() - 2) + ".c";
                if (Files.isRegularFile(p.resolveSibling(impl))) {
                    todo.add(impl);
                }
            }
        }
        return seen;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c") || n.endsWith(".h")).sorted().toList();
        } catch (IOException e) {
            throw HarnessException.infra("listing " + dir + ": " + e.getMessage(), e);
        }
    }

    /** obj-m for lkp25p3.ko: one source named lkp25p3.c, or every .c linked into it. */
    static byte[] kbuild(List<String> files) {
        List<String> objs = files.stream().filter(f -> f.endsWith(".c")).map(f -> f.substring(0, f.length() - 2) + ".o").toList();
        String text = "# generated by harness package\nobj-m := lkp25p3.o\n";
        if (!(objs.size() == 1 && objs.get(0).equals("lkp25p3.o"))) {
            if (objs.contains("lkp25p3.o")) {
                throw HarnessException.usage("kmod/lkp25p3 has lkp25p3.c and other .c files: add a Kbuild that links them");
            }
            text += "lkp25p3-y := " + String.join(" ", objs) + "\n";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(SortedMap<String, byte[]> entries, String name, byte[] data) {
        byte[] old = entries.put(name, data);
        if (old != null && !java.util.Arrays.equals(old, data)) {
            throw HarnessException.usage("two different files want the name " + name + " in the submission");
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw HarnessException.infra("reading " + p + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SubmissionPackager.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw HarnessException.infra("reading resource " + name + ": " + e.getMessage(), e);
        }
    }
}
