package ptlab.plan;

import static ptlab.plan.GuestPaths.script;

import java.util.ArrayList;
import java.util.List;
import ptlab.guest.GuestProvider;
import ptlab.runfolder.RunFolder;
import ptlab.spec.AccessWorkload;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.PagemapMode;
import ptlab.spec.PagemapWorkload;
import ptlab.spec.PagetableWorkload;
import ptlab.spec.Scheme;
import ptlab.spec.VmSpec;
import ptlab.spec.VmaDumpWorkload;
import ptlab.spec.Workload;
import ptlab.spec.XlateWorkload;

/**
 * The ordered steps of one run, with their guest commands: boot, upload, builds (each module loaded
 * right after its build where the workloads need it), one or more steps per workload in spec order,
 * collect, render.
 */
final class StepPlanner {
    /** The DAMON phase runs the access pattern this long at most: about 300 aggregations of 100 ms. */
    static final long DAMON_MAX_S = 30;

    private StepPlanner() {
    }

    static List<Step> steps(ExperimentSpec spec, String image, GuestProvider provider) {
        if (spec.submission() != null) {
            return SubmissionSteps.steps(spec, image, provider);
        }
        VmSpec vm = spec.vm();
        long t = vm.stepTimeoutS();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Boot(Step.BOOT, provider.describeBoot(image, vm), vm.bootTimeoutS(), provider.name()));
        steps.add(new Step.Upload(Step.UPLOAD_SOURCES, "copy the staged workloads/ and kmod/ sources into the guest",
                t, RunFolder.STAGED_SOURCES, GuestPaths.SRC));
        steps.add(buildWorkloads(t));
        steps.add(new Step.GuestCommand(Step.GUEST_INFO, "record the guest's kernel, command line, THP policy,"
                + " memory and gcc", t, script("guest-info.sh"), List.of("raw/guest/"), null));
        steps.add(new Step.KmsgStream(Step.KMSG_STREAM, "stream /dev/kmsg (from the oldest record) into"
                + " raw/kmsg.txt until collection", t, GuestPaths.SRC + "/workloads/kmsgcat"));
        if (spec.workloads().stream().anyMatch(Workload::needsLkp25p3)) {
            steps.add(module(Step.BUILD_LKP25P3, "lkp25p3", t));
            steps.add(new Step.GuestCommand(Step.INSMOD_LKP25P3, "load lkp25p3.ko (creates /proc/lkp25p3)", t,
                    "insmod " + GuestPaths.SRC + "/kmod/lkp25p3/lkp25p3.ko", List.of(), null));
        }
        if (spec.workload(PagetableWorkload.class).isPresent()) {
            steps.add(module(Step.BUILD_PAGETABLE, "pagetable", t));
        }
        for (Workload w : spec.workloads()) {
            workloadSteps(w, t, steps);
        }
        steps.add(new Step.Collect(Step.COLLECT, "sync the kmsg stream, copy the guest's out/ folder and kern.log"
                + " into raw/, hash the built programs and modules, unload lkp25p3", t, GuestPaths.OUT,
                List.of(GuestPaths.KERN_LOG), "cd " + GuestPaths.SRC + " && sha256sum workloads/memalloc"
                        + " workloads/pagemap workloads/getpfn kmod/*/*.ko 2>/dev/null",
                "! lsmod | grep -q '^lkp25p3 ' || rmmod lkp25p3"));
        steps.add(new Step.Render(Step.RENDER, "parse raw/ into datasets, check the oracles, draw the figures and"
                + " write report.html and report.md (no VM)", t));
        return steps;
    }

    /**
     * The harness's own programs, every one of them: a submission's run uses the same step, so the build
     * cache's workloads entry always holds them all.
     */
    static Step.Build buildWorkloads(long timeout) {
        return build(Step.BUILD_WORKLOADS, "workloads", "workloads", "build the workload programs with the"
                + " guest's gcc", "make -C " + GuestPaths.SRC + "/workloads all kmsgcat",
                "find . -maxdepth 1 -type f -perm -u+x -printf '%f\\n'", timeout);
    }

    private static Step.Build build(String name, String component, String dir, String what, String make,
            String list, long timeout) {
        String guestDir = GuestPaths.SRC + "/" + dir;
        return new Step.Build(name, what + ", or reuse an identical earlier build from the host's build cache",
                timeout, component, guestDir, make, "cd " + guestDir + " && " + list);
    }

    private static Step.Build module(String name, String module, long timeout) {
        return build(name, module, "kmod/" + module, "build kmod/" + module + " against the guest kernel's headers",
                "make -C " + GuestPaths.SRC + "/kmod/" + module, "ls *.ko", timeout);
    }

    private static void workloadSteps(Workload w, long timeout, List<Step> steps) {
        if (w instanceof PagemapWorkload p) {
            String modes = String.join(" ", p.modes().stream().map(PagemapMode::label).toList());
            for (Scheme s : p.schemes()) {
                steps.add(new Step.GuestCommand(Step.part1(s), "memalloc " + p.size() + " in " + s.description()
                        + " and write every page; pagemap translates every page (" + join(p.modes())
                        + "), timing each; THP " + p.thp(), timeout,
                        script("part1.sh", s.label(), p.size().bytes(), p.thp().label(), modes),
                        List.of("raw/part1/" + s.label() + "/"), null));
            }
        } else if (w instanceof XlateWorkload x) {
            String pages = x.pages() == 0 ? "every page" : "the first " + x.pages() + " pages";
            steps.add(new Step.GuestCommand(Step.XLATE, "translate " + pages + " of a " + x.size() + " buffer"
                    + " through /proc/lkp25p3 (" + x.batch() + " VAs per write) and through pagemap, timing each;"
                    + " THP " + x.thp(), timeout,
                    script("xlate.sh", x.size().bytes(), x.pages(), x.batch(), x.thp().label()),
                    List.of("raw/xlate/"), null));
        } else if (w instanceof VmaDumpWorkload d) {
            steps.add(new Step.GuestCommand(Step.VMA_DUMP, "echo 0 > /proc/lkp25p3 walks the VMAs of PID " + d.pid()
                    + "; save /proc/" + d.pid() + "/maps and smaps to compare", timeout, script("vma_dump.sh"),
                    List.of("raw/vma/"), null));
        } else if (w instanceof AccessWorkload a) {
            steps.add(new Step.GuestCommand(Step.ACCESS, "for " + a.durationS() + " s read [0, " + a.hot()
                    + ") flat out and [" + a.warmStart() + ", " + a.warmEnd() + ") every " + a.warmPeriodUs()
                    + " us of a " + a.size() + " buffer; lkp25p3 scans accessed bits every " + a.scanPeriodMs()
                    + " ms and reports every " + a.reportMs() + " ms; THP " + a.thp(), timeout,
                    script("access.sh", a.size().bytes(), a.durationS(), a.hot().bytes(), a.warmStart().bytes(),
                            a.warmEnd().bytes(), a.warmPeriodUs(), a.scanPeriodMs(), a.reportMs(), a.thp().label()),
                    List.of("raw/access/"), "access t="));
            long damonS = Math.min(a.durationS(), DAMON_MAX_S);
            steps.add(new Step.GuestCommand(Step.DAMON, "after the scan, a separate phase: the same pattern for " + damonS
                    + " s with the lkp25p3 scanner off and DAMON (vaddr, 5 ms samples, 100 ms aggregations) watching"
                    + " the process; DAMON_STAT off meanwhile; 'not available' on kernels without DAMON's sysfs",
                    timeout, script("damon.sh", a.size().bytes(), damonS, a.hot().bytes(), a.warmStart().bytes(),
                            a.warmEnd().bytes(), a.warmPeriodUs(), a.thp().label()),
                    List.of("raw/damon/"), null));
        } else if (w instanceof PagetableWorkload t) {
            steps.add(new Step.GuestCommand(Step.PAGETABLE, "insmod pagetable with the pid of a process holding a "
                    + t.size() + " buffer to dump every VA->PA, and ask IOCTL_GET_PFN for every page; compare with"
                    + " pagemap", timeout, script("pagetable.sh", t.size().bytes()), List.of("raw/pagetable/"),
                    null));
        }
    }

    private static String join(List<?> items) {
        List<String> s = new ArrayList<>();
        for (Object o : items) {
            s.add(o.toString());
        }
        return String.join(" and ", s);
    }
}
