package ptlab.render;

import ptlab.report.Block;
import ptlab.report.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.analysis.VmaComparison;
import ptlab.parse.MapsEntry;
import ptlab.parse.MapsParser;
import ptlab.parse.VmaDump;
import ptlab.parse.VmaDumpParser;
import ptlab.parse.VmaEntry;

/** Part 2.3: lkp25p3's VMA walk of PID 1 beside /proc/1/maps. */
final class VmaSection {
    static final String TITLE = "Part 2: VMAs of PID 1, module vs /proc/1/maps";

    private VmaSection() {
    }

    static Section build(RenderContext ctx) {
        if (!ctx.run.hasDir("vma")) {
            return Section.notRun(TITLE, "raw/vma/ is absent");
        }
        List<String> missing = ctx.missing("vma/maps.txt", "vma/smaps.txt", "kmsg.txt");
        if (!missing.isEmpty()) {
            return ctx.incomplete(TITLE, missing);
        }
        List<MapsEntry> maps = MapsParser.parseMaps(ctx.run.raw("vma/maps.txt"));
        List<MapsEntry> smaps = MapsParser.parseSmaps(ctx.run.raw("vma/smaps.txt"));
        VmaDump dumps = VmaDumpParser.parse(ctx.kmsg);
        Optional<VmaDump.Dump> dump = dumps.last();
        if (dump.isEmpty()) {
            String d = "no complete vma_dump in kmsg (" + dumps.incomplete() + " incomplete)";
            ctx.oracle(OracleResult.fail(VmaComparison.MAPS_NAME, d));
            ctx.oracle(OracleResult.fail(VmaComparison.FLAGS_NAME, d));
            return new Section(TITLE, true, List.of(new Block.Paragraph(d + ".")));
        }
        VmaComparison cmp = VmaComparison.compare(maps, smaps, dump.get());
        ctx.oracle(planted(ctx).map(rep -> OracleResult.fail(VmaComparison.MAPS_NAME, "failed on purpose on repetition "
                + rep + " (vma_dump.fail_repetitions, a test option); the comparison itself: " + cmp.mapsOracle().detail()))
                .orElse(cmp.mapsOracle()));
        ctx.oracle(cmp.flagsOracle());
        List<List<String>> rows = new ArrayList<>();
        for (VmaComparison.Row r : cmp.rows()) {
            rows.add(List.of(mapsRange(r.maps()), r.maps() == null ? "" : r.maps().perms(),
                    r.maps() == null ? "" : Fmt.hex(r.maps().offset()), r.maps() == null ? "" : r.maps().path(),
                    moduleRange(r.module()), r.module() == null ? "" : r.module().perms(),
                    r.module() == null ? "" : Fmt.hex(r.module().flags()), r.module() == null ? "" : r.module().type(),
                    r.module() == null ? "" : r.module().name(), r.status(), r.flagsStatus()));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(Fmt.f("Last complete dump (kmsg.txt:%d) of pid %d: %d VMAs; %d incomplete dump(s) ignored. %s. %s.",
                dump.get().beginLine(), dump.get().pid(), dump.get().entries().size(), dumps.incomplete(),
                cmp.mapsOracle().detail(), cmp.flagsOracle().detail())));
        blocks.add(new Block.Table(List.of("maps range", "perms", "offset", "path", "module range", "perms (flags)", "vm_flags",
                "type", "name", "status", "VmFlags"), rows));
        ctx.dataset("vma-compare.csv", List.of("maps_line", "maps_start", "maps_end", "maps_perms", "maps_offset", "maps_path",
                "module_idx", "module_start", "module_end", "module_perms", "module_flags", "module_pgoff", "module_type",
                "module_name", "status", "flags_status"), sink -> {
                    for (VmaComparison.Row r : cmp.rows()) {
                        MapsEntry m = r.maps();
                        VmaEntry v = r.module();
                        sink.row(m == null ? "" : Integer.toString(m.line()), m == null ? "" : Fmt.hex(m.start()),
                                m == null ? "" : Fmt.hex(m.end()), m == null ? "" : m.perms(), m == null ? "" : Fmt.hex(m.offset()),
                                m == null ? "" : m.path(), v == null ? "" : Integer.toString(v.idx()), v == null ? "" : Fmt.hex(v.start()),
                                v == null ? "" : Fmt.hex(v.end()), v == null ? "" : v.perms(), v == null ? "" : Fmt.hex(v.flags()),
                                v == null ? "" : Fmt.hex(v.pgoff()), v == null ? "" : v.type(), v == null ? "" : v.name(),
                                r.status(), r.flagsStatus());
                    }
                });
        return new Section(TITLE, true, blocks);
    }

    /** This run's repetition when the spec's vma_dump.fail_repetitions lists it (a failure planted by a test). */
    private static Optional<Integer> planted(RenderContext ctx) {
        if (!java.nio.file.Files.isRegularFile(ctx.run.plan())) {
            return Optional.empty();
        }
        // read as a tree: a run folder of any plan version renders
        java.util.List<Integer> fail = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode w : ptlab.json.Json.tree(ctx.run.plan()).path("spec").path("workloads")) {
                if (w.path("kind").asText().equals(ptlab.spec.VmaDumpWorkload.KIND)) {
                    w.path("fail_repetitions").forEach(n -> fail.add(n.asInt()));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (fail.isEmpty()) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-r(\\d+)$").matcher(ctx.run.dir().getFileName()
                .toString());
        Integer rep = ctx.manifest.repetition() != null ? ctx.manifest.repetition()
                : m.find() ? Integer.valueOf(m.group(1)) : null;
        return rep != null && fail.contains(rep) ? Optional.of(rep) : Optional.empty();
    }

    private static String mapsRange(MapsEntry m) {
        return m == null ? "" : Fmt.hex(m.start()) + "-" + Fmt.hex(m.end());
    }

    private static String moduleRange(VmaEntry v) {
        return v == null ? "" : Fmt.hex(v.start()) + "-" + Fmt.hex(v.end());
    }
}
