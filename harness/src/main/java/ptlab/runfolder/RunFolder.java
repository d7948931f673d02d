package ptlab.runfolder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run folder: every file name of {@code results/<experiment>/<run-id>/}, spelled once. The VM side
 * writes through it, the render side reads through it; {@code ptlab.parse}'s package documentation
 * describes the contents of each raw file.
 *
 * <pre>
 * plan.json  manifest.json                 written before anything boots / once, at the end
 * raw/                                     everything the guest produced, never rewritten by render
 *   console.log  console.log.qemu          serial console, QEMU's own output
 *   image-packages.tsv                     the booted image's packages (name, version, arch), from its manifest
 *   kmsg.txt  kern.log  crash.txt          kernel log stream, rsyslog's file, a crash excerpt
 *   steps/&lt;step&gt;.log                      each guest step's command, output and exit status
 *   guest/  part1/  xlate/  vma/  access/  pagetable/   the workloads' outputs (guest out/ folder)
 *   submission/                            a student's submission driven at its interfaces: parts.json,
 *                                          translate/ vma/ access/ (each with outcome.json and kmsg.txt)
 * work/                                    staged sources and scratch for the guest provider
 * datasets/  figures/  oracles.json  report.html  report.md  junit.xml    derived, byte-identical
 * cell.json                                the slurm executor's attempt: job, node, restart count
 * </pre>
 */
public record RunFolder(Path dir) {
    public static final String PLAN = "plan.json";
    public static final String MANIFEST = "manifest.json";
    public static final String RAW = "raw";
    public static final String CONSOLE = "console.log";
    public static final String KMSG = "kmsg.txt";
    public static final String KERN_LOG = "kern.log";
    public static final String CRASH = "crash.txt";
    public static final String IMAGE_PACKAGES = "image-packages.tsv";
    public static final String STEPS = "steps";
    public static final String GUEST = "guest";
    /** A student's submission run (see {@code ptlab.parse}'s package documentation). */
    public static final String SUBMISSION = "submission";
    public static final String WORK = "work";
    /** The workloads/ and kmod/ sources as copied into the guest. */
    public static final String STAGED_SOURCES = WORK + "/src";
    public static final String DATASETS = "datasets";
    public static final String FIGURES = "figures";
    public static final String ORACLES = "oracles.json";
    public static final String REPORT_HTML = "report.html";
    public static final String REPORT_MD = "report.md";
    public static final String JUNIT = "junit.xml";
    /** Where and how often a cell ran when an executor other than the local one ran it (slurm). */
    public static final String CELL = "cell.json";
    /** Part 1 schemes, each a folder under raw/part1/. */
    public static final String[] SCHEMES = {"4k", "2m", "whole"};

    public Path plan() {
        return dir.resolve(PLAN);
    }

    public Path cell() {
        return dir.resolve(CELL);
    }

    public Path manifest() {
        return dir.resolve(MANIFEST);
    }

    public Path raw() {
        return dir.resolve(RAW);
    }

    public Path raw(String relative) {
        return raw().resolve(relative);
    }

    public Path console() {
        return raw(CONSOLE);
    }

    public Path kmsg() {
        return raw(KMSG);
    }

    public Path kernLog() {
        return raw(KERN_LOG);
    }

    /** raw/image-packages.tsv: every package of the booted image, a line each: name, version, arch. */
    public Path imagePackages() {
        return raw(IMAGE_PACKAGES);
    }

    public Path crash() {
        return raw(CRASH);
    }

    /** raw/steps/&lt;step&gt;.log */
    public Path stepLog(String step) {
        return raw(STEPS).resolve(step + ".log");
    }

    /** raw/guest/: facts the guest reported about itself. */
    public Path guestInfo() {
        return raw(GUEST);
    }

    public Path work() {
        return dir.resolve(WORK);
    }

    public Path stagedSources() {
        return dir.resolve(STAGED_SOURCES);
    }

    public Path datasets() {
        return dir.resolve(DATASETS);
    }

    public Path figures() {
        return dir.resolve(FIGURES);
    }

    public Path oracles() {
        return dir.resolve(ORACLES);
    }

    public Path reportHtml() {
        return dir.resolve(REPORT_HTML);
    }

    public Path junit() {
        return dir.resolve(JUNIT);
    }

    public Path reportMd() {
        return dir.resolve(REPORT_MD);
    }

    public boolean exists(String relative) {
        return Files.isRegularFile(raw(relative));
    }

    public boolean hasDir(String relative) {
        return Files.isDirectory(raw(relative));
    }
}
