package ptlab.plan;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import ptlab.spec.ExperimentSpec;
import ptlab.spec.VmSpec;
import ptlab.spec.Workload;

/**
 * The plan for people ({@code harness run --dry-run}): what will run, where results go, and each step
 * with its timeout and the exact guest commands it runs. Paths are shown relative to the repository root.
 */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String format(RunPlan plan) {
        StringWriter out = new StringWriter();
        print(plan, new PrintWriter(out));
        return out.toString();
    }

    public static void print(RunPlan plan, PrintWriter out) {
        ExperimentSpec spec = plan.spec();
        VmSpec vm = spec.vm();
        out.printf("experiment  %s%n", spec.experiment());
        out.printf("spec        %s (sha256 %s)%n", shown(plan, plan.specFile()), plan.specSha256().substring(0, 12));
        out.printf("author      %s %s%n", spec.author().first(), spec.author().last());
        out.printf("guest       %d vCPUs, %d MiB, accel %s, start %s%s; boot timeout %d s, step timeout %d s%n",
                vm.cpus(), vm.memoryMib(), vm.accel(), vm.start(), vm.start() == ptlab.spec.Start.RESTORE
                        && vm.boots(1) ? " (cold boots for the first " + vm.coldBoots()
                        + " of each image)" : "", vm.bootTimeoutS(), vm.stepTimeoutS());
        out.printf("workloads   %s%n", String.join(", ", spec.workloads().stream().map(Workload::kind).toList()));
        out.printf("executor    %s%n", execution(plan.execution()));
        if (!plan.overrides().isEmpty()) {
            out.printf("overrides   %s%n", overrides(plan.overrides()));
        }
        int images = spec.images().size();
        int reps = spec.repetitions();
        out.printf("matrix      %d %s x %d %s = %d %s%n", images, plural(images, "image"), reps,
                plural(reps, "repetition"), plan.units().size(), plural(plan.units().size(), "run"));
        out.println();
        out.println("runs");
        int idWidth = plan.units().stream().mapToInt(u -> u.runId().length()).max().orElse(0);
        int recipeWidth = plan.units().stream().mapToInt(u -> shown(plan, u.recipe()).length()).max().orElse(0);
        // with vm.cold_boots the runs start their guests differently: each says how
        boolean mixed = plan.units().stream().map(PlanPrinter::provider).distinct().count() > 1;
        for (RunUnit u : plan.units()) {
            out.printf("  %-" + idWidth + "s  %-" + recipeWidth + "s  -> %s/%s%n", u.runId(), shown(plan, u.recipe()),
                    shown(plan, u.outputDir()), mixed ? "  (" + provider(u) + ")" : "");
        }
        if (!plan.units().isEmpty()) {
            RunUnit first = plan.units().get(0);
            out.println();
            out.println("steps of each run" + (images > 1 ? " (shown for " + first.image() + ")" : ""));
            List<Step> steps = first.steps();
            int nameWidth = steps.stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                out.printf("  %2d. %-" + nameWidth + "s  %5d s  %s%n", i + 1, s.name(), s.timeoutS(), s.description());
                for (String c : s.commands()) {
                    out.printf("      %" + nameWidth + "s           $ %s%n", "", c);
                }
                if (s instanceof Step.Boot b) {
                    out.printf("      %" + nameWidth + "s           (guest provider: %s)%n", "", b.provider());
                } else if (s instanceof Step.Upload u) {
                    out.printf("      %" + nameWidth + "s           (host %s -> guest %s)%n", "", u.from(), u.to());
                }
            }
        }
        out.flush();
    }

    private static String provider(RunUnit u) {
        return u.step(Step.BOOT).map(s -> ((Step.Boot) s).provider()).orElse("-");
    }

    private static String overrides(Overrides o) {
        StringBuilder sb = new StringBuilder();
        if (o.accel() != null) {
            sb.append("--accel ").append(o.accel()).append(' ');
        }
        if (o.images() != null) {
            for (String image : o.images()) {
                sb.append("--image ").append(image).append(' ');
            }
        }
        if (o.repetitions() != null) {
            sb.append("--repetitions ").append(o.repetitions()).append(' ');
        }
        if (o.start() == ptlab.spec.Start.BOOT) {
            sb.append("--cold-boot ");
        }
        if (o.backend() != null) {
            sb.append("--backend ").append(o.backend()).append(' ');
        }
        return sb.toString().strip();
    }

    /** {@code local, 1 cell at a time; builds native} or a scheduler's resources per cell. */
    static String execution(Execution e) {
        StringBuilder sb = new StringBuilder(e.executor());
        if (e.resources() == null) {
            sb.append(", ").append(e.jobs()).append(e.jobs() == 1 ? " cell" : " cells").append(" at a time");
        } else {
            CellResources r = e.resources();
            sb.append(", per cell ").append(r.cpusPerTask()).append(" CPUs, ").append(r.memMib()).append(" MiB, ")
                    .append(r.timeMinutes()).append(" min");
            if (r.partition() != null) {
                sb.append(", partition ").append(r.partition());
            }
            if (r.maxParallel() != null) {
                sb.append(", at most ").append(r.maxParallel()).append(" at once");
            }
            r.extraArgs().forEach(a -> sb.append(' ').append(a));
        }
        sb.append("; builds ").append(e.builds() == Builds.GUEST ? "in the guest (--build-in-guest)"
                : "native where the host allows, else in the guest");
        return sb.toString();
    }

    private static String shown(RunPlan plan, Path p) {
        return p.startsWith(plan.repoRoot()) ? plan.repoRoot().relativize(p).toString() : p.toString();
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
