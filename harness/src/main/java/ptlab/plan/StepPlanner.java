package ptlab.plan;

import java.util.ArrayList;
import java.util.List;
import ptlab.spec.AccessWorkload;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.PagemapWorkload;
import ptlab.spec.PagetableWorkload;
import ptlab.spec.Scheme;
import ptlab.spec.VmSpec;
import ptlab.spec.VmaDumpWorkload;
import ptlab.spec.Workload;
import ptlab.spec.XlateWorkload;

/** The ordered steps of one run: boot, builds, one or more steps per workload in spec order, collect, render. */
final class StepPlanner {
    private StepPlanner() {
    }

    static List<Step> steps(ExperimentSpec spec, String image) {
        VmSpec vm = spec.vm();
        long stepTimeout = vm.stepTimeoutS();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Step.BOOT, "boot " + image + " in QEMU (" + vm.cpus() + " vCPUs, " + vm.memoryMib()
                + " MiB, accel " + vm.accel() + ") and wait until SSH runs a command", vm.bootTimeoutS()));
        steps.add(new Step(Step.BUILD_WORKLOADS,
                "copy workloads/ into the guest and build its programs with the guest's gcc", stepTimeout));
        if (spec.workloads().stream().anyMatch(Workload::needsLkp25p3)) {
            steps.add(new Step(Step.BUILD_LKP25P3, "build kmod/lkp25p3 against the guest kernel's headers",
                    stepTimeout));
        }
        if (spec.workload(PagetableWorkload.class).isPresent()) {
            steps.add(new Step(Step.BUILD_PAGETABLE, "build kmod/pagetable against the guest kernel's headers",
                    stepTimeout));
        }
        for (Workload w : spec.workloads()) {
            workloadSteps(w, stepTimeout, steps);
        }
        steps.add(new Step(Step.COLLECT, "copy kern.log, the kmsg stream, /proc/1/maps and smaps and every"
                + " workload output into raw/, then shut the guest down", stepTimeout));
        steps.add(new Step(Step.RENDER, "parse raw/ into datasets, check the oracles, draw the figures and write"
                + " report.html and report.md (no VM)", stepTimeout));
        return steps;
    }

    private static void workloadSteps(Workload w, long timeout, List<Step> steps) {
        if (w instanceof PagemapWorkload p) {
            for (Scheme s : p.schemes()) {
                steps.add(new Step(Step.part1(s), "memalloc " + p.size() + " in " + s.description()
                        + " and write every page; pagemap translates every page (" + join(p.modes())
                        + "), timing each; THP " + p.thp(), timeout));
            }
        } else if (w instanceof XlateWorkload x) {
            String pages = x.pages() == 0 ? "every page" : "the first " + x.pages() + " pages";
            steps.add(new Step(Step.XLATE, "translate " + pages + " of a " + x.size() + " buffer through"
                    + " /proc/lkp25p3 (" + x.batch() + " VAs per write) and through pagemap, timing each; THP "
                    + x.thp(), timeout));
        } else if (w instanceof VmaDumpWorkload d) {
            steps.add(new Step(Step.VMA_DUMP, "echo 0 > /proc/lkp25p3 walks the VMAs of PID " + d.pid()
                    + "; save /proc/" + d.pid() + "/maps and smaps to compare", timeout));
        } else if (w instanceof AccessWorkload a) {
            steps.add(new Step(Step.ACCESS, "for " + a.durationS() + " s read [0, " + a.hot() + ") flat out and ["
                    + a.warmStart() + ", " + a.warmEnd() + ") every " + a.warmPeriodUs() + " us of a " + a.size()
                    + " buffer; lkp25p3 scans accessed bits every " + a.scanPeriodMs() + " ms and reports every "
                    + a.reportMs() + " ms; THP " + a.thp(), timeout));
        } else if (w instanceof PagetableWorkload t) {
            steps.add(new Step(Step.PAGETABLE, "insmod pagetable with the pid of a process holding a " + t.size()
                    + " buffer to dump every VA->PA, and ask IOCTL_GET_PFN for every page; compare with pagemap",
                    timeout));
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
