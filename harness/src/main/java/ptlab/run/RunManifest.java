package ptlab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ptlab.Outcome;
import ptlab.analysis.OracleResult;
import ptlab.guest.GuestInfo;
import ptlab.image.Image;
import ptlab.json.Json;
import ptlab.parse.KmsgLog;
import ptlab.plan.RunPlan;
import ptlab.plan.RunUnit;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;
import ptlab.host.HostInfo;
import ptlab.files.Sha256;

/**
 * {@code manifest.json} ({@link Manifest}), gathered while the run goes on and written once at its end:
 * every input hashed, where it ran, how long each step took, how many kmsg records were lost, each oracle,
 * and the outcome decided from all of that. Steps of parallel module builds report concurrently.
 */
final class RunManifest {
    private final RunFolder folder;
    private final Clock clock;
    private final RunPlan plan;
    private final RunUnit unit;
    private final HostFacts host;
    private final String startedAt;
    private final List<StepRecord> steps = new ArrayList<>();
    private final Map<String, Long> warnings = new TreeMap<>();
    private final Map<String, String> builtBy = new TreeMap<>();
    private Manifest.ImageFacts image;
    private GuestInfo guest;
    private Map<String, String> inputs;
    private Double bootToSsh;
    private Boolean kmsgSynced;
    private String kmsgStreamError;
    private Map<String, String> artifacts;
    private Long kmsgRecords;
    private Long kmsgLost;
    private String kmsgError;
    private List<OracleResult> oracles;
    private RawFacts raw;
    private String finishedAt;
    private Long peakRssMib;
    private Outcome outcome;
    private String message;

    RunManifest(RunPlan plan, RunUnit unit, HostFacts host, Clock clock) {
        this.folder = unit.folder();
        this.clock = clock;
        this.plan = plan;
        this.unit = unit;
        this.host = host;
        this.startedAt = now();
    }

    /** What the manifest says about the host, gathered once (tests pass fixed values). */
    record HostFacts(String gitCommit, String qemuVersion, String cpuModel, String harnessVersion) {
        static HostFacts of(Path repoRoot) {
            return new HostFacts(HostInfo.gitCommit(repoRoot), HostInfo.qemuVersion(), HostInfo.cpuModel(),
                    HostInfo.harnessVersion());
        }
    }

    /** What the guest said about itself (raw/guest/) and the hashes of the raw logs. */
    private record RawFacts(String cmdline, String thpEnabled, String thpDefrag, Map<String, String> sha256) {
    }

    synchronized void image(Image img) {
        var m = img.manifest();
        image = new Manifest.ImageFacts(m.name(), m.cacheKey(), m.suite(), m.kernelRelease(), m.kernelSha256(),
                m.initrdSha256(), m.diskSha256(), m.hostKeySha256(), m.builtAt(), m.packages().size());
    }

    synchronized void guest(GuestInfo g) {
        guest = g;
    }

    synchronized void inputs(Map<String, String> sources) {
        inputs = new TreeMap<>(sources);
    }

    synchronized void bootToSsh(Duration d) {
        bootToSsh = d.toMillis() / 1000.0;
    }

    synchronized void buildWarnings(String module, long count) {
        warnings.put(module, count);
    }

    /** Where a component's products were built: native, guest, or cache (built ...). */
    synchronized void builtBy(String component, String where) {
        builtBy.put(component, where);
    }

    /** Where {@code component} was built, as {@link #builtBy(String, String)} recorded it; null before. */
    synchronized String builtByOf(String component) {
        return builtBy.get(component);
    }

    synchronized void kmsgSynced(boolean synced, String streamError) {
        kmsgSynced = synced;
        kmsgStreamError = streamError;
    }

    synchronized void artifacts(Map<String, String> pathToSha256) {
        artifacts = new TreeMap<>(pathToSha256);
    }

    synchronized void step(StepRecord r) {
        steps.removeIf(s -> s.name().equals(r.name()));
        steps.add(r);
    }

    /** Counts from raw/kmsg.txt as the render parsed it (the file is parsed once per run). */
    synchronized void kmsg(KmsgLog log) {
        kmsgRecords = (long) log.records().size();
        kmsgLost = log.lost();
    }

    synchronized void kmsgError(String m) {
        kmsgError = m;
    }

    synchronized void oracles(List<OracleResult> results) {
        oracles = List.copyOf(results);
    }

    /** Reads what the guest reported about itself (raw/guest/) and the hashes of the raw logs. */
    void rawFacts() {
        Path g = folder.guestInfo();
        Map<String, String> rawHashes = new TreeMap<>();
        for (String f : List.of(RunFolder.KMSG, RunFolder.KERN_LOG, RunFolder.CONSOLE)) {
            if (Files.isRegularFile(folder.raw(f))) {
                rawHashes.put(RunFolder.RAW + "/" + f, Sha256.of(folder.raw(f)));
            }
        }
        RawFacts r = new RawFacts(readTrim(g.resolve("cmdline.txt")), readTrim(g.resolve("thp_enabled.txt")),
                readTrim(g.resolve("thp_defrag.txt")), rawHashes);
        synchronized (this) {
            raw = r;
        }
    }

    synchronized void finish(Outcome o, String why) {
        finishedAt = now();
        peakRssMib = HostInfo.peakRssMib();
        outcome = o;
        message = why == null ? "" : why;
    }

    /** The manifest as it stands (the render reads author and accelerator from it before the end). */
    synchronized Manifest view() {
        var a = plan.spec().author();
        GuestInfo g = guest;
        return new Manifest(Manifest.VERSION, plan.spec().experiment(), unit.runId(), unit.repetition(), a,
                new Manifest.FileRef(plan.specFile().toString(), plan.specSha256()), plan.planVersion(),
                plan.repoRoot().toString(), host.gitCommit(), host.qemuVersion(), host.cpuModel(),
                host.harnessVersion(), startedAt, image, image == null ? null : image.kernelRelease(),
                g == null ? null : g.backend(), g == null ? null : g.start().label(), g == null ? null : g.snapshot(),
                g == null ? null : g.accel().label(),
                g == null ? null : new Manifest.Vm(g.cpus(), g.memoryMib(), g.cmdline()),
                g == null ? null : g.argv(), g == null ? null : g.facts(), inputs, bootToSsh,
                warnings.isEmpty() ? null : new TreeMap<>(warnings), builtBy.isEmpty() ? null : new TreeMap<>(builtBy),
                kmsgSynced, kmsgStreamError, artifacts, raw == null ? null : raw.cmdline(),
                raw == null ? null : raw.thpEnabled(), raw == null ? null : raw.thpDefrag(),
                raw == null ? null : raw.sha256(), kmsgRecords, kmsgLost, kmsgError, oracles,
                steps, finishedAt, peakRssMib, outcome,
                outcome == null ? null : outcome.exitCode(), message);
    }

    /** Writes manifest.json, atomically: a reader never sees half of it. */
    void write() {
        Json.write(folder.manifest(), view());
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String readTrim(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
