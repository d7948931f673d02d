package ptlab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.guest.GuestInfo;
import ptlab.image.Image;
import ptlab.parse.KmsgLog;
import ptlab.parse.Manifest;
import ptlab.parse.ManifestReader;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.runfolder.RunFolder;
import ptlab.util.HostInfo;
import ptlab.util.Sha256;

/**
 * {@code manifest.json}, built in memory while the run goes on and written once at its end: every
 * input hashed (spec, kernel, initrd, disk, sources, built modules and binaries), where it ran (commit,
 * QEMU, guest backend and accelerator, host CPU, guest command line and THP), how long each step took,
 * how many kmsg records were lost, each oracle, and the outcome decided from all of that.
 */
final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunFolder folder;
    private final Clock clock;
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private final Map<String, Object> warnings = new TreeMap<>();
    private final Map<String, Object> builtBy = new TreeMap<>();

    RunManifest(RunPlan plan, RunUnit unit, HostFacts host, Clock clock) {
        this.folder = unit.folder();
        this.clock = clock;
        root.put("experiment", plan.spec().experiment());
        root.put("run_id", unit.runId());
        root.put("repetition", unit.repetition());
        root.put("author", ordered("first", plan.spec().author().first(), "last", plan.spec().author().last()));
        root.put("spec", ordered("file", plan.specFile().toString(), "sha256", plan.specSha256()));
        root.put("plan_version", plan.planVersion());
        root.put("source_root", plan.repoRoot().toString());
        root.put("git_commit", host.gitCommit());
        root.put("qemu_version", host.qemuVersion());
        root.put("host_cpu", host.cpuModel());
        root.put("harness_version", host.harnessVersion());
        root.put("started_at", now());
    }

    /** What the manifest says about the host, gathered once (tests pass fixed values). */
    record HostFacts(String gitCommit, String qemuVersion, String cpuModel, String harnessVersion) {
        static HostFacts of(Path repoRoot) {
            return new HostFacts(HostInfo.gitCommit(repoRoot), HostInfo.qemuVersion(), HostInfo.cpuModel(),
                    HostInfo.harnessVersion());
        }
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

    void guest(GuestInfo g) {
        root.put("guest_backend", g.backend());
        root.put("guest_start", g.start().label());
        root.put("snapshot_sha256", g.snapshot());
        root.put("accelerator", g.accel().label());
        root.put("vm", ordered("cpus", g.cpus(), "memory_mib", g.memoryMib(), "cmdline", g.cmdline()));
        root.put("qemu_argv", g.argv());
        root.put("guest_backend_facts", g.facts());
    }

    void inputs(Map<String, String> sources) {
        root.put("inputs", sources);
    }

    void bootToSsh(Duration d) {
        root.put("boot_to_ssh_s", d.toMillis() / 1000.0);
    }

    synchronized void buildWarnings(String module, long count) {
        warnings.put(module, count);
        root.put("build_warnings", warnings);
    }

    /** Where a component's products were built: native, guest, or cache (built ...). */
    synchronized void builtBy(String component, String where) {
        builtBy.put(component, where);
        root.put("built_by", builtBy);
    }

    void kmsgSynced(boolean synced, String streamError) {
        root.put("kmsg_synced", synced);
        if (streamError != null) {
            root.put("kmsg_stream_error", streamError);
        }
    }

    void artifacts(Map<String, String> pathToSha256) {
        root.put("artifacts", new TreeMap<>(pathToSha256));
    }

    synchronized void step(StepRecord r) {
        steps.removeIf(s -> s.name().equals(r.name()));
        steps.add(r);
    }

    /** Counts from raw/kmsg.txt as the render parsed it (the file is parsed once per run). */
    void kmsg(KmsgLog log) {
        root.put("kmsg_records", log.records().size());
        root.put("kmsg_lost", log.lost());
    }

    void kmsgError(String message) {
        root.put("kmsg_error", message);
    }

    void oracles(List<OracleResult> oracles) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (OracleResult o : oracles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("passed", o.passed());
            m.put("detail", o.detail());
            list.add(m);
        }
        root.put("oracles", list);
    }

    /** Reads what the guest reported about itself (raw/guest/) and the hashes of the raw logs. */
    void rawFacts() {
        Path guest = folder.guestInfo();
        root.put("guest_cmdline", readTrim(guest.resolve("cmdline.txt")));
        root.put("thp_enabled", readTrim(guest.resolve("thp_enabled.txt")));
        root.put("thp_defrag", readTrim(guest.resolve("thp_defrag.txt")));
        Map<String, String> rawHashes = new TreeMap<>();
        for (String f : List.of(RunFolder.KMSG, RunFolder.KERN_LOG, RunFolder.CONSOLE)) {
            if (Files.isRegularFile(folder.raw(f))) {
                rawHashes.put(RunFolder.RAW + "/" + f, Sha256.of(folder.raw(f)));
            }
        }
        root.put("raw_sha256", rawHashes);
    }

    /** The manifest as it stands, as the render side reads manifests (figures need author and accel). */
    Manifest view() {
        try {
            return ManifestReader.parse(JSON.writeValueAsString(snapshot()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void finish(Outcome outcome, String message) {
        root.put("steps", List.copyOf(steps));
        root.put("finished_at", now());
        root.put("harness_peak_rss_mib", HostInfo.peakRssMib());
        root.put("outcome", outcome.name());
        root.put("exit_code", outcome.exitCode());
        root.put("message", message == null ? "" : message);
    }

    /** Writes manifest.json (through a temporary file: a reader never sees half of it). */
    void write() {
        Path file = folder.manifest();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".manifest", ".tmp");
            JSON.writeValue(tmp.toFile(), snapshot());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(root);
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A map that keeps the order given (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String readTrim(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
