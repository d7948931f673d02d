package ptlab.plan;

import ptlab.host.ShellWords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptlab.HarnessException;
import ptlab.files.Trees;
import ptlab.guest.GuestProvider;
import ptlab.spec.AccessWorkload;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.PagetableWorkload;
import ptlab.spec.SubmissionSpec;
import ptlab.spec.VmaDumpWorkload;
import ptlab.spec.XlateWorkload;
import ptlab.submission.Findings;
import ptlab.submission.IoctlUse;
import ptlab.submission.ModuleParams;
import ptlab.submission.Part;
import ptlab.submission.PartFinder;
import ptlab.submission.PartResult;
import ptlab.submission.SafeUnpacker;
import ptlab.submission.Unpacked;

/**
 * The steps of a run of a student's submission: one guest for the harness's own drivers and the
 * student's builds (their Makefile, sandboxed when native), then a {@link Step.Trial} per part of Part 2
 * the spec asks for, each in a fresh guest. The parts are found now, at planning, so a plan (and its dry
 * run) names the folders, the module and what is missing; the run unpacks the same bytes again.
 */
final class SubmissionSteps {
    /** Where the submission's copy is in the guest (and under the staged sources on the host). */
    static final String DIR = GuestPaths.SRC + "/submission";
    /** VAs the translate part writes, spread over the buffer: enough for a CDF, seconds per student. */
    static final long TRANSLATE_VAS = 4096;
    static final String BUILD_MODULE = "build-submission-lkp25p3";
    static final String BUILD_MEMALLOC = "build-submission-memalloc";
    static final String BUILD_PAGETABLE = "build-submission-pagetable";
    static final String BUILD_PAGETABLE_USER = "build-submission-pagetable-user";

    private SubmissionSteps() {
    }

    static List<Step> steps(ExperimentSpec spec, String image, GuestProvider provider) {
        SubmissionSpec sub = spec.submission();
        Scan scan = scan(sub);
        Findings f = scan.findings();
        long t = spec.vm().stepTimeoutS();
        long limit = sub.timeLimitS();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Boot(Step.BOOT, provider.describeBoot(image, spec.vm()), spec.vm().bootTimeoutS(),
                provider.name()));
        steps.add(new Step.Upload(Step.UPLOAD_SOURCES, "copy the harness's drivers (workloads/) and the submission's"
                + " copy into the guest", t, ptlab.runfolder.RunFolder.STAGED_SOURCES, GuestPaths.SRC));
        steps.add(StepPlanner.buildWorkloads(t));
        steps.add(new Step.GuestCommand(Step.GUEST_INFO, "record the guest's kernel, command line, THP policy, memory"
                + " and gcc", t, GuestPaths.script("guest-info.sh"), List.of("raw/guest/"), null));
        PartResult module = part(f, Part.LKP25P3);
        PartResult memalloc = part(f, Part.PART2_MEMALLOC);
        String ko = module instanceof PartResult.Found m ? moduleBuild(m, t, steps) : null;
        String prog = memalloc instanceof PartResult.Found p ? programBuild(p, t, steps, BUILD_MEMALLOC,
                "submission-memalloc", "Part 2 memalloc") : null;
        Part1Steps.add(spec, f, t, limit, steps);
        String missingModule = missing(module);
        String accessMissing = missingModule != null ? missingModule : missing(memalloc);
        spec.workload(XlateWorkload.class).ifPresent(x -> steps.add(new Step.Trial(Step.TRIAL_PREFIX + "translate",
                "write " + TRANSLATE_VAS + " VAs of a " + x.size() + " buffer (THP asked for on its first half) to"
                + " /proc/lkp25p3 one by one, as echo does, between kernel-log markers; the truth is the driver's own"
                + " pagemap", trialDeadline(limit, 0), "translate", ko,
                GuestPaths.script("sub-translate.sh", x.size().bytes(), TRANSLATE_VAS, limit),
                GuestPaths.OUT + "/submission/translate", missingModule)));
        spec.workload(VmaDumpWorkload.class).ifPresent(d -> steps.add(new Step.Trial(Step.TRIAL_PREFIX + "vma",
                "echo 0 > /proc/lkp25p3 between kernel-log markers; /proc/1/maps just before and after",
                trialDeadline(limit, 0),
                "vma", ko, GuestPaths.script("sub-vma.sh", limit), GuestPaths.OUT + "/submission/vma",
                missingModule)));
        // a module told its process by a parameter (insmod lkp25p3.ko pid=N) is loaded once memalloc runs
        java.util.Optional<ModuleParams> params = ko == null ? java.util.Optional.empty() : scan.params();
        spec.workload(AccessWorkload.class).ifPresent(a -> steps.add(new Step.Trial(Step.TRIAL_PREFIX + "access",
                "run the student's memalloc as they wrote it (no arguments, stdin closed) for at most " + a.durationS()
                + " s + " + limit + " s with their module loaded" + params.map(p -> " once it has its buffer, with "
                + p.pid() + "=<its pid>" + (p.address() == null ? "" : " " + p.address() + "=<its buffer>")).orElse("")
                + ", between kernel-log markers", trialDeadline(limit, a.durationS()), "access", ko,
                GuestPaths.script("sub-access.sh", prog == null ? "" : prog, a.durationS(), limit,
                        params.isPresent() ? ko : "", params.map(ModuleParams::pid).orElse(""),
                        params.map(p -> p.address() == null ? "" : p.address()).orElse("")),
                GuestPaths.OUT + "/submission/access", accessMissing, params.map(ModuleParams::names).orElse(null))));
        PartResult pagetable = part(f, Part.PAGETABLE);
        String pt = pagetable instanceof PartResult.Found m ? pagetableBuild(m, t, steps) : null;
        String param = pagetable instanceof PartResult.Found m ? pidParameter(m) : "pid";
        PartResult user = part(f, Part.PAGETABLE_USER);
        String userProg = user instanceof PartResult.Found u ? programBuild(u, t, steps, BUILD_PAGETABLE_USER,
                "submission-pagetable-user", "pagetable user program") : null;
        spec.workload(PagetableWorkload.class).ifPresent(w -> steps.add(new Step.Trial(Step.TRIAL_PREFIX + "pagetable",
                "load the student's pagetable module with " + param + "=<pid> of a process the harness holds (a "
                + w.size() + " buffer, every page written), between kernel-log markers; then ask its ioctl for the"
                + " buffer's pages as the student's program calls it" + scan.ioctl().map(i -> " (" + i.command()
                + (i.byPointer() ? ", by pointer" : ", by value") + ")").orElse("") + ", and run the student's user"
                + " program; the truth is the harness's pagemap of that buffer", trialDeadline(limit, 0), "pagetable",
                null, GuestPaths.script("sub-pagetable.sh", pt == null ? "" : pt, param, w.size().bytes(), limit,
                        userProg == null ? "" : userProg, scan.ioctl().map(i -> DIR + "/" + i.file()).orElse(""),
                        scan.ioctl().map(IoctlUse::command).orElse(""),
                        scan.ioctl().map(i -> i.byPointer() ? "pointer" : "value").orElse(""),
                        scan.ioctl().map(i -> String.join(" ", i.devices())).orElse("")),
                GuestPaths.OUT + "/submission/pagetable", missing(pagetable))));
        steps.add(new Step.Render(Step.RENDER, "parse raw/, judge each part against the harness's own truths, draw"
                + " the student's figures and write report.html and report.md (no VM)", t));
        return steps;
    }

    private static String moduleBuild(PartResult.Found m, long t, List<Step> steps) {
        String dir = at(m.buildFile() != null ? m.buildFile().getParent() : m.folder());
        String makeDir = m.makefile() != null ? at(m.makefile().getParent()) : dir;
        steps.add(new Step.Build(BUILD_MODULE, "build the student's module " + m.module() + ".ko with their own"
                + " Makefile against the guest kernel's headers (a stranger's code: sandboxed)", t,
                "submission-lkp25p3", dir, moduleMake(makeDir, dir, m.module()), "cd " + q(dir) + " && ls "
                + q(m.module() + ".ko"), true));
        return dir + "/" + m.module() + ".ko";
    }

    private static String pagetableBuild(PartResult.Found m, long t, List<Step> steps) {
        String dir = at(m.buildFile() != null ? m.buildFile().getParent() : m.folder());
        String makeDir = m.makefile() != null ? at(m.makefile().getParent()) : dir;
        steps.add(new Step.Build(BUILD_PAGETABLE, "build the student's pagetable module " + m.module() + ".ko with"
                + " their own Makefile against the guest kernel's headers (a stranger's code: sandboxed)", t,
                "submission-pagetable", dir, moduleMake(makeDir, dir, m.module()), "cd " + q(dir) + " && ls "
                + q(m.module() + ".ko"), true));
        return dir + "/" + m.module() + ".ko";
    }

    /**
     * The student's {@code make}; when it left no {@code module.ko} and no compiler error (a Makefile with only
     * {@code obj-m}, "No targets", or a default target that builds the programs alone), kbuild on the folder as
     * {@code make -C /lib/modules/$(uname -r)/build M=DIR modules}.
     */
    static String moduleMake(String makeDir, String dir, String module) {
        String ko = q(module + ".ko");
        return "{ " + make(makeDir, "") + " >/tmp/ptlab-make.log 2>&1; s=$?; cat /tmp/ptlab-make.log; cd " + q(dir)
                + " && if [ ! -f " + ko + " ] && ! grep -q 'error:' /tmp/ptlab-make.log; then echo \"ptlab: make left"
                + " no " + module + ".ko; kbuild on " + dir + "\"; make -C \"/lib/modules/$(uname -r)/build\" M=" + q(dir)
                + " modules; else exit $s; fi; }";
    }

    /** The module parameter that takes the pid, as the finder read it ("has module parameter 'pid'"). */
    static String pidParameter(PartResult.Found m) {
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("module parameter '(\\w+)'").matcher(m.reason());
        return p.find() ? p.group(1) : "pid";
    }

    /**
     * A student's program: their Makefile's target of its name, else gcc on their sources (a stranger's code:
     * sandboxed); its path in the guest.
     */
    static String programBuild(PartResult.Found p, long t, List<Step> steps, String step, String component, String what) {
        String dir = at(p.folder());
        String name = baseName(p.sources().get(0));
        String sources = String.join(" ", p.sources().stream().filter(s -> s.toString().endsWith(".c"))
                .map(s -> q(s.getFileName().toString())).toList());
        String makeDir = p.makefile() != null ? at(p.makefile().getParent()) : dir;
        // a binary handed in with the sources (built for another libc or machine) is never used: removed, then
        // built afresh (make -B, so objects handed in are rebuilt too)
        steps.add(new Step.Build(step, "build the student's " + what + ": their Makefile's target "
                + name + ", else gcc on their sources (a stranger's code: sandboxed)", t, component,
                dir, "{ rm -f " + q(dir + "/" + name) + "; " + make(makeDir, " -B " + q(name)) + "; cd " + q(dir)
                + " && [ -x " + q(name)
                + " ] || gcc -O2 -pthread -o " + q(name) + " " + sources + " -lm; }", "cd " + q(dir) + " && ls " + q(name),
                true));
        return dir + "/" + name;
    }

    /**
     * How long a trial's driver may run before the guest counts as hung (TIMEOUT): the drivers kill the
     * student's programs at their limits themselves, so only a guest that stops answering gets here.
     */
    static long trialDeadline(long limit, long duration) {
        return duration + 2 * limit + 120;
    }

    /** What planning reads from the submission: its parts, and how its user program calls the pagetable ioctl. */
    record Scan(Findings findings, java.util.Optional<IoctlUse> ioctl, java.util.Optional<ModuleParams> params) {
    }

    /** Unpacks the submission into a private temporary folder, finds its parts, deletes the copy. */
    static Findings findings(SubmissionSpec sub) {
        return scan(sub).findings();
    }

    static Scan scan(SubmissionSpec sub) {
        Unpacked u = new SafeUnpacker().unpack(Path.of(sub.path()), Path.of(System.getProperty("java.io.tmpdir")));
        try {
            // an ambiguous part is not run (its trial says AMBIGUOUS, a person decides); the others are
            Findings f = PartFinder.find(u.root(), sub.assignment(), sub.parts());
            java.util.Optional<IoctlUse> ioctl = part(f, Part.PAGETABLE_USER) instanceof PartResult.Found user
                    ? IoctlUse.of(u.root(), user, part(f, Part.PAGETABLE) instanceof PartResult.Found m ? m : null)
                    : java.util.Optional.empty();
            java.util.Optional<ModuleParams> params = part(f, Part.LKP25P3) instanceof PartResult.Found m
                    ? ModuleParams.of(u.root(), m) : java.util.Optional.empty();
            return new Scan(f, ioctl, params);
        } finally {
            try {
                Trees.delete(u.root());
            } catch (java.io.IOException e) {
                // a temporary copy left in the temporary folder; nothing of the plan depends on it
            }
        }
    }

    private static PartResult part(Findings f, Part p) {
        return f.parts().stream().filter(r -> r.part() == p).findFirst()
                .orElse(new PartResult.Missing(p, "not part of assignment " + f.assignment().id()));
    }

    /**
     * Why a trial cannot run for want of one of {@code parts}: "MISSING: ..." or "AMBIGUOUS: ..." (the candidates and
     * the --part that settles it); null when every one was found.
     */
    static String missing(PartResult... parts) {
        for (PartResult r : parts) {
            if (r instanceof PartResult.Missing m) {
                return "MISSING: " + r.part().description() + ": " + m.why();
            }
            if (r instanceof PartResult.Ambiguous a) {
                return ptlab.runfolder.PartOutcome.AMBIGUOUS + ": " + r.part().description() + ": "
                        + a.candidates().size() + " candidates (" + a.candidates().stream().map(PartResult.Found::reason).collect(java.util.stream.Collectors
                        .joining("; ")) + "); " + a.hint();
            }
        }
        return null;
    }

    /**
     * {@code make} as a student runs it: in the Makefile's folder, with {@code PWD} saying so (Makefiles pass
     * {@code M=$(PWD)} to kbuild, and a shell started elsewhere would leave another folder there).
     */
    static String make(String makeDir, String targets) {
        return "cd " + q(makeDir) + " && PWD=" + q(makeDir) + " make" + targets;
    }

    /** The guest path of a folder of the submission (null or empty: its top). */
    private static String at(Path p) {
        return p == null || p.toString().isEmpty() ? DIR : DIR + "/" + p;
    }

    private static String baseName(Path source) {
        String n = source.getFileName().toString();
        return n.endsWith(".c") ? n.substring(0, n.length() - 2) : n;
    }

    private static String q(String s) {
        return ShellWords.quote(s);
    }
}
