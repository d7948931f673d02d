package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each default, as a literal: a change to Defaults.java must change this test and the README. */
class DefaultsTest {
    private static final ExperimentSpec MINIMAL = SpecLoader.load(
            SpecFixtures.REPO.resolve("experiments/minimal.yaml"), SpecFixtures.REPO).spec();

    @Test
    void topLevel() {
        assertEquals("minimal", MINIMAL.experiment());
        assertEquals(new Author("First", "Last"), MINIMAL.author());
        assertEquals(List.of("bookworm"), MINIMAL.images());
        assertEquals(1, MINIMAL.repetitions());
    }

    @Test
    void vm() {
        assertEquals(new VmSpec(2, 4096, Accel.AUTO, 300, 1800, Start.RESTORE, Backend.QEMU, 0), MINIMAL.vm());
    }

    @Test
    void pagemap() {
        assertEquals(new PagemapWorkload(List.of(Scheme.PAGE_4K, Scheme.CHUNK_2M, Scheme.WHOLE),
                ByteSize.parse("2G"), Thp.DEFAULT, List.of(PagemapMode.PER_PAGE, PagemapMode.BATCHED)),
                MINIMAL.workloads().get(0));
    }

    @Test
    void xlate() {
        assertEquals(new XlateWorkload(ByteSize.parse("1G"), 0L, 1, Thp.DEFAULT), MINIMAL.workloads().get(1));
    }

    @Test
    void vmaDump() {
        assertEquals(new VmaDumpWorkload(1), MINIMAL.workloads().get(2));
    }

    @Test
    void access() {
        assertEquals(new AccessWorkload(ByteSize.parse("1G"), 120, ByteSize.parse("256M"), ByteSize.parse("256M"),
                ByteSize.parse("512M"), 1000, 100, 1000, Thp.NEVER), MINIMAL.workloads().get(3));
    }

    @Test
    void pagetable() {
        assertEquals(new PagetableWorkload(ByteSize.parse("64M")), MINIMAL.workloads().get(4));
    }

    @Test
    void givenValuesWin() {
        ExperimentSpec spec = SpecFixtures.load(SpecFixtures.HEAD + """
                images: [sid]
                vm: {cpus: 4, memory_mib: 8192, accel: tcg, boot_timeout_s: 60, step_timeout_s: 600}
                repetitions: 3
                workloads:
                  - kind: access
                    size: 2G
                    duration_s: 30
                    hot: 1G
                    warm_start: 1G
                    warm_end: 2G
                    warm_period_us: 500
                    scan_period_ms: 50
                    report_ms: 500
                    thp: always
                """).spec();
        assertEquals(List.of("sid"), spec.images());
        assertEquals(new VmSpec(4, 8192, Accel.TCG, 60, 600, Start.RESTORE, Backend.QEMU, 0), spec.vm());
        assertEquals(3, spec.repetitions());
        assertEquals(new AccessWorkload(ByteSize.parse("2G"), 30, ByteSize.parse("1G"), ByteSize.parse("1G"),
                ByteSize.parse("2G"), 500, 50, 500, Thp.ALWAYS), spec.workloads().get(0));
    }

    @Test
    void requiredValuesStayMissing() {
        ExperimentSpec resolved = Defaults.resolve(new ExperimentSpec(null, null, null, null, null, null));
        assertNull(resolved.experiment());
        assertNull(resolved.author());
        assertNull(resolved.workloads());
        assertEquals(Defaults.IMAGES, resolved.images());
    }
}
