package ptlab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.image.Image;
import ptlab.parse.KmsgLog;
import ptlab.parse.KmsgParser;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.util.HostInfo;
import ptlab.util.Sha256;
import ptlab.vm.VmConfig;

/**
 * {@code manifest.json}: every input hashed (spec, kernel, initrd, disk, sources, built modules and
 * binaries), where it ran (commit, QEMU, accelerator, host CPU, guest command line and THP), how
 * long each step took, how many kmsg records were lost, and the outcome. Rewritten after each
 * phase so a crash mid-run still leaves a manifest behind.
 */
final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunUnit unit;
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private final Map<String, Object> warnings = new TreeMap<>();

    RunManifest(RunPlan plan, RunUnit unit) {
        this.unit = unit;
        root.put("experiment", plan.spec().experiment());
        root.put("run_id", unit.runId());
        root.put("repetition", unit.repetition());
        root.put("author", Map.of("first", plan.spec().author().first(), "last", plan.spec().author().last()));
        root.put("spec", Map.of("file", plan.specFile().toString(), "sha256", plan.specSha256()));
        root.put("source_root", plan.repoRoot().toString());
        root.put("git_commit", HostInfo.gitCommit(plan.repoRoot()));
        root.put("qemu_version", HostInfo.qemuVersion());
        root.put("host_cpu", HostInfo.cpuModel());
        root.put("harness_version", HostInfo.harnessVersion());
    }

    void image(Image image) {
        var m = image.manifest();
        Map<String, Object> img = new LinkedHashMap<>();
        img.put("name", m.name());
        img.put("cache_key", m.cacheKey());
        img.put("suite", m.suite());
        img.put("kernel_release", m.kernelRelease());
        img.put("kernel_sha256", m.kernelSha256());
        img.put("initrd_sha256", m.initrdSha256());
        img.put("disk_sha256", m.diskSha256());
        img.put("host_key", m.hostKeySha256());
        img.put("built_at", m.builtAt());
        img.put("packages", m.packages().size());
        root.put("image", img);
        root.put("guest_kernel", m.kernelRelease());
    }

    void vm(VmConfig c) {
        root.put("accelerator", c.accel().toString());
        root.put("vm", Map.of("cpus", c.cpus(), "memory_mib", c.memoryMib(), "cmdline", c.cmdline()));
        root.put("qemu_argv", ptlab.vm.QemuArgs.argv(c));
    }

    void inputs(Map<String, String> sources) {
        root.put("inputs", sources);
    }

    void bootToSsh(Duration d) {
        root.put("boot_to_ssh_s", d.toMillis() / 1000.0);
    }

    void buildWarnings(String module, long count) {
        warnings.put(module, count);
        root.put("build_warnings", warnings);
    }

    void kmsgSynced(boolean synced, RuntimeException streamFailure) {
        root.put("kmsg_synced", synced);
        if (streamFailure != null) {
            root.put("kmsg_stream_error", streamFailure.getMessage());
        }
    }

    /** {@code sha256sum} output from the guest: "hash  path" lines. */
    void artifacts(String sha256sumOutput) {
        Map<String, String> a = new TreeMap<>();
        sha256sumOutput.lines().map(String::trim).filter(l -> l.matches("[0-9a-f]{64}\\s+\\S+")).forEach(l -> {
            String[] f = l.split("\\s+", 2);
            a.put(f[1], f[0]);
        });
        root.put("artifacts", a);
    }

    synchronized void step(StepRecord r) {
        steps.removeIf(s -> s.name().equals(r.name()));
        steps.add(r);
    }

    void oracles(List<OracleResult> oracles) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (OracleResult o : oracles) {
            list.add(Map.of("name", o.name(), "passed", o.passed(), "detail", o.detail()));
        }
        root.put("oracles", list);
    }

    void finish(Outcome outcome, String message) {
        Path raw = unit.rawDir();
        Path guest = raw.resolve("guest");
        root.put("guest_cmdline", readTrim(guest.resolve("cmdline.txt")));
        root.put("thp_enabled", readTrim(guest.resolve("thp_enabled.txt")));
        root.put("thp_defrag", readTrim(guest.resolve("thp_defrag.txt")));
        Path kmsg = raw.resolve("kmsg.txt");
        if (Files.isRegularFile(kmsg)) {
            try {
                KmsgLog log = KmsgParser.parse(kmsg);
                root.put("kmsg_records", log.records().size());
                root.put("kmsg_lost", log.lost());
            } catch (HarnessException e) {
                root.put("kmsg_error", e.getMessage());
            }
        }
        Map<String, String> rawHashes = new TreeMap<>();
        for (String f : List.of("kmsg.txt", "kern.log", "console.log")) {
            if (Files.isRegularFile(raw.resolve(f))) {
                rawHashes.put("raw/" + f, Sha256.of(raw.resolve(f)));
            }
        }
        root.put("raw_sha256", rawHashes);
        root.put("steps", List.copyOf(steps));
        root.put("harness_peak_rss_mib", HostInfo.peakRssMib());
        root.put("outcome", outcome.name());
        root.put("exit_code", outcome.exitCode());
        root.put("message", message == null ? "" : message);
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readTrim(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
