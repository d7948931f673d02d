package ptlab.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ptlab.SourceLocatedException;
import ptlab.yaml.YamlDoc;

/**
 * Every check a spec must pass before anything boots: required values, ranges, and the rules that tie
 * one field to another (a buffer must fit in guest memory, the warm region must follow the hot one, ...).
 * It collects every problem rather than stopping at the first.
 */
final class SpecValidator {
    private final YamlDoc<ExperimentSpec> doc;
    private final Path repoRoot;
    private final List<SourceLocatedException> errors = new ArrayList<>();
    private final List<ImageRef> images = new ArrayList<>();

    private SpecValidator(YamlDoc<ExperimentSpec> doc, Path repoRoot) {
        this.doc = doc;
        this.repoRoot = repoRoot;
    }

    /** Result of a validation: the problems in file order, and the images resolved so far. */
    record Result(List<SourceLocatedException> errors, List<ImageRef> images) {
    }

    /** Validates a resolved spec; positions come from {@code doc}, the file as written. */
    static Result validate(YamlDoc<ExperimentSpec> doc, ExperimentSpec spec, Path repoRoot) {
        SpecValidator v = new SpecValidator(doc, repoRoot);
        v.check(spec);
        List<SourceLocatedException> sorted = new ArrayList<>(v.errors);
        sorted.sort(Comparator.comparingInt(SourceLocatedException::line)
                .thenComparingInt(SourceLocatedException::column));
        return new Result(List.copyOf(sorted), List.copyOf(v.images));
    }

    private void check(ExperimentSpec spec) {
        if (spec.experiment() == null) {
            error("experiment", "required: a name such as part2; results go to results/<experiment>/");
        } else if (!Limits.EXPERIMENT.matcher(spec.experiment()).matches()) {
            error("experiment", "must be lowercase letters, digits and '-' (starting with a letter or digit,"
                    + " at most 64), got '" + spec.experiment() + "'");
        }
        checkAuthor(spec.author());
        checkImages(spec.images());
        VmSpec vm = spec.vm();
        range("vm.cpus", vm.cpus(), 1, Limits.MAX_CPUS);
        range("vm.memory_mib", vm.memoryMib(), Limits.MIN_MEMORY_MIB, Limits.MAX_MEMORY_MIB);
        atLeast("vm.boot_timeout_s", vm.bootTimeoutS(), 1);
        atLeast("vm.step_timeout_s", vm.stepTimeoutS(), 1);
        range("vm.cold_boots", vm.coldBoots(), 0, Limits.MAX_REPETITIONS);
        range("repetitions", spec.repetitions(), 1, Limits.MAX_REPETITIONS);
        checkWorkloads(spec.workloads(), vm);
        if (spec.submission() != null) {
            spec.submission().check(doc.file().toAbsolutePath().getParent(), this::error);
        }
    }

    private void checkAuthor(Author author) {
        if (author == null) {
            error("author", "required: {first: <first name>, last: <last name>}, used in figure titles");
            return;
        }
        namePart("author.first", author.first());
        namePart("author.last", author.last());
    }

    private void namePart(String field, String value) {
        if (value == null) {
            error(field, "required: it is part of every figure title");
        } else if (!Limits.NAME_PART.matcher(value).matches()) {
            error(field, "must be letters, digits and '-' only (it becomes part of figure titles and file"
                    + " names), got '" + value + "'");
        }
    }

    private void checkImages(List<String> entries) {
        if (entries.isEmpty()) {
            error("images", "must name at least one image recipe, e.g. [bookworm]");
            return;
        }
        Path specFolder = doc.file().toAbsolutePath().normalize().getParent();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String field = "images[" + i + "]";
            String entry = entries.get(i);
            if (entry == null || entry.isBlank()) {
                error(field, "must be a recipe name such as bookworm, or a path to a recipe file");
                continue;
            }
            ImageRef ref = ImageRef.resolve(entry, specFolder, repoRoot);
            Integer before = seen.putIfAbsent(ref.name(), i);
            if (before != null) {
                error(field, "image '" + ref.name() + "' is already listed as images[" + before + "]");
                continue;
            }
            String problem = ImageRef.problem(entry, ref, repoRoot);
            if (problem != null) {
                error(field, problem);
                continue;
            }
            images.add(ref);
        }
    }

    private void checkWorkloads(List<Workload> workloads, VmSpec vm) {
        if (workloads == null) {
            error("workloads", "required: a list of workloads, each with a kind (" + kinds() + ")");
            return;
        }
        if (workloads.isEmpty()) {
            error("workloads", "must list at least one workload (" + kinds() + ")");
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < workloads.size(); i++) {
            String at = "workloads[" + i + "]";
            Workload w = workloads.get(i);
            if (w == null) {
                error(at, "must be a mapping with a kind (" + kinds() + ")");
                continue;
            }
            Integer before = seen.putIfAbsent(w.kind(), i);
            if (before != null) {
                error(at + ".kind", "workload kind '" + w.kind() + "' already appears as workloads[" + before
                        + "]; each kind runs at most once per spec");
            }
            checkWorkload(at + ".", w, vm);
        }
    }

    private void checkWorkload(String at, Workload w, VmSpec vm) {
        if (w instanceof PagemapWorkload p) {
            distinct(at + "schemes", p.schemes());
            buffer(at + "size", p.size(), vm);
            if (p.schemes().contains(Scheme.CHUNK_2M) && p.size().bytes() > 0
                    && !p.size().isMultipleOf(2 * ByteSize.MIB)) {
                error(at + "size", "must be a multiple of 2M with the 2m scheme (whole 2 MiB callocs), got "
                        + p.size());
            }
            distinct(at + "modes", p.modes());
        } else if (w instanceof XlateWorkload x) {
            buffer(at + "size", x.size(), vm);
            long maxPages = x.size().pages();
            if (x.pages() < 0 || x.pages() > maxPages) {
                error(at + "pages", "must be 0 (every page) to " + maxPages + " (size / 4096), got " + x.pages());
            }
            range(at + "batch", x.batch(), 1, Limits.MAX_XLATE_BATCH);
        } else if (w instanceof VmaDumpWorkload d) {
            atLeast(at + "pid", d.pid(), 1);
            if (d.failRepetitions() != null) {
                for (Integer r : d.failRepetitions()) {
                    atLeast(at + "fail_repetitions", r, 1);
                }
            }
        } else if (w instanceof AccessWorkload a) {
            checkAccess(at, a, vm);
        } else if (w instanceof PagetableWorkload t) {
            buffer(at + "size", t.size(), vm);
        }
    }

    private void checkAccess(String at, AccessWorkload a, VmSpec vm) {
        buffer(at + "size", a.size(), vm);
        atLeast(at + "duration_s", a.durationS(), 1);
        if (a.durationS() >= 1 && a.durationS() >= vm.stepTimeoutS()) {
            error(at + "duration_s", "must be less than vm.step_timeout_s (" + vm.stepTimeoutS() + "), got "
                    + a.durationS());
        }
        boolean aligned = pageAligned(at + "hot", a.hot())
                & pageAligned(at + "warm_start", a.warmStart())
                & pageAligned(at + "warm_end", a.warmEnd());
        if (aligned) {
            if (a.hot().compareTo(a.warmStart()) > 0) {
                error(at + "hot", "the hot region [0, hot) must end where the warm region starts or before:"
                        + " hot " + a.hot() + " > warm_start " + a.warmStart());
            }
            if (a.warmStart().compareTo(a.warmEnd()) > 0) {
                error(at + "warm_start", "must be at most warm_end: warm_start " + a.warmStart() + " > warm_end "
                        + a.warmEnd());
            }
            if (a.warmEnd().compareTo(a.size()) > 0) {
                error(at + "warm_end", "the warm region must lie inside the buffer: warm_end " + a.warmEnd()
                        + " > size " + a.size());
            }
        }
        atLeast(at + "warm_period_us", a.warmPeriodUs(), 1);
        boolean period = atLeast(at + "scan_period_ms", a.scanPeriodMs(), AccessWorkload.MIN_SCAN_PERIOD_MS);
        if (atLeast(at + "report_ms", a.reportMs(), AccessWorkload.MIN_REPORT_MS) && period) {
            if (a.reportMs() % a.scanPeriodMs() != 0) {
                error(at + "report_ms", "must be a multiple of scan_period_ms (" + a.scanPeriodMs() + "), got "
                        + a.reportMs());
            } else if (a.reportMs() / a.scanPeriodMs() > AccessWorkload.MAX_SCANS_PER_REPORT) {
                error(at + "report_ms", "must be at most " + AccessWorkload.MAX_SCANS_PER_REPORT
                        + " scan periods (the module counts a page's accesses in 16 bits), got "
                        + a.reportMs() / a.scanPeriodMs());
            } else if (a.durationS() >= 1 && a.reportMs() > a.durationS() * 1000L) {
                error(at + "report_ms", "must be at most duration_s * 1000 (" + a.durationS() * 1000L
                        + ") or no report is ever logged, got " + a.reportMs());
            }
        }
    }

    /** A workload buffer: positive, page-aligned, and small enough to leave the guest its headroom. */
    private void buffer(String field, ByteSize size, VmSpec vm) {
        if (size.bytes() == 0) {
            error(field, "must be more than 0");
            return;
        }
        if (!pageAligned(field, size)) {
            return;
        }
        if (vm.memoryMib() < Limits.MIN_MEMORY_MIB) {
            return;
        }
        long room = ByteSize.ofMib(vm.memoryMib()).bytes() - Limits.HEADROOM.bytes();
        if (size.bytes() > room) {
            error(field, size + " does not fit in vm.memory_mib " + vm.memoryMib() + " with " + Limits.HEADROOM
                    + " left for the guest: at most " + new ByteSize(room) + ", or raise vm.memory_mib to at least "
                    + ((size.bytes() + Limits.HEADROOM.bytes() + ByteSize.MIB - 1) / ByteSize.MIB));
        }
    }

    private boolean pageAligned(String field, ByteSize size) {
        if (!size.isMultipleOf(ByteSize.PAGE)) {
            error(field, "must be a multiple of 4096 (one page), got " + size.bytes());
            return false;
        }
        return true;
    }

    private <T> void distinct(String field, List<T> items) {
        if (items.isEmpty()) {
            error(field, "must not be empty");
        }
        Map<T, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null) {
                error(field + "[" + i + "]", "must not be empty");
                continue;
            }
            Integer before = seen.putIfAbsent(item, i);
            if (before != null) {
                error(field + "[" + i + "]", "'" + item + "' is already listed as " + field + "[" + before + "]");
            }
        }
    }

    private boolean range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            error(field, "must be " + min + " to " + max + ", got " + value);
            return false;
        }
        return true;
    }

    private boolean atLeast(String field, long value, long min) {
        if (value < min) {
            error(field, "must be at least " + min + ", got " + value);
            return false;
        }
        return true;
    }

    private static String kinds() {
        return String.join(", ", PagemapWorkload.KIND, XlateWorkload.KIND, VmaDumpWorkload.KIND, AccessWorkload.KIND,
                PagetableWorkload.KIND);
    }

    private void error(String field, String problem) {
        errors.add(doc.error(field, problem));
    }
}
