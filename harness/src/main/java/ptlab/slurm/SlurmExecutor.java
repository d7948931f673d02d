package ptlab.slurm;

import ptlab.host.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.image.ImageCache;
import ptlab.image.RecipeLoader;
import ptlab.plan.CellResources;
import ptlab.plan.PlanWriter;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.run.Campaign;
import ptlab.run.CellTask;
import ptlab.run.Executor;
import ptlab.run.LocalExecutor;
import ptlab.progress.Progress;

/**
 * Runs a campaign on a Slurm cluster: the plan is saved in the campaign folder, each cell becomes one
 * task of a job array (task i runs cell i with {@code harness task cell}), images missing from the cache
 * are built first by one job the array depends on (so twenty nodes do not build the same image at once),
 * and an {@code afterany} job assembles the campaign report and JUnit whatever the cells' outcomes.
 * Submitting returns at once; {@link SlurmFollower} follows the campaign to its end.
 *
 * <p>The campaign folder, the repository, the harness and the image cache ({@code PTLAB_CACHE}) must be
 * on storage every node sees; the tasks inherit the submitting environment (sbatch's default).
 */
public final class SlurmExecutor implements Executor {
    public static final String NAME = "slurm";
    /** How often {@code --wait} asks the scheduler. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Harness harness;
    private final ImageCache cache;

    /** The jobs run this process's Java and harness; images come from the default cache. */
    public SlurmExecutor() {
        this(null, ImageCache.defaultCache());
    }

    /** {@code harness} null: this process's, rooted at the plan's repository. */
    public SlurmExecutor(Harness harness, ImageCache cache) {
        this.harness = harness;
        this.cache = cache;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean runsCellsHere() {
        return false;
    }

    private Harness harness(RunPlan plan) {
        return harness != null ? harness : Harness.current(plan.repoRoot());
    }

    @Override
    public Started submit(RunPlan plan, Progress progress) {
        Submission s = submit(plan, harness(plan), cache, progress);
        return new Started(PlanWriter.read(s.plan()), List.of(), describe(s));
    }

    @Override
    public Optional<Campaign.Finished> follow(Started started, Progress progress) {
        return Optional.of(SlurmFollower.follow(started.plan().campaignDir().orElseThrow(), POLL, progress));
    }

    @Override
    public Campaign.Finished cancel(Path campaign, Duration patience, Progress progress) {
        return SlurmFollower.cancel(campaign, patience, progress);
    }

    @Override
    public Started resume(Path campaign, Progress progress) {
        RunPlan plan = PlanWriter.read(Submission.read(campaign).plan());
        Submission s = Rounds.resume(campaign, harness(plan), cache, progress);
        return new Started(plan, List.of(), describe(s));
    }

    /** A Slurm array task: its job and task ids, node and restart count from the environment sbatch gives it. */
    @Override
    public CellTask.Attempt attempt(Map<String, String> env, String hostname) {
        String job = env.getOrDefault("SLURM_ARRAY_JOB_ID", env.getOrDefault("SLURM_JOB_ID", ""));
        String task = env.getOrDefault("SLURM_ARRAY_TASK_ID", "");
        return new CellTask.Attempt(job.isEmpty() ? LocalExecutor.NAME : NAME, task.isEmpty() ? job : job + "_" + task,
                env.getOrDefault("SLURMD_NODENAME", hostname),
                Integer.parseInt(env.getOrDefault("SLURM_RESTART_COUNT", "0")));
    }

    private static List<String> describe(Submission s) {
        Path campaign = s.plan().getParent();
        return List.of("submitted " + s.cells().size() + " cells to Slurm: array job " + s.arrayJob() + ", report job "
                + s.reportJob() + (s.imagesJob() != null ? ", image job " + s.imagesJob() : ""),
                "  campaign: " + campaign,
                "  follow:   bin/harness status " + campaign,
                "  cancel:   bin/harness cancel " + campaign);
    }

    /** What to run each job with: the same Java and harness as this process. */
    public record Harness(String java, String classPath, String root) {
        public static Harness current(Path repoRoot) {
            String java = ProcessHandle.current().info().command().orElse("java");
            return new Harness(java, System.getProperty("java.class.path"),
                    System.getProperty("ptlab.root", repoRoot.toString()));
        }

        String command(String... args) {
            StringBuilder sb = new StringBuilder(ShellWords.quote(java)).append(" -Dptlab.root=").append(ShellWords.quote(root))
                    .append(" -cp ").append(ShellWords.quote(classPath)).append(" ptlab.cli.Main");
            for (String a : args) {
                sb.append(' ').append(a.startsWith("\"$") ? a : ShellWords.quote(a));
            }
            return sb.toString();
        }
    }

    /** Saves the campaign's plan and submits its cells with the resources the plan resolved. */
    static Submission submit(RunPlan campaignPlan, Harness harness, ImageCache cache, Progress progress) {
        RunPlan plan = campaignPlan.asCampaign();
        CellResources options = plan.execution().resources() != null ? plan.execution().resources()
                : new CellResources(null, null, null, null, null, null).resolve(plan);
        Path campaign = plan.campaignDir().orElseThrow();
        Path slurm = campaign.resolve(Submission.FOLDER);
        Path planFile = campaign.resolve("plan.json");
        try {
            Files.createDirectories(slurm);
        } catch (IOException e) {
            throw HarnessException.infra("cannot make " + slurm + ": " + e.getMessage(), e);
        }
        PlanWriter.write(plan, planFile);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < plan.units().size(); i++) {
            all.add(i);
        }
        return submitCells(plan, planFile, all, options, harness, cache, progress);
    }

    static Submission submitCells(RunPlan plan, Path planFile, List<Integer> indices, CellResources options,
            Harness harness, ImageCache cache, Progress progress) {
        Path campaign = plan.campaignDir().orElseThrow();
        Path slurm = campaign.resolve(Submission.FOLDER);
        String imagesJob = null;
        List<String> missing = missingImages(plan, indices, cache);
        if (!missing.isEmpty()) {
            List<String> args = new ArrayList<>(common(options));
            args.addAll(List.of("--job-name=ptlab-images", "--chdir=" + plan.repoRoot(),
                    "--output=" + slurm.resolve("images.out"), "--open-mode=append",
                    "--cpus-per-task=" + options.cpusPerTask(), "--mem=" + options.memMib(), "--time=120"));
            StringBuilder build = new StringBuilder("set -e");
            for (String recipe : missing) {
                build.append('\n').append(harness.command("image", "build", recipe));
            }
            imagesJob = Slurm.submit(args, script(slurm.resolve("images.sh"),
                    "Builds the images the campaign's cells need and the cache lacks, once, before any cell.",
                    build.toString()));
            progress.note("images " + String.join(", ", missing) + " are not cached: job " + imagesJob + " builds them first");
        }

        String array = indices.size() == plan.units().size() ? "0-" + (indices.size() - 1)
                : String.join(",", indices.stream().map(String::valueOf).toList());
        List<String> args = new ArrayList<>(perCell(options));
        args.addAll(List.of("--job-name=ptlab-" + plan.spec().experiment(), "--chdir=" + plan.repoRoot(),
                "--array=" + array + (options.maxParallel() != null ? "%" + options.maxParallel() : ""),
                // both attempts of a requeued task stay in its log
                "--output=" + slurm.resolve("cell-%a.out"), "--open-mode=append", "--requeue"));
        if (imagesJob != null) {
            args.add("--dependency=afterok:" + imagesJob);
            args.add("--kill-on-invalid-dep=yes");
        }
        String arrayJob = Slurm.submit(args, script(slurm.resolve("cell.sh"),
                "Array task i runs cell i of plan.json, in a staging folder published when complete.",
                "exec " + harness.command("task", "cell", planFile.toString(), "\"$SLURM_ARRAY_TASK_ID\"")));

        List<String> reportArgs = new ArrayList<>(common(options));
        reportArgs.addAll(List.of("--job-name=ptlab-report", "--chdir=" + plan.repoRoot(),
                "--output=" + slurm.resolve("report.out"), "--open-mode=append", "--cpus-per-task=1",
                "--mem=" + CellResources.HARNESS_MIB, "--time=30", "--dependency=afterany:" + arrayJob));
        String reportJob = Slurm.submit(reportArgs, script(slurm.resolve("report.sh"),
                "Assembles the campaign (campaign.json, report, junit.xml) once every cell task has ended.",
                "exec " + harness.command("task", "finish", campaign.toString())));

        List<String> cells = plan.units().stream().map(RunUnit::runId).toList();
        Submission s = new Submission(planFile, imagesJob, arrayJob, reportJob, cells, Instant.now().toString(), options);
        s.write(campaign);
        return s;
    }

    /** The sbatch arguments every job of the campaign shares. */
    private static List<String> common(CellResources r) {
        List<String> a = new ArrayList<>();
        if (r.partition() != null) {
            a.add("--partition=" + r.partition());
        }
        a.addAll(r.extraArgs());
        return a;
    }

    /** The sbatch arguments of a cell task. */
    static List<String> perCell(CellResources r) {
        List<String> a = new ArrayList<>(common(r));
        a.add("--time=" + r.timeMinutes());
        a.add("--cpus-per-task=" + r.cpusPerTask());
        a.add("--mem=" + r.memMib());
        return a;
    }

    private static List<String> missingImages(RunPlan plan, List<Integer> indices, ImageCache cache) {
        Set<String> missing = new LinkedHashSet<>();
        for (int i : indices) {
            RunUnit u = plan.units().get(i);
            if (cache.lookup(RecipeLoader.load(u.recipe())).isEmpty()) {
                missing.add(u.recipe().toString());
            }
        }
        return List.copyOf(missing);
    }

    private static Path script(Path file, String comment, String command) {
        String text = "#!/bin/sh\n# Written by harness run --executor slurm. " + comment + "\n" + command + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
