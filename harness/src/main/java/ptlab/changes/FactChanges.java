package ptlab.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.image.ImagePackages;
import ptlab.report.CellData;
import ptlab.runfolder.Manifest;

/**
 * The changes of one image that are facts rather than measurements: what the image is (kernel release, suite,
 * the kernel's and disk's sha256, how many packages it holds and which of them changed, the guest's gcc), each
 * oracle's passes, and each component's build warnings.
 */
final class FactChanges {
    /** How many changed packages a change's text names before it says how many more there are. */
    static final int PACKAGES_SHOWN = 30;
    /** The pseudo-oracle every cell checks: its guest kernel did not crash (a crash leaves no failed oracle). */
    static final String NO_CRASH = "guest kernel did not crash";

    private FactChanges() {
    }

    /** The kernel release always; the other image facts when they differ. */
    static List<Change> image(String image, List<CellData> base, List<CellData> cur) {
        Map<String, Function<CellData, String>> facts = new LinkedHashMap<>();
        facts.put("kernel release", c -> c.manifest().guestKernel() != null ? c.manifest().guestKernel()
                : imageFact(c, Manifest.ImageFacts::kernelRelease));
        facts.put("suite", c -> imageFact(c, Manifest.ImageFacts::suite));
        facts.put("kernel sha256", c -> imageFact(c, Manifest.ImageFacts::kernelSha256));
        facts.put("disk sha256", c -> imageFact(c, Manifest.ImageFacts::diskSha256));
        facts.put("packages", c -> imageFact(c, f -> f.packages() == null ? null : f.packages().toString()));
        facts.put("guest gcc", FactChanges::gcc);
        List<Change> out = new ArrayList<>();
        facts.forEach((name, fact) -> {
            String b = distinct(base, fact);
            String c = distinct(cur, fact);
            if (name.equals("kernel release") || !b.equals(c)) {
                out.add(new Change(Change.Kind.IMAGE, image, name, Change.Side.fact(b, base.size()),
                        Change.Side.fact(c, cur.size()), null, null, b.equals(c) ? Label.UNCHANGED : Label.CHANGED, null));
            }
        });
        packages(image, base, cur).ifPresent(out::add);
        return out;
    }

    /**
     * The packages whose versions differ, were added or were removed, from the run folders' copies of the image
     * manifest's list; nothing when either side has no list (runs recorded before the list was) or none differ.
     */
    static java.util.Optional<Change> packages(String image, List<CellData> base, List<CellData> cur) {
        var b = packageList(base);
        var c = packageList(cur);
        if (b.isEmpty() || c.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> diff = ImagePackages.diff(b.get(), c.get());
        if (diff.isEmpty()) {
            return java.util.Optional.empty();
        }
        String text = String.join("; ", diff.subList(0, Math.min(PACKAGES_SHOWN, diff.size())))
                + (diff.size() > PACKAGES_SHOWN ? "; and " + (diff.size() - PACKAGES_SHOWN) + " more" : "");
        return java.util.Optional.of(new Change(Change.Kind.IMAGE, image, "changed packages",
                Change.Side.fact(b.get().size() + " packages", base.size()),
                Change.Side.fact(diff.size() + " changed: " + text, cur.size()), null, null, Label.CHANGED, null));
    }

    private static java.util.Optional<Map<String, String>> packageList(List<CellData> cells) {
        return cells.stream().map(c -> ImagePackages.read(c.folder().imagePackages())).flatMap(java.util.Optional::stream)
                .findFirst();
    }

    /**
     * Every oracle either campaign checked, and whether the guest kernel crashed: pass-to-fail when every
     * repetition of the baseline passed it and one now fails, fail-to-pass the other way round. A check that was
     * not applicable counts neither way.
     */
    static List<Change> oracles(String image, List<CellData> base, List<CellData> cur) {
        Set<String> names = new LinkedHashSet<>();
        base.forEach(c -> c.oracles().forEach(o -> names.add(o.name())));
        cur.forEach(c -> c.oracles().forEach(o -> names.add(o.name())));
        names.add(NO_CRASH);
        List<Change> out = new ArrayList<>();
        for (String name : names) {
            Change.Side b = passes(base, name);
            Change.Side c = passes(cur, name);
            boolean wasClean = b.repetitions() > 0 && b.passed().equals(b.repetitions());
            boolean isClean = c.repetitions() > 0 && c.passed().equals(c.repetitions());
            Label label = wasClean && c.repetitions() > 0 && !isClean ? Label.PASS_TO_FAIL
                    : !wasClean && b.repetitions() > 0 && isClean ? Label.FAIL_TO_PASS : Label.UNCHANGED;
            out.add(new Change(Change.Kind.ORACLE, image, name, b, c, null, null, label, null));
        }
        return out;
    }

    /** Per component, the most warnings any repetition's build had; called when the current count is higher. */
    static List<Change> warnings(String image, List<CellData> base, List<CellData> cur) {
        Set<String> components = new LinkedHashSet<>();
        for (CellData c : base) {
            components.addAll(warningsOf(c).keySet());
        }
        for (CellData c : cur) {
            components.addAll(warningsOf(c).keySet());
        }
        List<Change> out = new ArrayList<>();
        for (String comp : components) {
            long b = base.stream().mapToLong(c -> warningsOf(c).getOrDefault(comp, 0L)).max().orElse(0);
            long c = cur.stream().mapToLong(x -> warningsOf(x).getOrDefault(comp, 0L)).max().orElse(0);
            out.add(new Change(Change.Kind.BUILD_WARNINGS, image, comp, Change.Side.fact(Long.toString(b), base.size()),
                    Change.Side.fact(Long.toString(c), cur.size()), null, null, c > b ? Label.CHANGED : Label.UNCHANGED,
                    null));
        }
        return out;
    }

    static Change.Side passes(List<CellData> cells, String name) {
        int passed = 0;
        int judged = 0;
        for (CellData c : cells) {
            if (name.equals(NO_CRASH)) {
                boolean crashed = c.manifest().recordedOutcome().filter(Predicate.isEqual(Outcome.KERNEL_CRASH)).isPresent();
                judged++;
                passed += crashed ? 0 : 1;
                continue;
            }
            for (OracleResult o : c.oracles()) {
                if (o.name().equals(name) && (o.passed() || o.failed())) {
                    judged++;
                    passed += o.passed() ? 1 : 0;
                }
            }
        }
        String text = judged == 0 ? "not checked" : passed + " of " + judged + " passed";
        return new Change.Side(text, null, passed, judged);
    }

    private static Map<String, Long> warningsOf(CellData c) {
        return c.manifest().buildWarnings() == null ? Map.of() : c.manifest().buildWarnings();
    }

    private static String imageFact(CellData c, Function<Manifest.ImageFacts, String> f) {
        return c.manifest().image() == null ? null : f.apply(c.manifest().image());
    }

    /** The first line of raw/guest/gcc.txt: the guest's compiler, which builds the modules. */
    private static String gcc(CellData c) {
        Path p = c.folder().guestInfo().resolve("gcc.txt");
        try {
            return Files.isRegularFile(p) ? Files.readAllLines(p).stream().findFirst().orElse(null) : null;
        } catch (IOException e) {
            throw ptlab.HarnessException.infra("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String distinct(List<CellData> cells, Function<CellData, String> fact) {
        List<String> v = cells.stream().map(fact).filter(java.util.Objects::nonNull).distinct().toList();
        return v.isEmpty() ? "-" : String.join(", ", v);
    }
}
