package ptlab.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import ptlab.image.Image;
import ptlab.image.NativeBuilder;
import ptlab.ssh.ExecResult;
import ptlab.testing.Guests;
import ptlab.files.RepoRoot;
import ptlab.files.Sha256;
import ptlab.vm.QemuGuest;

/**
 * The kernel modules and guest workloads in one real guest (bookworm unless the system property
 * {@code ptlab.image} names another recipe; bin/test-kernels runs it on every kernel), TCG here: built once with
 * W=1, then every oracle of issue 4 against what the kernel itself says (/proc/PID/pagemap,
 * /proc/1/maps), the scanner's heat map against the access pattern that made it, hostile input,
 * load/unload rounds and access control. A kernel crash anywhere fails the running test with the
 * console excerpt (QemuGuest turns it into KERNEL_CRASH). Timings seen on the way are written to
 * measurements.txt in the work folder and printed; they are emulated and never asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ModulesIT {
    private static final String ROOT = "/root/ptlab";
    private static final String SRC = ROOT + "/src";
    private static final String BIN = SRC + "/workloads";
    private static final String SCRIPTS = BIN + "/scripts";
    private static final String LKP = SRC + "/kmod/lkp25p3/lkp25p3.ko";
    private static final String PT = SRC + "/kmod/pagetable/pagetable.ko";
    private static final String THP = "/sys/kernel/mm/transparent_hugepage/enabled";
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final Duration LONG = Duration.ofMinutes(4);
    /** pagetable's race_delay_us for the THP-during-dump test: the window between the dump's two reads. */
    private static final int RACE_DELAY_US = 10000;
    private static final Pattern XLATE = Pattern.compile(
            "lkp25p3: xlate va=0x(\\p{XDigit}+) pa=0x(\\p{XDigit}+) pfn=0x(\\p{XDigit}+) level=(\\w+) lat_ns=(\\d+)"
                    + " clk_ns=\\d+(?: err=(\\S+))?$");
    private static final Pattern MAP = Pattern.compile(
            "pagetable: map va=0x(\\p{XDigit}+) pa=0x(\\p{XDigit}+) pages=(\\d+) level=(\\w+)( zero=1)?$");
    private static final Pattern HEAT = Pattern.compile(
            "lkp25p3: heat seq=(\\d+) t_ms=\\d+ addr=0x\\p{XDigit}+ pages=(\\d+) gran=(\\d+) part=(\\d+)/(\\d+)"
                    + " first=(\\d+) rle=(\\S+)$");
    private static final Pattern HEAT_DONE = Pattern.compile(
            "lkp25p3: heat_done seq=(\\d+) scans=(\\d+) scan_ns_avg=(\\d+) scan_ns_max=(\\d+) present=(\\d+)"
                    + " thp=(\\d+) young=(\\d+)$");
    private static final Pattern CASE = Pattern.compile("^case (\\S+) expect=(\\S+) got=(\\S+) lines=(\\S+)$");
    private static final Pattern CRASH = Pattern.compile("Oops|BUG:|WARNING:|general protection fault");
    private static final Pattern LOCKUP = Pattern.compile("soft lockup|hard LOCKUP|rcu_\\w+ (self-)?detected stall"
            + "|rcu: INFO");

    private final Map<String, String> buildLogs = new LinkedHashMap<>();
    private final List<String> measurements = new ArrayList<>();
    private Path work;
    private QemuGuest vm;
    private Image image;
    private String thpDefault = "always";
    private int marks;

    @BeforeAll
    void bootAndBuild() throws IOException {
        work = Guests.workDir("modules");
        Path staged = stageSources(RepoRoot.find(), work.resolve("src"));
        image = Guests.image(System.getProperty("ptlab.image", "bookworm"));
        vm = Guests.boot(image, work);
        vm.ssh().upload(staged, SRC);
        buildLogs.put("workloads", build("make -C " + BIN + " all kmsgcat"));
        for (String m : List.of("lkp25p3", "pagetable")) {
            buildLogs.put(m, build("make -C " + SRC + "/kmod/" + m));
        }
        thpDefault = bracketed(sh("cat " + THP).stdout());
        measurements.add("accelerator: " + vm.config().accel() + " (every latency below is emulated under TCG"
                + " unless the accelerator is kvm)");
        measurements.add("guest kernel: " + sh("uname -r").stdout().strip() + ", boot to SSH "
                + vm.bootToSsh().toSeconds() + " s");
    }

    @AfterAll
    void shutDown() throws IOException {
        try {
            if (!measurements.isEmpty() && work != null) {
                Files.write(work.resolve("measurements.txt"), measurements);
                System.out.println("ModulesIT measurements (" + work.resolve("measurements.txt") + "):");
                measurements.forEach(m -> System.out.println("  " + m));
            }
        } finally {
            if (vm != null) {
                vm.close();
            }
        }
    }

    // ---- 1. build -----------------------------------------------------------------------------------

    @Test
    @Order(1)
    void bothModulesBuildWithW1AndNoWarning() {
        for (String m : List.of("lkp25p3", "pagetable")) {
            String log = buildLogs.get(m);
            assertTrue(log.contains("W=1"), m + " was not built with W=1:\n" + log);
            List<String> warnings = log.lines().filter(l -> l.toLowerCase().contains("warning:")).toList();
            assertEquals(List.of(), warnings, m + " build warnings:\n" + log);
            assertEquals("ok", sh("test -f " + SRC + "/kmod/" + m + "/" + m + ".ko && echo ok").stdout().strip());
        }
        assertEquals(List.of(), buildLogs.get("workloads").lines()
                .filter(l -> l.toLowerCase().contains("warning:")).toList(), buildLogs.get("workloads"));
    }

    /**
     * The image's own toolchain run natively on the host (chroot of its disk) makes the same bytes as the
     * guest's build: the modules and every workload program.
     */
    @Test
    @Order(1)
    void nativeBuildsAreByteIdenticalToGuestBuilds() throws IOException {
        assertNull(NativeBuilder.unavailable(), "this host cannot build natively");
        Map<String, String> products = Map.of("lkp25p3", "ls *.ko", "pagetable", "ls *.ko",
                "workloads", "find . -maxdepth 1 -type f -perm -u+x -printf '%f\\n'");
        for (var e : products.entrySet()) {
            String dir = e.getKey().equals("workloads") ? BIN : SRC + "/kmod/" + e.getKey();
            String make = e.getKey().equals("workloads") ? "make -C " + BIN + " all kmsgcat" : "make -C " + dir;
            Path out = work.resolve("native-" + e.getKey());
            long t0 = System.nanoTime();
            var r = NativeBuilder.build(image, work.resolve("src"), SRC, dir, make, "cd " + dir + " && " + e.getValue(),
                    out, Duration.ofMinutes(10), work.resolve("native-" + e.getKey() + ".log"));
            assertEquals(0, r.exitCode(), e.getKey() + ": " + r.output());
            measurements.add(String.format("native build of %s: %.2f s", e.getKey(), (System.nanoTime() - t0) / 1e9));
            List<Path> files;
            try (Stream<Path> st = Files.list(out)) {
                files = st.sorted().toList();
            }
            assertFalse(files.isEmpty(), e.getKey() + ": no products");
            for (Path f : files) {
                String guest = sh("sha256sum " + dir + "/" + f.getFileName()).stdout().split("\\s+")[0];
                assertEquals(guest, Sha256.of(f), e.getKey() + "/" + f.getFileName() + " differs from the guest's build");
            }
        }
        assertEquals("", new String(new ProcessBuilder("sh", "-c", "grep ptlab-native /proc/self/mounts;"
                + " losetup -j '" + image.disk() + "'; true").start().getInputStream().readAllBytes()),
                "nothing is left mounted, no loop device left attached");
    }

    // ---- 2. module VA->PA == pagemap ----------------------------------------------------------------

    @Test
    @Order(2)
    void moduleTranslationEqualsPagemapWith4KibPtes() {
        XlateRun run = xlate("never", "16M");
        assertEquals(0, run.levels.getOrDefault("pmd", 0), "THP never still gave PMD leaves: " + run.levels);
        assertTrue(run.levels.getOrDefault("pte", 0) >= 4096, "too few PTE translations: " + run.levels);
    }

    @Test
    @Order(3)
    void moduleTranslationEqualsPagemapWithThpLeaves() {
        XlateRun run = xlate("always", "16M");
        // 16 MiB plus malloc's 16 bytes holds at least 7 aligned 2 MiB blocks: each must be a PMD leaf
        assertTrue(run.levels.getOrDefault("pmd", 0) >= 7 * 512,
                "THP always gave too few level=pmd translations (the THP case would prove nothing): " + run.levels);
    }

    private record XlateRun(Map<String, Integer> levels) {
    }

    /** memalloc translates its own pages through the module, then pagemap reads the same pages. */
    private XlateRun xlate(String thp, String size) {
        String out = ROOT + "/out/xlate";
        String mark = mark("xlate-" + thp);
        try {
            // xlate.sh waits for "ready" in memalloc.out: a stale file from an earlier run must go first
            check("rm -rf " + out + " && echo " + thp + " > " + THP + " && " + reload(LKP)
                    + " && sh " + SCRIPTS + "/xlate.sh " + size + " 0 64 " + thp, LONG);
        } finally {
            sh("echo " + thpDefault + " > " + THP);
        }
        String memalloc = check("cat " + out + "/memalloc.out", SHORT).stdout();
        assertTrue(memalloc.contains(" errors=0 "), memalloc);
        Map<Long, Long> module = new HashMap<>();
        Map<String, Integer> levels = new HashMap<>();
        List<Long> lat = new ArrayList<>();
        for (String line : kmsgSince(mark)) {
            Matcher m = XLATE.matcher(line);
            if (m.find()) {
                long va = Long.parseUnsignedLong(m.group(1), 16);
                long pfn = Long.parseUnsignedLong(m.group(3), 16);
                assertNull(m.group(6), "a touched page did not translate: " + line);
                assertEquals(pfn << 12 | (va & 0xfff), Long.parseUnsignedLong(m.group(2), 16), line);
                module.put(va, pfn);
                levels.merge(m.group(4), 1, Integer::sum);
                lat.add(Long.parseLong(m.group(5)));
            }
        }
        int pages = Integer.parseInt(value(memalloc, "pages"));
        assertEquals(pages, module.size(), "module xlate lines vs pages written");
        for (String mode : List.of("per-page", "batched")) {
            List<String[]> rows = csv(check("cat " + out + "/pagemap-" + mode + ".csv", SHORT).stdout());
            assertEquals(pages, rows.size(), "pagemap " + mode + " rows");
            List<String> diffs = new ArrayList<>();
            for (String[] r : rows) {
                long va = Long.decode(r[0]);
                long pfn = Long.decode(r[2]);
                Long mod = module.get(va);
                if (!"1".equals(r[3]) || pfn == 0 || mod == null || mod != pfn) {
                    diffs.add(r[0] + " pagemap pfn=" + r[2] + " present=" + r[3] + " module pfn="
                            + (mod == null ? "none" : "0x" + Long.toHexString(mod)));
                }
            }
            assertEquals(List.of(), diffs.subList(0, Math.min(20, diffs.size())),
                    diffs.size() + " of " + pages + " pages differ from pagemap (" + mode + ", THP " + thp + ")");
            String summary = check("cat " + out + "/pagemap-" + mode + ".err", SHORT).stdout().strip();
            measurements.add(String.format("xlate THP %s, %d pages: pagemap %s lat p50=%s ns p99=%s ns (%s)",
                    thp, pages, mode, value(summary, "lat_p50_ns"), value(summary, "lat_p99_ns"),
                    "batched".equals(mode) ? "batch ns / entries, " + value(summary, "batches") + " batch(es)"
                            : "one pread each"));
        }
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        measurements.add(String.format("xlate THP %s, %d pages: module walk lat p50=%d ns p99=%d ns max=%d ns,"
                + " levels %s", thp, pages, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1], levels));
        return new XlateRun(levels);
    }

    // ---- 3. ioctl PFN == pagemap PFN (and the load-time dump) ---------------------------------------

    @Test
    @Order(4)
    void ioctlPfnAndDumpEqualPagemap() {
        String out = ROOT + "/out/pagetable";
        String mark = mark("pagetable");
        check("rm -rf " + out + " && rmmod pagetable 2>/dev/null; sh " + SCRIPTS + "/pagetable.sh 16M", LONG);
        Map<Long, Long> pagemap = new HashMap<>();
        int thpPages = 0;
        for (String[] r : csv(check("cat " + out + "/pagemap.csv", SHORT).stdout())) {
            assertEquals("1", r[3], "a touched page is not present in pagemap: " + String.join(",", r));
            pagemap.put(Long.decode(r[0]), Long.decode(r[2]));
            thpPages += "1".equals(r[9]) ? 1 : 0;
        }
        assertEquals(4097, pagemap.size(), "pagemap rows of a 16 MiB buffer");
        for (String file : List.of("getpfn.csv", "getpfn-ex.csv")) {
            List<String[]> rows = csv(check("cat " + out + "/" + file, SHORT).stdout());
            assertEquals(pagemap.size(), rows.size(), file + " rows");
            List<String> diffs = new ArrayList<>();
            int huge = 0;
            for (String[] r : rows) {
                long flags = Long.decode(r[3]);
                if (!"0".equals(r[4]) || (flags & 1) == 0 || !pagemap.get(Long.decode(r[1])).equals(Long.decode(r[2]))) {
                    diffs.add(String.join(",", r) + " pagemap pfn=0x" + Long.toHexString(pagemap.get(Long.decode(r[1]))));
                }
                huge += (flags & 2) != 0 ? 1 : 0;
            }
            assertEquals(List.of(), diffs.subList(0, Math.min(20, diffs.size())), diffs.size() + " differ in " + file);
            if (file.equals("getpfn-ex.csv")) {
                assertEquals(thpPages, huge, "pages getpfn --ex flags huge vs pagemap thp");
            }
        }
        // Part A: the runs dumped at load cover every page of the buffer with pagemap's frame
        Map<Long, Long> dump = new HashMap<>();
        long endPages = -1;
        for (String line : kmsgSince(mark)) {
            Matcher m = MAP.matcher(line);
            if (m.find()) {
                long va = Long.parseUnsignedLong(m.group(1), 16);
                long pfn = Long.parseUnsignedLong(m.group(2), 16) >> 12;
                boolean zero = m.group(5) != null;
                for (int i = 0; i < Integer.parseInt(m.group(3)); i++) {
                    dump.put(va + 4096L * i, zero ? pfn : pfn + i);
                }
            } else if (line.contains("pagetable: dump end ")) {
                endPages = Long.parseLong(value(line, "pages"));
            }
            assertFalse(line.contains("dump_truncated") || line.contains("dump_skipped"), line);
        }
        assertEquals(endPages, dump.size(), "pages of the map lines vs dump end pages=");
        List<String> missing = pagemap.entrySet().stream().filter(e -> !e.getValue().equals(dump.get(e.getKey())))
                .map(e -> "0x" + Long.toHexString(e.getKey())).sorted().toList();
        assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())),
                missing.size() + " pages of the buffer are missing or wrong in the dump");
    }

    // ---- the VMA dump == /proc/1/maps ---------------------------------------------------------------

    @Test
    @Order(5)
    void vmaDumpEqualsProc1Maps() {
        check(reload(LKP), SHORT);
        for (int attempt = 1;; attempt++) {
            String mark = mark("vma" + attempt);
            ExecResult r = check("cat /proc/1/maps > /tmp/maps1 && echo 0 > /proc/lkp25p3 && cat /proc/1/maps > /tmp/maps2"
                    + " && if cmp -s /tmp/maps1 /tmp/maps2; then cat /tmp/maps1; else echo changed; fi", SHORT);
            if (r.stdout().strip().equals("changed") && attempt < 3) {
                continue; // PID 1 mapped or unmapped during the dump: try again
            }
            List<String[]> maps = r.stdout().lines().map(l -> l.split("\\s+", 6))
                    .filter(f -> !(f.length == 6 && f[5].equals("[vsyscall]"))).toList();
            List<String[]> dump = new ArrayList<>();
            String perms = null;
            for (String line : kmsgSince(mark)) {
                int at = line.indexOf("lkp25p3: ");
                String msg = at < 0 ? "" : line.substring(at + 9);
                if (msg.startsWith("Permissions: ")) {
                    perms = msg.substring(13);
                } else if (msg.startsWith("vma idx=")) {
                    String name = msg.substring(msg.indexOf(" name=") + 6);
                    dump.add(new String[] {value(msg, "start"), value(msg, "end"), perms, value(msg, "pgoff"),
                            value(msg, "type"), name});
                }
            }
            assertEquals(maps.size(), dump.size(), "VMAs in /proc/1/maps vs the dump");
            for (int i = 0; i < maps.size(); i++) {
                String[] m = maps.get(i);
                String[] d = dump.get(i);
                String[] range = m[0].split("-");
                String what = "VMA " + (i + 1) + ": maps '" + String.join(" ", m) + "' dump " + Arrays.toString(d);
                assertEquals(Long.parseUnsignedLong(range[0], 16), Long.decode(d[0]), what);
                assertEquals(Long.parseUnsignedLong(range[1], 16), Long.decode(d[1]), what);
                assertEquals(m[1], d[2], what);
                String mapsName = m.length == 6 ? m[5].strip() : "";
                assertEquals(mapsName.isEmpty() ? "[anon]" : mapsName, d[5], what);
                if (d[4].equals("file")) {
                    assertEquals(Long.parseUnsignedLong(m[2], 16), Long.decode(d[3]) << 12, what);
                }
            }
            return;
        }
    }

    // ---- 4. the scanner finds hot hot and cold cold -------------------------------------------------

    @Test
    @Order(6)
    void scannerFindsTheHotRegionHotAndTheUntouchedRegionCold() {
        String mark = mark("access");
        // 32 MiB: [0, 8M) read flat out, [8M, 16M) once per ms, [16M, 32M) never after the first write
        check(reload(LKP) + " && rm -rf " + ROOT + "/out/access && sh " + SCRIPTS
                + "/access.sh 32M 4 8M 8M 16M 1000 100 1000 never", LONG);
        int hotEnd = (8 << 20) / 4096;
        int warmEnd = (16 << 20) / 4096;
        Map<Integer, HeatReport> reports = heatReports(kmsgSince(mark));
        assertTrue(reports.size() >= 3, "expected about 4 reports of a 4 s run, got " + reports.keySet());
        List<Long> scanNs = new ArrayList<>();
        for (HeatReport r : reports.values()) {
            int[] c = r.counts;
            assertEquals(8193, c.length, "pages of a 32 MiB buffer 16 bytes into its first page");
            assertEquals(1, r.gran, "gran of a clean three-region pattern");
            assertEquals(r.young, Arrays.stream(c).asLongStream().sum(), "young= of report " + r.seq);
            assertEquals(0, r.thp, "THP never, yet thp= pages in report " + r.seq);
            int hotMin = Arrays.stream(c, 0, hotEnd).min().orElseThrow();
            int coldMax = Arrays.stream(c, warmEnd, c.length).max().orElseThrow();
            long warmSum = Arrays.stream(c, hotEnd, warmEnd).asLongStream().sum();
            assertTrue(r.scans > 0 && hotMin >= 1, "report " + r.seq + ": a hot page looked cold (min " + hotMin
                    + " of " + r.scans + " scans)");
            assertEquals(0, coldMax, "report " + r.seq + ": an untouched page looked accessed");
            assertTrue(warmSum > 0, "report " + r.seq + ": the warm region looked cold");
            // deadlines 100 ms apart, reports 1000 ms apart: a scan that woke early would be an 11th
            assertTrue(r.scans <= 10, "report " + r.seq + " counts " + r.scans + " scans, at most 10 deadlines");
            scanNs.add(r.scanNsAvg);
        }
        long avg = scanNs.stream().mapToLong(Long::longValue).sum() / scanNs.size();
        measurements.add(String.format("scanner, 8193 pages (4 KiB PTEs, 4096 young), period 100 ms: scan_ns_avg per"
                + " report %s ns, mean %d ns = %.1f ns/page, about %.1f ms per 1 GiB (262144 pages) by linear"
                + " scaling", scanNs, avg, avg / 8193.0, avg / 8193.0 * 262144 / 1e6));
    }

    /** Reads every even page of a string over and over; odd pages stay cold: one run per page. */
    private static final String STRIDE_PL = """
            use strict;
            my ($pages, $dur) = @ARGV;
            my $s = "\\1" x ($pages * 4096);
            my $addr = unpack("J", pack("p", $s));
            open(my $p, ">", "/proc/lkp25p3") or die "open: $!";
            my $cmd = sprintf("scan start pid=%d addr=0x%x len=%d period_ms=100 report_ms=1000\\n", $$, $addr,
                $pages * 4096);
            defined syswrite($p, $cmd) or die "scan start: $!";
            my ($end, $sum) = (time + $dur, 0);
            while (time < $end) {
                for (my $i = 0; $i < $pages; $i += 2) { $sum += vec($s, $i * 4096, 8); }
            }
            defined syswrite($p, "scan stop\\n") or die "scan stop: $!";
            print "stride done\\n";
            """;

    @Test
    @Order(7)
    void scannerSplitsAFragmentedReportIntoPartsAndCoarsensIt() {
        check("cat > /tmp/stride.pl <<'EOF'\n" + STRIDE_PL + "EOF", SHORT);
        // 8192 pages: 8193 runs, gran 1 in about 30 parts; 20000 pages: 20001 runs > 16384, so gran 2
        for (int pages : new int[] {8192, 20000}) {
            String mark = mark("stride-" + pages);
            try {
                // THP would give 512 pages one accessed bit: the odd pages must have their own PTEs
                check("echo never > " + THP + " && " + reload(LKP) + " && perl /tmp/stride.pl " + pages + " 4", LONG);
            } finally {
                sh("echo " + thpDefault + " > " + THP);
            }
            Map<Integer, HeatReport> reports = heatReports(kmsgSince(mark));
            assertTrue(reports.size() >= 2, pages + " pages: expected 3 or 4 reports, got " + reports.keySet());
            for (HeatReport r : reports.values()) {
                int[] c = r.counts;
                String what = pages + " pages, report " + r.seq + ": ";
                assertEquals(pages + 1, c.length, what + "pages= (the string starts 16 bytes into a page)");
                assertEquals(pages < 16384 ? 1 : 2, r.gran, what + "gran");
                if (r.gran == 1) {
                    assertTrue(r.parts > 1, what + "8193 runs in one line?");
                }
                assertEquals(0, c[pages], what + "the tail page is never read");
                for (int i = 0; i < pages; i++) {
                    boolean hot = r.gran > 1 || i % 2 == 0;
                    if (hot ? c[i] < 1 : c[i] != 0) {
                        fail(what + "page " + i + " has count " + c[i] + ", expected " + (hot ? ">= 1" : "0"));
                    }
                }
                if (r.gran == 1) {
                    assertEquals(r.young, Arrays.stream(c).asLongStream().sum(), what + "young=");
                }
            }
            measurements.add(String.format("heat report of %d pages alternating hot/cold: gran=%d, %d lines per"
                    + " report, scan_ns_avg %s ns", pages, reports.values().iterator().next().gran,
                    reports.values().iterator().next().parts,
                    reports.values().stream().map(r -> r.scanNsAvg).toList()));
        }
    }

    private record HeatReport(int seq, int[] counts, int gran, int parts, int scans, long scanNsAvg,
            long scanNsMax, long thp, long young) {
    }

    /**
     * Every complete report (heat parts 1..k then heat_done) after a marker, decoded page by page. Checks
     * the framing the README promises: parts in order, each starting at the page where the previous ended,
     * the last ending at pages=, one gran per report, runs counted in pages.
     */
    private static Map<Integer, HeatReport> heatReports(List<String> lines) {
        Map<Integer, HeatReport> out = new LinkedHashMap<>();
        int[] counts = null;
        int seq = -1;
        int pos = 0;
        int part = 0;
        int parts = 0;
        int gran = 0;
        for (String line : lines) {
            Matcher h = HEAT.matcher(line);
            Matcher d = HEAT_DONE.matcher(line);
            if (h.find()) {
                int s = Integer.parseInt(h.group(1));
                if (s != seq) {
                    assertEquals(1, Integer.parseInt(h.group(4)), "report " + s + " does not start with part 1: " + line);
                    seq = s;
                    counts = new int[Integer.parseInt(h.group(2))];
                    pos = 0;
                    part = 0;
                    parts = Integer.parseInt(h.group(5));
                    gran = Integer.parseInt(h.group(3));
                }
                assertEquals(++part, Integer.parseInt(h.group(4)), "part order: " + line);
                assertEquals(parts, Integer.parseInt(h.group(5)), "part count changed: " + line);
                assertEquals(gran, Integer.parseInt(h.group(3)), "gran changed within a report: " + line);
                assertEquals(pos, Integer.parseInt(h.group(6)), "first= is not where the previous part ended: " + line);
                assertTrue(line.length() - line.indexOf("lkp25p3: ") < 900, "heat line over 900 bytes: " + line);
                for (String tok : h.group(7).split(",")) {
                    int star = tok.indexOf('*');
                    int v = Integer.parseInt(star < 0 ? tok : tok.substring(0, star));
                    int run = star < 0 ? 1 : Integer.parseInt(tok.substring(star + 1));
                    assertTrue(star < 0 || run > 1, "a *1 run: " + tok);
                    Arrays.fill(counts, pos, pos + run, v);
                    pos += run;
                    assertTrue(pos % gran == 0 || pos == counts.length, "run not in whole groups of gran: " + line);
                }
            } else if (d.find()) {
                int s = Integer.parseInt(d.group(1));
                assertEquals(seq, s, "heat_done without its heat lines: " + line);
                assertEquals(parts, part, "report " + s + " lacks parts");
                assertEquals(counts.length, pos, "report " + s + " does not cover pages=");
                out.put(s, new HeatReport(s, counts, gran, parts, Integer.parseInt(d.group(2)),
                        Long.parseLong(d.group(3)), Long.parseLong(d.group(4)), Long.parseLong(d.group(6)),
                        Long.parseLong(d.group(7))));
                seq = -1;
            }
        }
        return out;
    }

    // ---- 5. hostile input -----------------------------------------------------------------------------

    @Test
    @Order(8)
    void hostileInputGetsTheDocumentedErrnoAndAtMostOneLine() {
        ExecResult r = sh("sh " + SCRIPTS + "/hostile.sh 3", LONG);
        assertTrue(r.ok(), "hostile.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (String line : r.stdout().lines().toList()) {
            Matcher m = CASE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            cases++;
            String got = m.group(3).startsWith("ok(") ? "ok" : m.group(3);
            if (!m.group(2).equals(got)) {
                problems.add(line);
            } else if (!m.group(4).equals("-") && Integer.parseInt(m.group(4)) > 1) {
                problems.add(line + "   (more than one log line)");
            }
        }
        assertEquals(List.of(), problems, "hostile cases that failed:\n" + r.stdout());
        assertTrue(cases >= 80, "hostile.sh ran only " + cases + " cases:\n" + r.stdout());
        assertTrue(r.stdout().contains("hostile done cases=" + cases + " dmesg_bad=0"), r.stdout());
        assertKernelLogClean();
    }

    // ---- 7. non-root -----------------------------------------------------------------------------------

    @Test
    @Order(9)
    void nonRootGetsEacces() {
        check(reload(LKP) + " && " + reload(PT) + " && install -m 0755 " + BIN + "/procwrite /tmp/procwrite", SHORT);
        assertEquals("600 600", sh("stat -L -c %a /proc/lkp25p3 /dev/pagetable | tr '\\n' ' '").stdout().strip());
        String nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
        assertEquals("EACCES", sh(nobody + "/tmp/procwrite /proc/lkp25p3 0x1000").stdout().strip(), "write");
        assertEquals("EACCES", sh(nobody + "/tmp/procwrite -r /proc/lkp25p3").stdout().strip(), "read");
        assertEquals("EACCES", sh(nobody + "/tmp/procwrite -o /dev/pagetable").stdout().strip(), "open /dev/pagetable");
        ExecResult echo = sh(nobody + "sh -c 'echo 0x1000 > /proc/lkp25p3'");
        assertFalse(echo.ok(), "a non-root echo into /proc/lkp25p3 succeeded");
        assertTrue(echo.stderr().contains("Permission denied"), echo.stderr());
        check("rmmod pagetable && rmmod lkp25p3", SHORT);
    }

    // ---- 6. load/unload rounds -------------------------------------------------------------------------

    @Test
    @Order(10)
    void fiftyRoundsOfInsmodScanRmmodLeaveNothingBehind() {
        ExecResult r = sh("sh " + SCRIPTS + "/rounds.sh 50", LONG);
        assertTrue(r.ok(), "rounds.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        assertEquals(50, r.stdout().lines().filter(l -> l.matches("round \\d+ ok scans=\\d+")).count(), r.stdout());
        assertTrue(r.stdout().contains("rounds n=50 ok=50 threads_left=0 dmesg_bad=0"), r.stdout());
        assertEquals("", sh("lsmod | grep -E '^(lkp25p3|pagetable) ' || true").stdout().strip(), "modules left loaded");
        assertEquals("", sh("ps -e -o comm= | grep lkp25p3 || true").stdout().strip(), "kthreads left");
    }

    // ---- measurements only -------------------------------------------------------------------------------

    @Test
    @Order(11)
    void memallocTimesEachSchemeAt256Mib() {
        for (String scheme : List.of("4k", "2m", "whole")) {
            ExecResult r = check(BIN + "/memalloc --scheme " + scheme + " --size 256M --out /tmp/memalloc-" + scheme
                    + ".out < /dev/null && head -n 1 /tmp/memalloc-" + scheme + ".out", LONG);
            String head = r.stdout().lines().filter(l -> l.startsWith("memalloc ")).findFirst().orElseThrow();
            measurements.add(String.format("memalloc --scheme %s --size 256M (THP %s): alloc %.1f ms, touch %.1f ms,"
                    + " AnonHugePages %s kB", scheme, value(head, "thp_sys"),
                    Long.parseLong(value(head, "alloc_ns")) / 1e6, Long.parseLong(value(head, "touch_ns")) / 1e6,
                    value(head, "anon_huge_kb")));
        }
    }

    // ---- 8. page tables freed under the walks, long walks, numbers and names ----------------------------

    /**
     * One thread maps, touches and MADV_DONTNEEDs a region (on 7.2 PT_RECLAIM frees each emptied PTE
     * table at once) while others translate it through /proc/lkp25p3 and the pagetable ioctls and the
     * scanner scans it every 10 ms: the PTE-table lock must never be taken in a freed table.
     */
    @Test
    @Order(12)
    void translationsRacingFreedPageTablesLeaveTheKernelClean() {
        String mark = mark("churn");
        ExecResult r = sh("sh " + SCRIPTS + "/churn.sh 10 8M", LONG);
        assertTrue(r.ok(), "churn.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        String line = r.stdout().lines().filter(l -> l.startsWith("churn ")).findFirst()
                .orElseThrow(() -> new AssertionError("no churn line:\n" + r.stdout() + r.stderr()));
        for (String key : List.of("map_errors", "write_errors", "ioctl_errors", "scan_errno", "scan_stop_errno")) {
            assertEquals("0", value(line, key), key + ": " + line);
        }
        for (String key : List.of("loops", "writes", "ioctls")) {
            assertTrue(Long.parseLong(value(line, key)) > 0, key + ": " + line);
        }
        List<String> after = kmsgSince(mark);
        assertTrue(after.stream().anyMatch(l -> XLATE.matcher(l).find()), "no xlate line during the churn");
        assertEquals(List.of(), after.stream().filter(l -> CRASH.matcher(l).find() || LOCKUP.matcher(l).find())
                .toList(), "the kernel log after the churn");
        assertEquals("alive", sh("echo alive").stdout().strip(), "the guest no longer answers");
        measurements.add(String.format("churn 10 s, 8 MiB: %s map/touch/DONTNEED loops, %s xlate writes, %s ioctls"
                + " (%s present), %s scans", value(line, "loops"), value(line, "writes"), value(line, "ioctls"),
                value(line, "present"), grep(after, "lkp25p3: scan_stop ", "scans")));
        measurements.add("churn output: " + line);
    }

    /**
     * A 1 TiB PROT_NONE reservation with 2000 touched pages spread over it (4001 VMAs, more map lines
     * than one locked pass buffers) dumped at insmod: no soft lockup, a bounded time, and a complete,
     * correct dump.
     */
    @Test
    @Order(13)
    void aTerabyteReservationIsDumpedQuicklyAndCompletely() {
        ReserveDump d = reserveDump("1024G", 2000);
        assertTrue(d.ms < 20_000, "the dump of a 1 TiB reservation took " + d.ms + " ms");
        measurements.add(String.format("pagetable dump at insmod of a process with a 1 TiB PROT_NONE reservation, 2000"
                + " touched pages, %d VMAs, %d map lines: insmod %d ms, longest time a task on its CPU waited %d ms",
                d.vmas, d.lines, d.ms, d.gapUs / 1000));
    }

    /**
     * A 64 TiB hole is 32 Mi steps of 2 MiB: a walk that stepped through it without rescheduling kept
     * every other task off its CPU until it was done (on the kernels with voluntary preemption: all but
     * 7.2; about 300 ms per 32 TiB under TCG here). A task spinning on insmod's CPU (cpugap) must never
     * wait 200 ms, and with the soft-lockup threshold lowered to 2 s (watchdog_thresh=1) the log must
     * show no soft lockup.
     */
    @Test
    @Order(14)
    void aSixtyFourTerabyteReservationCausesNoSoftLockup() {
        String thresh = check("cat /proc/sys/kernel/watchdog_thresh", SHORT).stdout().strip();
        ReserveDump d;
        try {
            check("echo 1 > /proc/sys/kernel/watchdog_thresh", SHORT);
            d = reserveDump("65536G", 2);
        } finally {
            sh("echo " + thresh + " > /proc/sys/kernel/watchdog_thresh");
        }
        measurements.add(String.format("pagetable dump at insmod of a process with a 64 TiB PROT_NONE reservation, 2"
                + " touched pages (its ends), %d VMAs: insmod %d ms, longest time a task on its CPU waited %d ms", d.vmas, d.ms,
                d.gapUs / 1000));
        assertTrue(d.gapUs < 200_000, "a task on the dump's CPU waited " + d.gapUs / 1000 + " ms");
    }

    private record ReserveDump(long ms, long gapUs, long vmas, int lines) {
    }

    /**
     * reserve.sh SIZE TOUCH: a PROT_NONE reservation of SIZE with TOUCH pages written, dumped at insmod.
     * Checks what every such dump must show: no crash, lockup or stall in the log, dump end reached,
     * the map lines adding up to its counts, vmas= equal to /proc/PID/maps, and every touched page in
     * the dump and from the ioctl with pagemap's frame.
     */
    private ReserveDump reserveDump(String size, int touch) {
        String out = ROOT + "/out/reserve";
        String mark = mark("reserve-" + size);
        ExecResult r = sh("rm -rf " + out + " && sh " + SCRIPTS + "/reserve.sh " + size + " " + touch, LONG);
        assertTrue(r.ok(), "reserve.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        String summary = r.stdout().lines().filter(l -> l.startsWith("reserve_dump ")).findFirst().orElseThrow();
        long ms = Long.parseLong(value(summary, "insmod_ms"));
        long gapUs = Long.parseLong(value(summary, "max_gap_us"));
        List<String> after = kmsgSince(mark);
        assertEquals(List.of(), after.stream().filter(l -> CRASH.matcher(l).find() || LOCKUP.matcher(l).find())
                .toList(), "the kernel log after the dump of " + size);
        String end = after.stream().filter(l -> l.contains("pagetable: dump end ")).findFirst()
                .orElseThrow(() -> new AssertionError("no dump end line"));
        Map<Long, Long> dump = new HashMap<>();
        int lines = 0;
        for (String line : after) {
            Matcher m = MAP.matcher(line);
            if (m.find()) {
                lines++;
                long va = Long.parseUnsignedLong(m.group(1), 16);
                long pfn = Long.parseUnsignedLong(m.group(2), 16) >> 12;
                for (int i = 0; i < Integer.parseInt(m.group(3)); i++) {
                    dump.put(va + 4096L * i, m.group(5) != null ? pfn : pfn + i);
                }
            }
            assertFalse(line.contains("dump_truncated") || line.contains("dump_skipped"), line);
        }
        assertEquals(Long.parseLong(value(end, "runs")), lines, "map lines vs dump end runs=");
        assertEquals(Long.parseLong(value(end, "pages")), dump.size(), "pages of the map lines vs dump end pages=");
        long maps = check("cat " + out + "/maps.txt", SHORT).stdout().lines().filter(l -> !l.endsWith("[vsyscall]"))
                .count();
        assertEquals(maps, Long.parseLong(value(end, "vmas")), "dump end vmas= vs /proc/PID/maps");
        List<String[]> rows = csv(check("cat " + out + "/pagemap.csv", SHORT).stdout());
        assertEquals(touch, rows.size(), "pagemap rows of the touched pages");
        List<String[]> ioctl = csv(check("cat " + out + "/getpfn-ex.csv", SHORT).stdout());
        assertEquals(touch, ioctl.size(), "getpfn rows of the touched pages");
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long va = Long.decode(rows.get(i)[0]);
            long pfn = Long.decode(rows.get(i)[2]);
            if (!"1".equals(rows.get(i)[3]) || pfn == 0 || !Long.valueOf(pfn).equals(dump.get(va))
                    || Long.decode(ioctl.get(i)[2]) != pfn) {
                diffs.add(String.join(",", rows.get(i)) + " dump " + dump.get(va) + " ioctl " + ioctl.get(i)[2]);
            }
        }
        assertEquals(List.of(), diffs.subList(0, Math.min(20, diffs.size())), diffs.size() + " touched pages differ");
        return new ReserveDump(ms, gapUs, maps, lines);
    }

    /**
     * Run as PID 1 of its own PID namespace (so "0" dumps it), heapedge maps a page right after the
     * heap's end and one right before its start: neither holds heap, so on 6.7 and later
     * (vma_is_initial_heap(), strict) neither is the heap; 5.10's and 6.1's maps file calls both
     * "[heap]" (vm_start <= brk && vm_end >= start_brk), and so must the dump. The heap itself always is.
     */
    @Test
    @Order(15)
    void vmaDumpCallsOnlyAVmaHoldingPartOfTheHeapTheHeap() {
        check(reload(LKP), SHORT);
        String mark = mark("heapedge");
        ExecResult r = check("unshare --pid --fork " + BIN + "/heapedge", SHORT);
        String line = r.stdout().strip();
        assertEquals("1", value(line, "pid"), line);
        long startBrk = Long.decode(value(line, "start_brk"));
        long brk = Long.decode(value(line, "brk"));
        Map<Long, String> typeByStart = new HashMap<>();
        Map<Long, String> typeByEnd = new HashMap<>();
        String heap = null;
        for (String l : kmsgSince(mark)) {
            int at = l.indexOf("lkp25p3: vma idx=");
            if (at >= 0) {
                String msg = l.substring(at + 9);
                long start = Long.decode(value(msg, "start"));
                long end = Long.decode(value(msg, "end"));
                typeByStart.put(start, value(msg, "type"));
                typeByEnd.put(end, value(msg, "type"));
                if (start <= startBrk && end >= brk) {
                    heap = value(msg, "type");
                }
            }
        }
        assertEquals("heap", heap, "the VMA holding [start_brk, brk) in " + line);
        String edge = strictHeap() ? "anon" : "heap";
        assertEquals(edge, typeByStart.get(brk), "the page mapped at brk, right after the heap: " + line);
        long below = Long.decode(value(line, "below"));
        if (below != 0) {
            assertEquals(edge, typeByEnd.get(startBrk), "the page mapped right before start_brk: " + line);
        }
        check("rmmod lkp25p3", SHORT);
        measurements.add("heapedge output: " + line);
    }

    /** guest-info.sh records MGLRU's state, or that the kernel has none (5.10 is built without it). */
    @Test
    @Order(16)
    void guestInfoRecordsTheMglruState() {
        String got = check("rm -rf /tmp/gi && PTLAB=/tmp/gi sh " + SCRIPTS + "/guest-info.sh && cat /tmp/gi/out/guest/lru_gen.txt",
                SHORT).stdout().strip();
        boolean has = sh("test -e /sys/kernel/mm/lru_gen/enabled").ok();
        if (has) {
            assertTrue(got.matches("0x\\p{XDigit}{4}"), "lru_gen.txt: " + got);
        } else {
            assertEquals("absent", got);
        }
        if (sh("uname -r").stdout().startsWith("5.10.")) {
            assertEquals("absent", got, "5.10 is built without MGLRU");
        }
        String flags = sh("grep -m1 '^flags' /proc/cpuinfo").stdout();
        String damonStat = sh("cat /sys/module/damon_stat/parameters/enabled 2>/dev/null || echo absent").stdout()
                .strip();
        measurements.add("lru_gen: " + got + "; damon_stat.enabled: " + damonStat
                + "; CPU flags the scanner's TLB flush looks at: "
                + List.of("pge", "pcid", "invpcid").stream().map(f -> f + "=" + (flags.matches("(?s).*\\b" + f
                        + "\\b.*") ? 1 : 0)).toList());
    }

    /** Whether the guest's kernel labels "[heap]" with the strict rule of 6.7 and later. */
    private boolean strictHeap() {
        String[] v = sh("uname -r").stdout().strip().split("[.-]");
        int major = Integer.parseInt(v[0]);
        return major > 6 || (major == 6 && Integer.parseInt(v[1]) >= 7);
    }

    // ---- 9. shared hugetlb tables, a dead target, parameter floors, the scanner's cost ------------------

    /**
     * A shared hugetlbfs file over a whole 1 GiB-aligned PUD: its PMD table is shared with a forked
     * sharer, which maps, touches, punches out and unmaps the pages in a loop (huge_pmd_unshare() then
     * clears the target's PUD without its mmap lock). Meanwhile the target is scanned, translated by
     * xlate and the ioctls, and dumped at insmod over and over. No oops; the dump and the scanner say
     * that they skipped the hugetlb VMA, with its size.
     */
    @Test
    @Order(17)
    void sharedHugetlbTablesUnsharedUnderTheWalksLeaveTheKernelClean() {
        String mark = mark("hugeshare");
        ExecResult r = sh("sh " + SCRIPTS + "/hugeshare.sh 10 8M", LONG);
        assertTrue(r.ok(), "hugeshare.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        String line = r.stdout().lines().filter(l -> l.startsWith("hugeshare ")).findFirst()
                .orElseThrow(() -> new AssertionError("no hugeshare line:\n" + r.stdout() + r.stderr()));
        String dumps = r.stdout().lines().filter(l -> l.startsWith("hugeshare_dumps ")).findFirst().orElseThrow();
        for (String key : List.of("write_errors", "ioctl_errors", "scan_errno", "scan_stop_errno", "sharer_status")) {
            assertEquals("0", value(line, key), key + ": " + line);
        }
        for (String key : List.of("touches", "sharer_loops", "writes")) {
            assertTrue(Long.parseLong(value(line, key)) > 0, key + ": " + line);
        }
        assertTrue(Long.parseLong(value(dumps, "dumps")) > 0, dumps);
        assertEquals("0", value(dumps, "insmod_errors"), dumps);
        List<String> after = kmsgSince(mark);
        assertEquals(List.of(), after.stream().filter(l -> CRASH.matcher(l).find() || LOCKUP.matcher(l).find())
                .toList(), "the kernel log after hugeshare");
        long base = Long.decode(value(line, "base"));
        long gib = 1L << 30;
        List<String> skipped = after.stream().filter(l -> l.contains("pagetable: dump_skipped_vma ")).toList();
        assertFalse(skipped.isEmpty(), "no dump said it skipped the hugetlb VMA");
        for (String l : skipped) {
            String msg = l.substring(l.indexOf("dump_skipped_vma "));
            assertEquals(base, Long.decode(value(msg, "va")), l);
            assertEquals(base + gib, Long.decode(value(msg, "end")), l);
            assertEquals(String.valueOf(gib >> 12), value(msg, "pages"), l);
            assertEquals("hugetlb", value(msg, "reason"), l);
        }
        assertEquals(String.valueOf(Long.parseLong(value(line, "size")) >> 12),
                grep(after, "lkp25p3: scan_skipped ", "pages"), "the scanner's scan_skipped line");
        assertTrue(after.stream().anyMatch(l -> l.contains("lkp25p3: xlate ") && l.contains(" level=pmd ")),
                "no hugetlb page translated at level pmd");
        assertEquals("alive", sh("echo alive").stdout().strip(), "the guest no longer answers");
        measurements.add("hugeshare 10 s, 8 MiB of a shared 1 GiB hugetlb mapping: " + line + "; " + dumps);
    }

    /**
     * thpflip reads a shmem file while a helper collapses it into THPs (MADV_COLLAPSE: since 6.6
     * retract_page_tables() frees the reader's PTE tables without its mmap lock, and the reader's next
     * fault maps a PMD leaf under the read lock the dump holds) and splits them again; the target is
     * dumped at insmod over and over. A table that became a THP between the dump's two reads is
     * printed as a level=pmd run (counted in dump_reread), never lost as dump_skipped; no oops.
     * Where MADV_COLLAPSE refuses the shmem file (exit status 3: EINVAL on 6.1 here, no such advice on
     * 5.10) only the dumps are checked; before 6.6 the collapse needs the reader's mmap write lock
     * anyway, so the race exists only on 6.12 and 7.2. There it must happen: the dump sleeps 10 ms
     * between its two reads of each PMD (the module's race_delay_us hook), and at least one table
     * must have become a THP in between, or the test proved nothing.
     */
    @Test
    @Order(17)
    void pteTablesBecomingThpsUnderTheDumpArePrintedAsPmdRuns() {
        String mark = mark("thpflip");
        ExecResult r = sh("sh " + SCRIPTS + "/thpflip.sh 10 8M " + RACE_DELAY_US, LONG);
        boolean noCollapse = r.exitStatus() == 3;
        assertTrue(r.ok() || noCollapse, "thpflip.sh failed (" + r.exitStatus() + "):\n" + r.stdout() + r.stderr());
        String line = r.stdout().lines().filter(l -> l.startsWith("thpflip ")).findFirst()
                .orElseThrow(() -> new AssertionError("no thpflip line:\n" + r.stdout() + r.stderr()));
        String dumps = r.stdout().lines().filter(l -> l.startsWith("thpflip_dumps ")).findFirst().orElseThrow();
        if (!noCollapse) {
            assertTrue(Long.parseLong(value(line, "collapses")) > 0, line);
        }
        assertTrue(Long.parseLong(value(dumps, "dumps")) > 0, dumps);
        assertEquals("0", value(dumps, "insmod_errors"), dumps);
        List<String> after = kmsgSince(mark);
        assertEquals(List.of(), after.stream().filter(l -> CRASH.matcher(l).find() || LOCKUP.matcher(l).find()
                || l.contains("pagetable: dump_skipped ")).toList(), "the kernel log after thpflip");
        long ends = after.stream().filter(l -> l.contains("pagetable: dump end ")).count();
        assertEquals(Long.parseLong(value(dumps, "dumps")), ends, "dump end lines vs dumps");
        long reread = after.stream().filter(l -> l.contains("pagetable: dump_reread "))
                .mapToLong(l -> Long.parseLong(value(l.substring(l.indexOf("dump_reread")), "tables"))).sum();
        measurements.add("thpflip 10 s, 8 MiB shmem, race_delay_us=" + RACE_DELAY_US + ": " + line + "; " + dumps
                + "; PTE tables found a THP on the dump's second read: " + reread);
        if (retractsWithoutMmapLock()) {
            assertTrue(Long.parseLong(value(line, "collapses")) > 0, "no collapse on 6.6+: " + line);
            assertTrue(reread > 0, "no PTE table became a THP between the dump's two reads (" + dumps
                    + "): the race was not exercised");
        }
    }

    /**
     * Once the target is gone the scan thread idles: no timer, no wakeup per period (it polled
     * get_pid_task() every period before), and scan_target_gone is logged once.
     */
    @Test
    @Order(18)
    void scannerIdlesOnceItsTargetIsGone() {
        check(reload(LKP), SHORT);
        String mark = mark("dead-target");
        String out = check("sleep 60 & v=$!; sleep 0.3; a=$(awk '/\\[stack\\]/ { split($1, r, \"-\");"
                + " print r[1]; exit }' /proc/$v/maps);"
                + " echo \"scan start pid=$v addr=0x$a len=4096 period_ms=10 report_ms=100\" > /proc/lkp25p3;"
                + " sleep 0.5; kill $v; wait $v 2>/dev/null; sleep 0.5;"
                + " t=$(ps -e -o pid=,comm= | awk '$2 == \"lkp25p3_scan\" { print $1 }');"
                + " c1=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$t/status); sleep 2;"
                + " c2=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$t/status);"
                + " echo \"switches=$((c2 - c1))\"; grep -E '^(target_alive|running|scans)=' /proc/lkp25p3 | tr '\\n' ' ';"
                + " echo; echo 'scan stop' > /proc/lkp25p3", SHORT).stdout();
        assertEquals("0", value(out, "target_alive"), out);
        assertEquals("1", value(out, "running"), out);
        assertTrue(Long.parseLong(value(out, "switches")) <= 1,
                "the scan thread still woke up every period after its target died: " + out);
        assertEquals(1, kmsgSince(mark).stream().filter(l -> l.contains("lkp25p3: scan_target_gone ")).count(),
                "scan_target_gone lines");
        check("rmmod lkp25p3", SHORT);
        measurements.add("scan thread after its target died: " + out.strip());
    }

    /**
     * period_ms >= 10 (an all-CPU flush IPI per period), report_ms >= 100 (up to ~200 KB of log per
     * report) and at most 65535 scans per report (u16 counters): EINVAL, and the reject line states the
     * rule. The floors themselves are accepted.
     */
    @Test
    @Order(19)
    void scanPeriodAndReportFloorsAreEnforcedAndStated() {
        check(reload(LKP) + " && install -m 0755 " + BIN + "/procwrite /tmp/procwrite", SHORT);
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("period_ms=9 report_ms=1000", "reason=bad_period token=period_ms:10..60000");
        rule.put("period_ms=1 report_ms=1000", "reason=bad_period token=period_ms:10..60000");
        rule.put("period_ms=10 report_ms=99", "reason=bad_report token=report_ms:100..3600000");
        rule.put("period_ms=1000 report_ms=500", "reason=bad_report token=report_ms:>=period_ms");
        rule.put("period_ms=10 report_ms=655360", "reason=bad_report token=report_ms/period_ms:<=65535");
        String scan = "scan start pid=1 addr=0x1000 len=4096 ";
        check("sleep 5", SHORT); // reject lines are rate limited (10 per 5 s): start with a full budget
        for (var e : rule.entrySet()) {
            String mark = mark("floor " + e.getKey());
            assertEquals("EINVAL", sh("/tmp/procwrite /proc/lkp25p3 '" + scan + e.getKey() + "'").stdout().strip(),
                    e.getKey());
            List<String> lines = kmsgSince(mark).stream().filter(l -> l.contains("lkp25p3: reject ")).toList();
            assertEquals(1, lines.size(), e.getKey() + ": " + lines);
            assertTrue(lines.get(0).endsWith("reject err=-22 " + e.getValue()), lines.get(0));
        }
        for (String ok : List.of("period_ms=10 report_ms=100", "period_ms=10 report_ms=655350")) {
            assertEquals("ok", sh("/tmp/procwrite /proc/lkp25p3 '" + scan + ok + "'").stdout().strip(), ok);
            check("echo 'scan stop' > /proc/lkp25p3", SHORT);
        }
        check("rmmod lkp25p3", SHORT);
    }

    /**
     * The scanner's cost per 100 ms period on part 2's 1 GiB buffer (hot 256 MiB, warm 256 MiB, THP
     * never, so 262,145 4 KiB PTEs): measured, never asserted (TCG).
     */
    @Test
    @Order(20)
    void scannerCostOnTheOneGibBufferIsMeasured() {
        String mark = mark("access-1g");
        check(reload(LKP) + " && rm -rf " + ROOT + "/out/access && sh " + SCRIPTS
                + "/access.sh 1G 10 256M 256M 512M 1000 100 1000 never > /dev/null", LONG);
        Map<Integer, HeatReport> reports = heatReports(kmsgSince(mark));
        assertFalse(reports.isEmpty(), "no report of the 1 GiB run");
        List<Long> avg = reports.values().stream().map(r -> r.scanNsAvg).toList();
        List<Long> max = reports.values().stream().map(HeatReport::scanNsMax).toList();
        double mean = avg.stream().mapToLong(Long::longValue).average().orElse(0);
        long worst = max.stream().mapToLong(Long::longValue).max().orElse(0);
        check("rmmod lkp25p3", SHORT);
        measurements.add(String.format("scanner on the 1 GiB buffer (262145 pages, 4 KiB PTEs), period 100 ms:"
                + " scan_ns_avg per report %s, mean %.2f ms = %.1f%% of the period; scan_ns_max %s, max %.1f ms",
                avg, mean / 1e6, mean / 1e6, max, worst / 1e6));
    }

    @Test
    @Order(30)
    void kernelLogHasNoOopsBugOrWarning() {
        assertKernelLogClean();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Since 6.6 retract_page_tables() frees a shmem PTE table without the reader's mmap lock. */
    private boolean retractsWithoutMmapLock() {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(sh("uname -r").stdout().strip());
        assertTrue(m.find(), "uname -r");
        int major = Integer.parseInt(m.group(1));
        return major > 6 || (major == 6 && Integer.parseInt(m.group(2)) >= 6);
    }

    private void assertKernelLogClean() {
        List<String> bad = sh("dmesg").stdout().lines().filter(l -> CRASH.matcher(l).find()).toList();
        assertEquals(List.of(), bad, "the kernel log reports a problem");
    }

    /** The workloads and kmod sources only (no host build products), as the run orchestrator stages them. */
    private static Path stageSources(Path repo, Path dest) throws IOException {
        for (String top : List.of("workloads", "kmod")) {
            try (Stream<Path> s = Files.walk(repo.resolve(top))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".c") || n.endsWith(".h") || n.endsWith(".sh") || n.equals("Makefile")) {
                        Path target = dest.resolve(repo.relativize(p).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
        }
        return dest;
    }

    private String build(String make) {
        ExecResult r = vm.exec(make + " 2>&1", Duration.ofMinutes(6));
        if (!r.ok()) {
            fail("build failed: " + make + "\n" + r.stdout() + r.stderr());
        }
        return r.stdout();
    }

    private static String reload(String ko) {
        String name = ko.substring(ko.lastIndexOf('/') + 1, ko.length() - 3);
        return "{ rmmod " + name + " 2>/dev/null; insmod " + ko + "; }";
    }

    /** Writes a marker record into the kernel log; {@link #kmsgSince} returns what followed it. */
    private String mark(String what) {
        String m = "ptlab-modules-it " + (++marks) + " " + what;
        check("echo '" + m + "' > /dev/kmsg", SHORT);
        return m;
    }

    private List<String> kmsgSince(String mark) {
        List<String> lines = sh("dmesg").stdout().lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).endsWith(mark)) {
                return lines.subList(i + 1, lines.size());
            }
        }
        throw new AssertionError("marker '" + mark + "' not in the kernel log");
    }

    private ExecResult sh(String cmd) {
        return sh(cmd, SHORT);
    }

    private ExecResult sh(String cmd, Duration timeout) {
        return vm.exec(cmd, timeout);
    }

    private ExecResult check(String cmd, Duration timeout) {
        ExecResult r = vm.exec(cmd, timeout);
        if (!r.ok()) {
            fail("guest command failed (" + r.exitStatus() + "): " + cmd + "\n" + r.stdout() + "\n" + r.stderr());
        }
        return r;
    }

    /** The value of {@code key=} in the first of {@code lines} that contains {@code what}, or "?". */
    private static String grep(List<String> lines, String what, String key) {
        return lines.stream().filter(l -> l.contains(what)).findFirst().map(l -> value(l, key)).orElse("?");
    }

    private static List<String[]> csv(String text) {
        return text.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    /** The value of {@code key=} in a key=value line. */
    private static String value(String line, String key) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S*)").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no " + key + "= in: " + line);
        }
        return m.group(1);
    }

    private static String bracketed(String thp) {
        Matcher m = Pattern.compile("\\[(\\w+)]").matcher(thp);
        return m.find() ? m.group(1) : "always";
    }

    private static long rank(long[] sorted, int pct) {
        int r = (int) ((sorted.length * (long) pct + 99) / 100);
        return sorted[Math.max(0, r - 1)];
    }
}
