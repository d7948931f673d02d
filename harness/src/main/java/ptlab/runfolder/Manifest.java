package ptlab.runfolder;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.SourceLocatedException;
import ptlab.analysis.OracleResult;
import ptlab.json.Json;
import ptlab.spec.Author;

/**
 * manifest.json, the record of one run: what it ran (experiment, spec, plan, sources, image), where
 * (host, QEMU, guest backend and accelerator, guest kernel command line and THP), how each step went,
 * the kmsg stream's counts, every oracle and the outcome. Written once at the end of a run; a field the
 * run never reached is null.
 *
 * <p>Version 2 records each oracle's {@code status} (passed, failed, not applicable). Version 1 (no
 * {@code manifest_version} key, runs of 2026-11 and before) recorded a {@code passed} flag and spelled a
 * step's exit status {@code exitStatus}; both still read.
 *
 * @param inputs          sha256 of every staged source file, by path
 * @param buildWarnings   compiler warnings per module
 * @param builtBy         where each component's products were built: native, guest, or cache (built ...)
 * @param artifacts       sha256 of every built module and binary, by path
 * @param rawSha256       sha256 of the raw kernel logs and console, by path
 * @param outcome         null when the run never finished, or names an outcome this harness does not know
 */
public record Manifest(Integer manifestVersion, String experiment, String runId, Integer repetition, Author author,
        FileRef spec, Integer planVersion, String sourceRoot, String gitCommit, String qemuVersion, String hostCpu,
        String harnessVersion, String startedAt, ImageFacts image, String guestKernel, String guestBackend,
        String guestStart, String snapshotSha256, String accelerator, Vm vm, List<String> qemuArgv,
        Map<String, String> guestBackendFacts, Map<String, String> inputs, Double bootToSshS,
        Map<String, Long> buildWarnings, Map<String, String> builtBy, Boolean kmsgSynced, String kmsgStreamError,
        Map<String, String> artifacts, String guestCmdline, String thpEnabled, String thpDefrag,
        Map<String, String> rawSha256, Long kmsgRecords, Long kmsgLost, String kmsgError, List<OracleResult> oracles,
        List<StepRecord> steps, String finishedAt, Long harnessPeakRssMib,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Outcome outcome, Integer exitCode,
        String message) {
    /** The version this harness writes. */
    public static final int VERSION = 2;
    private static final Manifest EMPTY = new Manifest(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A file and its sha256 (the spec a run or campaign followed). */
    public record FileRef(String file, String sha256) {
    }

    /** The image a run booted, from its image manifest; {@code hostKey} is the pinned key's fingerprint. */
    public record ImageFacts(String name, String cacheKey, String suite, String kernelRelease, String kernelSha256,
            String initrdSha256, String diskSha256, String hostKey, String builtAt, Integer packages) {
    }

    /** The guest machine. */
    public record Vm(Integer cpus, Integer memoryMib, String cmdline) {
    }

    public Manifest {
        oracles = oracles == null ? List.of() : List.copyOf(oracles);
        steps = steps == null ? List.of() : List.copyOf(steps);
        message = message == null ? "" : message;
    }

    public static Manifest empty() {
        return EMPTY;
    }

    /** Whether there was no manifest to read. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** The version the file was written in: 1 when it does not say. */
    public int version() {
        return manifestVersion == null ? 1 : manifestVersion;
    }

    /** {@code First-Last} for figure titles; "Unknown-Author" when the manifest does not say. */
    public String authorTag() {
        String first = author == null || author.first() == null ? "Unknown" : author.first();
        String last = author == null || author.last() == null ? "Author" : author.last();
        return first + "-" + last;
    }

    /** The run's recorded outcome; empty when the manifest has none or names no outcome this harness knows. */
    public Optional<Outcome> recordedOutcome() {
        return Optional.ofNullable(outcome);
    }

    /** The image's recipe name, or null. */
    public String imageName() {
        return image == null ? null : image.name();
    }

    /** The total of all modules' build warnings, or null when none was built. */
    public Long totalBuildWarnings() {
        return buildWarnings == null || buildWarnings.isEmpty() ? null
                : buildWarnings.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The step named {@code name}, if the run recorded it. */
    public Optional<StepRecord> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Reads {@code file}; a syntax error names its line and column. */
    public static Manifest read(Path file) {
        try {
            return Json.read(file, Manifest.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new SourceLocatedException(file, line, col, "", "not a manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the manifest when the file exists, else an empty one. */
    public static Manifest readIfPresent(Path file) {
        return Files.isRegularFile(file) ? read(file) : EMPTY;
    }

    /** A manifest from JSON text. */
    public static Manifest parse(String json) {
        try {
            return Json.read(json, Manifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a manifest: " + e.getMessage(), e);
        }
    }
}
