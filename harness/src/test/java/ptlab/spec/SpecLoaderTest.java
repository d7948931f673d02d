package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ptlab.spec.SpecFixtures.HEAD;
import static ptlab.spec.SpecFixtures.REPO;
import static ptlab.spec.SpecFixtures.assertError;
import static ptlab.spec.SpecFixtures.invalid;
import static ptlab.spec.SpecFixtures.load;
import static ptlab.spec.SpecFixtures.only;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.SourceLocatedException;

class SpecLoaderTest {
    private static final String PAGEMAP = "workloads:\n  - kind: pagemap\n";

    @Test
    void loadsAFileWithItsHashAndResolvedImages() throws Exception {
        Path file = REPO.resolve("experiments/matrix.yaml");
        LoadedSpec loaded = SpecLoader.load(file, REPO);
        assertEquals(file.normalize(), loaded.file());
        assertEquals(SpecLoader.sha256(Files.readAllBytes(file)), loaded.sha256());
        assertEquals(64, loaded.sha256().length());
        assertEquals(List.of(new ImageRef("bookworm", REPO.resolve("vm-images/bookworm.yaml")),
                new ImageRef("my-kernel", REPO.resolve("custom/my-kernel.yaml"))), loaded.images());
        assertEquals(Accel.TCG, loaded.spec().vm().accel());
        assertEquals(2, loaded.spec().repetitions());
    }

    @Test
    void unreadableFileIsAUsageError() {
        HarnessException e = assertThrows(HarnessException.class,
                () -> SpecLoader.load(REPO.resolve("experiments/absent.yaml"), REPO));
        assertEquals(Outcome.USAGE_ERROR, e.outcome());
        assertTrue(e.getMessage().contains("cannot read spec"), e.getMessage());
    }

    @Test
    void invalidSpecIsAUsageError() {
        assertEquals(Outcome.USAGE_ERROR, invalid("experiment: x\n").outcome());
    }

    // --- binding errors: the first one stops binding ---

    @Test
    void unknownTopLevelKey() {
        assertError(only(HEAD + "colour: red\n" + PAGEMAP), 3, 1, "colour", "unknown key 'colour'; known keys: author,"
                + " experiment, images, repetitions, submission, vm, workloads");
    }

    @Test
    void unknownVmKey() {
        assertError(only(HEAD + "vm: {cpus: 2, ram: 4096}\n" + PAGEMAP), 3, 15, "vm.ram", "unknown key 'ram'");
    }

    @Test
    void unknownKeyInAWorkload() {
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    sise: 1G\n"), 5, 5, "workloads[0].sise",
                "unknown key 'sise'; known keys: batch, pages, size, thp");
    }

    @Test
    void wrongTypeAtTopLevel() {
        assertError(only(HEAD + "repetitions: many\n" + PAGEMAP), 3, 1, "repetitions", "expected an integer, got 'many'");
    }

    @Test
    void wrongTypeInsideAWorkload() {
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n  - kind: xlate\n    batch: [64]\n"), 6, 5,
                "workloads[1].batch", "expected an integer, got a list");
    }

    @Test
    void unknownWorkloadKind() {
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n  - kind: heatmap\n    size: 1G\n"), 5, 5,
                "workloads[1].kind", "unknown kind 'heatmap'; known: access, pagemap, pagetable, vma_dump, xlate");
    }

    @Test
    void workloadWithoutKind() {
        assertError(only(HEAD + "workloads:\n  - size: 1G\n"), 4, 5, "workloads[0]", "missing key 'kind'");
    }

    @Test
    void unknownEnumValue() {
        assertError(only(HEAD + "vm:\n  accel: hvf\n" + PAGEMAP), 4, 3, "vm.accel",
                "cannot read 'hvf' as one of auto, kvm, tcg");
        assertError(only(HEAD + "vm:\n  backend: Do cker\n" + PAGEMAP), 4, 3, "vm.backend",
                "a backend is a name such as qemu or vagrant");
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    schemes: [4k, 1g]\n"), 5, 19,
                "workloads[0].schemes[1]", "cannot read '1g' as one of 4k, 2m, whole");
        assertError(only(HEAD + "workloads:\n  - kind: access\n    thp: madvise\n"), 5, 5, "workloads[0].thp",
                "cannot read 'madvise' as one of default, never, always");
    }

    @Test
    void badSizeSyntax() {
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    size: 2GB\n"), 5, 5, "workloads[0].size",
                "expected a size such as 4096, 64K, 256M or 2G");
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    size: -4096\n"), 5, 5, "workloads[0].size",
                "a size cannot be negative");
    }

    @Test
    void duplicateKey() {
        assertError(only(HEAD + "vm:\n  cpus: 2\n  cpus: 4\n" + PAGEMAP), 5, 3, "vm.cpus",
                "duplicate key 'cpus' (first given at line 4)");
    }

    @Test
    void notYaml() {
        SourceLocatedException e = only(HEAD + "workloads: [\n");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    // --- validation errors: all are collected ---

    @Test
    void requiredFields() {
        InvalidSpecException e = invalid("vm: {cpus: 2}\n");
        assertEquals(3, e.errors().size(), e.getMessage());
        assertError(e.errors().get(0), 1, 1, "experiment", "required");
        assertError(e.errors().get(1), 1, 1, "author", "required");
        assertError(e.errors().get(2), 1, 1, "workloads", "required");
        assertError(only("experiment: t\nauthor: {first: First}\n" + PAGEMAP), 2, 1, "author.last", "required");
    }

    @Test
    void experimentName() {
        assertError(only("experiment: Part 2\nauthor: {first: First, last: Last}\n" + PAGEMAP), 1, 1, "experiment",
                "must be lowercase letters, digits and '-'");
        assertError(only("experiment: -x\nauthor: {first: First, last: Last}\n" + PAGEMAP), 1, 1, "experiment",
                "got '-x'");
    }

    @Test
    void authorNames() {
        assertError(only("experiment: t\nauthor: {first: First, last: Love lace}\n" + PAGEMAP), 2, 24, "author.last",
                "letters, digits and '-' only");
        assertError(only("experiment: t\nauthor: {first: 'First/', last: Last}\n" + PAGEMAP), 2, 10,
                "author.first", "got 'First/'");
        assertEquals("Zoë-Jean-Smith2", load("experiment: t\nauthor: {first: Zoë-Jean, last: Smith2}\n"
                + PAGEMAP).spec().author().titlePrefix());
    }

    @Test
    void unknownImageRecipe() {
        assertError(only(HEAD + "images: [bookworm, buster]\n" + PAGEMAP), 3, 20, "images[1]",
                "no image recipe vm-images/buster.yaml under " + REPO + " (known: bookworm, bullseye, sid, trixie)");
    }

    @Test
    void imageByPathIsRelativeToTheSpecFolder() {
        LoadedSpec ok = load(HEAD + "images: [../custom/my-kernel.yaml]\n" + PAGEMAP);
        assertEquals(REPO.resolve("custom/my-kernel.yaml"), ok.images().get(0).recipe());
        assertEquals("my-kernel", ok.images().get(0).name());
        assertError(only(HEAD + "images: [custom/my-kernel.yaml]\n" + PAGEMAP), 3, 10, "images[0]",
                "no image recipe at " + REPO.resolve("experiments/custom/my-kernel.yaml"));
    }

    @Test
    void repoRootWithoutRecipesSaysSo(@TempDir Path tmp) {
        SourceLocatedException e = assertThrows(InvalidSpecException.class,
                () -> SpecLoader.parse(tmp.resolve("t.yaml"), HEAD + PAGEMAP, tmp)).errors().get(0);
        assertError(e, 1, 1, "images[0]", "there is no vm-images/ folder there");
    }

    @Test
    void imageListedTwice() {
        assertError(only(HEAD + "images: [bookworm, sid, bookworm]\n" + PAGEMAP), 3, 25, "images[2]",
                "image 'bookworm' is already listed as images[0]");
    }

    @Test
    void emptyImageList() {
        assertError(only(HEAD + "images: []\n" + PAGEMAP), 3, 1, "images", "must name at least one image");
    }

    @Test
    void vmRanges() {
        assertError(only(HEAD + "vm:\n  cpus: 0\n" + PAGEMAP), 4, 3, "vm.cpus", "must be 1 to 64, got 0");
        assertError(only(HEAD + "vm:\n  cpus: 65\n" + PAGEMAP), 4, 3, "vm.cpus", "must be 1 to 64, got 65");
        assertError(only(HEAD + "vm:\n  cold_boots: -1\n" + PAGEMAP), 4, 3, "vm.cold_boots",
                "must be 0 to 1000, got -1");
        assertError(only(HEAD + "vm:\n  memory_mib: 512\n" + PAGEMAP), 4, 3, "vm.memory_mib",
                "must be 1024 to 1048576, got 512");
        assertError(only(HEAD + "vm:\n  boot_timeout_s: 0\n" + PAGEMAP), 4, 3, "vm.boot_timeout_s",
                "must be at least 1, got 0");
        assertError(only(HEAD + "vm:\n  step_timeout_s: -1\n" + PAGEMAP), 4, 3, "vm.step_timeout_s",
                "must be at least 1, got -1");
    }

    @Test
    void repetitionsRange() {
        assertError(only(HEAD + "repetitions: 0\n" + PAGEMAP), 3, 1, "repetitions", "must be 1 to 1000, got 0");
    }

    @Test
    void workloadsMustBeANonEmptyList() {
        assertError(only(HEAD + "workloads: []\n"), 3, 1, "workloads", "must list at least one workload");
        assertError(only(HEAD + "workloads:\n  -\n  - kind: pagemap\n"), 4, 4, "workloads[0]",
                "must be a mapping with a kind");
        assertError(only(HEAD + "workloads:\n  kind: pagemap\n"), 3, 1, "workloads", "expected a list, got a mapping");
    }

    @Test
    void duplicateWorkloadKind() {
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n  - kind: vma_dump\n  - kind: xlate\n    size: 64M\n"),
                6, 5, "workloads[2].kind", "workload kind 'xlate' already appears as workloads[0]");
    }

    @Test
    void sizeMustBePagesAndMoreThanZero() {
        assertError(only(HEAD + "workloads:\n  - kind: pagetable\n    size: 5000\n"), 5, 5, "workloads[0].size",
                "must be a multiple of 4096 (one page), got 5000");
        assertError(only(HEAD + "workloads:\n  - kind: pagetable\n    size: 0\n"), 5, 5, "workloads[0].size",
                "must be more than 0");
    }

    @Test
    void sizeMustFitInGuestMemoryWithHeadroom() {
        // 2048 MiB - 768 MiB = 1280 MiB is the largest buffer
        load(HEAD + "vm: {memory_mib: 2048}\nworkloads:\n  - kind: xlate\n    size: 1280M\n");
        assertError(only(HEAD + "vm: {memory_mib: 2048}\nworkloads:\n  - kind: xlate\n    size: 1284M\n"), 6, 5,
                "workloads[0].size", "1284M does not fit in vm.memory_mib 2048 with 768M left for the guest: at most"
                        + " 1280M, or raise vm.memory_mib to at least 2052");
    }

    @Test
    void aDefaultThatDoesNotFitIsReportedAtItsWorkload() {
        // pagemap's default 2G needs 2816 MiB
        assertError(only(HEAD + "vm: {memory_mib: 2048}\nworkloads:\n  - kind: xlate\n    size: 64M\n"
                + "  - kind: pagemap\n"), 7, 5, "workloads[1].size", "2G does not fit in vm.memory_mib 2048");
    }

    @Test
    void pagemapLists() {
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    schemes: []\n"), 5, 5, "workloads[0].schemes",
                "must not be empty");
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    schemes: [4k, whole, 4k]\n"), 5, 26,
                "workloads[0].schemes[2]", "'4k' is already listed as workloads[0].schemes[0]");
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    modes: [batched, batched]\n"), 5, 22,
                "workloads[0].modes[1]", "'batched' is already listed");
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    schemes: [4k, ~]\n"), 5, 19,
                "workloads[0].schemes[1]", "must not be empty");
    }

    @Test
    void theTwoMegabyteSchemeNeedsWholeChunks() {
        assertError(only(HEAD + "workloads:\n  - kind: pagemap\n    size: 1028K\n"), 5, 5, "workloads[0].size",
                "must be a multiple of 2M with the 2m scheme");
        load(HEAD + "workloads:\n  - kind: pagemap\n    schemes: [4k, whole]\n    size: 1028K\n");
    }

    @Test
    void xlatePagesAndBatch() {
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    size: 64M\n    pages: 16385\n"), 6, 5,
                "workloads[0].pages", "must be 0 (every page) to 16384 (size / 4096), got 16385");
        assertEquals(16384, load(HEAD + "workloads:\n  - kind: xlate\n    size: 64M\n    pages: 16384\n").spec()
                .workload(XlateWorkload.class).orElseThrow().pagesToTranslate());
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    batch: 0\n"), 5, 5, "workloads[0].batch",
                "must be 1 to 256, got 0");
        assertError(only(HEAD + "workloads:\n  - kind: xlate\n    batch: 257\n"), 5, 5, "workloads[0].batch",
                "must be 1 to 256, got 257");
    }

    @Test
    void vmaDumpPid() {
        assertError(only(HEAD + "workloads:\n  - kind: vma_dump\n    pid: 0\n"), 5, 5, "workloads[0].pid",
                "must be at least 1, got 0");
    }

    @Test
    void accessRegionsMustBeOrdered() {
        String access = HEAD + "workloads:\n  - kind: access\n";
        assertError(only(access + "    hot: 300M\n"), 5, 5, "workloads[0].hot",
                "the hot region [0, hot) must end where the warm region starts or before: hot 300M > warm_start 256M");
        assertError(only(access + "    warm_start: 600M\n"), 5, 5, "workloads[0].warm_start",
                "must be at most warm_end: warm_start 600M > warm_end 512M");
        // warm_end is not in the file: the error points at its workload
        assertError(only(access + "    size: 256M\n"), 4, 5, "workloads[0].warm_end",
                "the warm region must lie inside the buffer: warm_end 512M > size 256M");
        assertError(only(access + "    hot: 1000\n"), 5, 5, "workloads[0].hot", "must be a multiple of 4096");
        // empty regions are allowed: no hot region, no warm region
        load(access + "    hot: 0\n    warm_start: 0\n    warm_end: 0\n");
    }

    @Test
    void accessPeriods() {
        String access = HEAD + "workloads:\n  - kind: access\n";
        assertError(only(access + "    report_ms: 150\n"), 5, 5, "workloads[0].report_ms",
                "must be a multiple of scan_period_ms (100), got 150");
        assertError(only(access + "    duration_s: 1\n    report_ms: 2000\n"), 6, 5, "workloads[0].report_ms",
                "must be at most duration_s * 1000 (1000)");
        assertError(only(access + "    scan_period_ms: 0\n"), 5, 5, "workloads[0].scan_period_ms",
                "must be at least 10, got 0");
        assertError(only(access + "    scan_period_ms: 9\n    report_ms: 900\n"), 5, 5,
                "workloads[0].scan_period_ms", "must be at least 10, got 9");
        assertError(only(access + "    scan_period_ms: 10\n    report_ms: 90\n"), 6, 5, "workloads[0].report_ms",
                "must be at least 100, got 90");
        assertError(only(access + "    duration_s: 700\n    scan_period_ms: 10\n    report_ms: 655360\n"), 7, 5,
                "workloads[0].report_ms", "must be at most 65535 scan periods");
        load(access + "    scan_period_ms: 10\n    report_ms: 100\n");
        assertError(only(access + "    warm_period_us: 0\n"), 5, 5, "workloads[0].warm_period_us",
                "must be at least 1, got 0");
        assertError(only(access + "    duration_s: 0\n"), 5, 5, "workloads[0].duration_s", "must be at least 1, got 0");
    }

    @Test
    void accessMustEndBeforeTheStepTimeout() {
        assertError(only(HEAD + "vm: {step_timeout_s: 120}\nworkloads:\n  - kind: access\n    duration_s: 120\n"),
                6, 5, "workloads[0].duration_s", "must be less than vm.step_timeout_s (120), got 120");
    }

    @Test
    void everyProblemIsReportedInFileOrder() {
        Path file = REPO.resolve("experiments/many-errors.yaml");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecLoader.load(file, REPO));
        List<String> got = e.errors().stream().map(x -> x.line() + ":" + x.column() + " " + x.field()).toList();
        assertEquals(List.of(
                "2:1 experiment",
                "3:24 author.last",
                "4:20 images[1]",
                "4:26 images[2]",
                "6:3 vm.cpus",
                "10:5 workloads[0].size",
                "12:5 workloads[1].hot",
                "13:5 workloads[1].report_ms",
                "14:5 workloads[2].kind",
                "8:1 repetitions").stream().sorted(SpecLoaderTest::byPosition).toList(), got);
        String[] lines = e.getMessage().split("\n");
        assertEquals(got.size() + 1, lines.length, e.getMessage());
        assertEquals("10 errors in " + file + ":", lines[0]);
        assertEquals("  " + e.errors().get(0).getMessage(), lines[1]);
        assertTrue(lines[1].startsWith("  " + file + ":2:1: field 'experiment': "), lines[1]);
    }

    private static int byPosition(String a, String b) {
        String[] pa = a.split("[: ]");
        String[] pb = b.split("[: ]");
        int c = Integer.compare(Integer.parseInt(pa[0]), Integer.parseInt(pb[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(pa[1]), Integer.parseInt(pb[1]));
    }

    @Test
    void oneProblemIsTheWholeMessage() {
        InvalidSpecException e = invalid(HEAD + "repetitions: 0\n" + PAGEMAP);
        assertEquals(e.errors().get(0).getMessage(), e.getMessage());
    }
}
