package ptlab.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.analysis.OracleResult;
import ptlab.parse.MapsParser;
import ptlab.parse.MarkedWindows;

/**
 * PID 1's maps in the fixtures: 17 VMAs and [vsyscall] before; after, one more anonymous mapping that appeared
 * between the two reads (not held against the student).
 */
class VmaJudgeTest {
    static VmaJudge.Result judge(String style) {
        List<MarkedWindows.Line> lines = Submissions.windows(style, "vma", "ptlab: vma begin", "ptlab: vma end").get(0).lines();
        return VmaJudge.judge(MapsParser.parseMaps(Submissions.file(style, "vma", "maps-before.txt")),
                MapsParser.parseMaps(Submissions.file(style, "vma", "maps-after.txt")), StudentVma.parse(lines));
    }

    @Test
    void seedSampleFormMatchesEveryRange() {
        VmaJudge.Result r = judge("seed-style");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        // perms and type on all 17, file and offset on the 11 file-backed (in bytes, or zero)
        assertEquals("17 stable maps ranges: 17 matched, 0 differ, 0 missing; 0 extra; 17 VMA(s) printed, 56 field(s) compared;"
                + " offsets given in bytes 8, zero (either unit) 3", r.oracle().detail());
        assertEquals(1, r.rows().stream().filter(x -> x.status().startsWith("changed between")).count());
        assertEquals(1, r.rows().stream().filter(x -> x.status().startsWith("excluded")).count());
    }

    @Test
    void oneLineDashRangesMatch() {
        VmaJudge.Result r = judge("table-style");
        assertEquals(OracleResult.Status.PASSED, r.oracle().status(), r.oracle().detail());
        assertTrue(r.oracle().detail().startsWith("17 stable maps ranges: 17 matched, 0 differ, 0 missing; 0 extra; 17 VMA(s)"
                + " printed"), r.oracle().detail());
    }

    @Test
    void missingLastVmaFailsAndSaysWhich() {
        VmaJudge.Result r = judge("keyvalue-style");
        assertEquals(OracleResult.Status.FAILED, r.oracle().status());
        assertEquals("17 stable maps ranges: 16 matched, 0 differ, 1 missing; 0 extra; 16 VMA(s) printed, 43 field(s) compared;"
                + " offsets given in pages 8, zero (either unit) 3; first: missing: maps 0x7ffd5a3f8000-0x7ffd5a3fa000 r-xp [vdso]:"
                + " no VMA of the student starts there", r.oracle().detail());
    }

    @Test
    void theSeedsSampleOutputReadsFieldByField() {
        String sample = """
                VMA1: [0x00400000 - 0x00452000] (size: 328 KB)
                Permissions: r-xp
                Type: File-backed Mapping
                File: /usr/bin/bash
                Offset: 0x0
                VMA2: [0x00651000 - 0x00652000] (size: 4 KB)
                Permissions: r--p
                Type: File-backed Mapping
                File: /usr/bin/bash
                Offset: 0x51000
                VMA4: [0x00e5a000 - 0x00e7b000] (size: 132 KB)
                Permissions: rw-p
                Type: Heap
                """;
        List<StudentVma> v = StudentVma.parse(sample.lines().map(t -> new MarkedWindows.Line(1, 0, t)).toList());
        assertEquals(3, v.size());
        assertEquals(List.of(0x400000L, 0x452000L, 0x51000L), List.of(v.get(0).start(), v.get(0).end(), v.get(1).offset()));
        assertEquals(List.of("r-xp", "file", "/usr/bin/bash"), List.of(v.get(0).perms(), v.get(0).type(), v.get(0).path()));
        assertEquals(List.of("rw-p", "heap", -1L), List.of(v.get(2).perms(), v.get(2).type(), v.get(2).offset()));
        assertEquals(null, v.get(2).path());
    }

    @Test
    void otherRangeFormsAndFlags() {
        assertEquals(List.of(0x1000L, 0x3000L), range("start=0x1000 end=0x3000 flags=0x73"));
        assertEquals(List.of(4096L, 12288L), range("vma start=4096 end=12288"));
        assertEquals(List.of(0x7f0000000000L, 0x7f0000021000L), range("7f0000000000-7f0000021000 rw-p 00000000 00:00 0"));
        StudentVma v = StudentVma.parse(List.of(new MarkedWindows.Line(1, 0, "vm_start: 0x1000 vm_end: 0x2000 vm_flags: 0xfb"))).get(0);
        assertEquals("rw-s", v.perms());
        assertEquals(List.of("r-xp", "---p"), List.of(StudentVma.permsOf(0x75), StudentVma.permsOf(0x70)));
    }

    /** One printk per field, as the seed lists them (vm_start, vm_end, vm_flags, vm_file, vm_pgoff), in %lx and %px. */
    @Test
    void oneFieldPerLineWithBareHexAndPointers() {
        String printed = """
                lkp25p3: VMAs of PID 1
                vm_start: 55d0c0e00000
                vm_end: 55d0c0e2a000
                vm_flags: 875
                vm_file: ffff888003abc000
                vm_pgoff: 0
                vm_start: 0x55d0c1e00000
                vm_end: 0x55d0c1e21000
                vm_flags: 100073
                vm_file: 0000000000000000
                vm_pgoff: 51
                vma_start = 0x7f0000000000
                flags = 0x8100073
                vma_end = 0x7f0000001000
                """;
        List<StudentVma> v = StudentVma.parse(printed.lines().map(t -> new MarkedWindows.Line(1, 0, t)).toList());
        assertEquals(3, v.size(), v.toString());
        assertEquals(List.of(0x55d0c0e00000L, 0x55d0c0e2a000L), List.of(v.get(0).start(), v.get(0).end()));
        assertEquals("r-xp", v.get(0).perms(), "875 read as hex: VM_MAYREAD only that way");
        assertEquals(null, v.get(0).path(), "a pointer names no file the judge can read");
        assertEquals(5, v.get(0).lines().size());
        assertEquals(List.of(0x55d0c1e00000L, "rw-p", "", 51L), List.of(v.get(1).start(), v.get(1).perms(), v.get(1).path(),
                v.get(1).offset()));
        assertEquals(List.of(0x7f0000000000L, 0x7f0000001000L, "rw-p"), List.of(v.get(2).start(), v.get(2).end(),
                v.get(2).perms()), "a field between the start and the end lines");
        // decimal stays decimal when both readings could be flags; a page-aligned hex offset is read as hex
        assertEquals(1048691L, StudentVma.number("1048691", x -> (x & 0x10) != 0));
        assertEquals(0x51000L, StudentVma.number("51000", x -> x % 4096 == 0));
        assertEquals(331776L, StudentVma.number("331776", x -> x % 4096 == 0));
        assertEquals(-1L, StudentVma.number("123456789012345678901234", x -> true), "too long: absent, no crash");
    }

    @Test
    void rangesWrittenWithToOrAnArrow() {
        assertEquals(List.of(0x400000L, 0x452000L), range("VMA 1: 0x00400000 to 0x00452000, r-xp"));
        assertEquals(List.of(0x400000L, 0x452000L), range("0x400000 -> 0x452000"));
    }

    private static List<Long> range(String s) {
        long[] r = StudentVma.range(s);
        return List.of(r[0], r[1]);
    }
}
