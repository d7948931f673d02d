package ptlab.grade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ptlab.SourceLocatedException;
import ptlab.spec.InvalidSpecException;
import ptlab.submission.Assignment;
import ptlab.yaml.YamlDoc;

/**
 * How a class is graded (a YAML file under experiments/rubrics/): which assignment, the experiment spec whose
 * workloads (and their durations) every submission runs, the time limit of the student's programs, the items
 * with their points each bound to an oracle, and the deductions. Validated like a spec: every problem names the
 * file, line, column and field.
 *
 * @param rubric      its name, used in the grades' folder and the exports
 * @param assignment  lkp25-p3 or pagetable
 * @param spec        the experiment spec, relative to the rubric's folder
 * @param timeLimitS  what each of the student's programs may take (submission.time_limit_s); null: the spec's
 * @param items       what earns points
 * @param deductions  what takes points off
 */
public record Rubric(String rubric, String assignment, String spec, Integer timeLimitS, List<Item> items,
        List<Deduction> deductions) {
    public Rubric {
        items = items == null ? List.of() : List.copyOf(items);
        deductions = deductions == null ? List.of() : List.copyOf(deductions);
    }

    /**
     * An item: full {@code points} when its oracle passes; with {@code fullFrom} and {@code noneBelow}, the
     * oracle's share right gives partial credit (full from {@code fullFrom}, none below {@code noneBelow}, linear
     * between). A hidden item counts in the gradebook but its feedback is held back until released.
     *
     * @param oracle the oracle's name, or the start of it ("2.2 translate")
     */
    public record Item(String id, String title, double points, String oracle, Double fullFrom, Double noneBelow,
            Boolean hidden) {
        public boolean isHidden() {
            return Boolean.TRUE.equals(hidden);
        }
    }

    /**
     * Points taken off {@code points} at a time for each {@code per}, at most {@code max} in all.
     *
     * @param per warning (each compiler warning in the student's builds), crash (a part ended in KERNEL_CRASH),
     *            timeout, flood (LOG_FLOOD), unload (the module would not unload)
     */
    public record Deduction(String id, String title, double points, String per, Double max) {
    }

    /** What a deduction can count. */
    static final List<String> PER = List.of("warning", "crash", "timeout", "flood", "unload");

    /** Loads and validates a rubric; every problem at once, each at file:line:column. */
    public static Loaded load(Path file) {
        YamlDoc<Rubric> doc;
        try {
            doc = YamlDoc.load(file, Rubric.class);
        } catch (SourceLocatedException e) {
            throw new InvalidSpecException(List.of(e));
        }
        Rubric r = doc.value();
        List<SourceLocatedException> errors = new ArrayList<>();
        if (r.rubric() == null || !r.rubric().matches("[A-Za-z0-9._-]+")) {
            errors.add(doc.error("rubric", "a name of letters, digits, '.', '_' or '-' is required"));
        }
        if (r.assignment() == null || Assignment.byId(r.assignment()).isEmpty() || r.assignment().equals("all")) {
            errors.add(doc.error("assignment", "must be lkp25-p3 or pagetable, got " + r.assignment()));
        }
        Path spec = null;
        if (r.spec() == null) {
            errors.add(doc.error("spec", "the experiment spec whose workloads every submission runs is required"));
        } else {
            spec = file.toAbsolutePath().getParent().resolve(r.spec()).normalize();
            if (!Files.isRegularFile(spec)) {
                errors.add(doc.error("spec", "no such file: " + spec));
            }
        }
        if (r.timeLimitS() != null && (r.timeLimitS() < 1 || r.timeLimitS() > 3600)) {
            errors.add(doc.error("time_limit_s", "must be 1 to 3600, got " + r.timeLimitS()));
        }
        if (r.items().isEmpty()) {
            errors.add(doc.error("items", "at least one item is required"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < r.items().size(); i++) {
            Item it = r.items().get(i);
            String at = "items[" + i + "]";
            id(doc, at, it.id(), ids, errors);
            if (!(it.points() > 0)) {
                errors.add(doc.error(at + ".points", "must be more than 0, got " + it.points()));
            }
            if (it.oracle() == null || it.oracle().isBlank()) {
                errors.add(doc.error(at + ".oracle", "the oracle (its name, or the start of it) is required"));
            }
            if ((it.fullFrom() == null) != (it.noneBelow() == null)) {
                errors.add(doc.error(at + (it.fullFrom() == null ? ".full_from" : ".none_below"),
                        "full_from and none_below go together"));
            } else if (it.fullFrom() != null && !(0 <= it.noneBelow() && it.noneBelow() < it.fullFrom() && it.fullFrom() <= 1)) {
                errors.add(doc.error(at + ".full_from", "needs 0 <= none_below < full_from <= 1, got none_below "
                        + it.noneBelow() + ", full_from " + it.fullFrom()));
            }
        }
        for (int i = 0; i < r.deductions().size(); i++) {
            Deduction d = r.deductions().get(i);
            String at = "deductions[" + i + "]";
            id(doc, at, d.id(), ids, errors);
            if (!(d.points() > 0)) {
                errors.add(doc.error(at + ".points", "must be more than 0, got " + d.points()));
            }
            if (d.per() == null || !PER.contains(d.per())) {
                errors.add(doc.error(at + ".per", "must be one of " + String.join(", ", PER) + ", got " + d.per()));
            }
            if (d.max() != null && !(d.max() > 0)) {
                errors.add(doc.error(at + ".max", "must be more than 0, got " + d.max()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        return new Loaded(file.toAbsolutePath().normalize(), r, spec);
    }

    private static void id(YamlDoc<Rubric> doc, String at, String id, Set<String> ids, List<SourceLocatedException> errors) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9_-]*")) {
            errors.add(doc.error(at + ".id", "lower-case letters, digits, '_' or '-', got " + id));
        } else if (!ids.add(id)) {
            errors.add(doc.error(at + ".id", "'" + id + "' is used twice"));
        }
    }

    /** The points a submission can earn. */
    public double maxPoints() {
        return items.stream().mapToDouble(Item::points).sum();
    }

    /** A validated rubric, where it came from and the spec it runs. */
    public record Loaded(Path file, Rubric rubric, Path spec) {
    }
}
