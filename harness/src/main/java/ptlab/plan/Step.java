package ptlab.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One thing a run does, with everything resolved: the exact guest commands, the timeout and what it
 * leaves in the run folder. plan.json and {@code --dry-run} show these records as they will run. Names
 * are stable: they name the step logs (raw/steps/&lt;name&gt;.log), manifest records and failure messages.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.Boot.class, name = "boot"),
    @JsonSubTypes.Type(value = Step.Upload.class, name = "upload"),
    @JsonSubTypes.Type(value = Step.Build.class, name = "build"),
    @JsonSubTypes.Type(value = Step.GuestCommand.class, name = "guest_command"),
    @JsonSubTypes.Type(value = Step.KmsgStream.class, name = "kmsg_stream"),
    @JsonSubTypes.Type(value = Step.Collect.class, name = "collect"),
    @JsonSubTypes.Type(value = Step.Trial.class, name = "trial"),
    @JsonSubTypes.Type(value = Step.Render.class, name = "render")})
@JsonIgnoreProperties(value = "commands", allowGetters = true)
public sealed interface Step {
    String BOOT = "boot";
    String UPLOAD_SOURCES = "upload-sources";
    String BUILD_WORKLOADS = "build-workloads";
    String GUEST_INFO = "guest-info";
    String KMSG_STREAM = "kmsg-stream";
    String BUILD_LKP25P3 = "build-lkp25p3";
    String INSMOD_LKP25P3 = "insmod-lkp25p3";
    String BUILD_PAGETABLE = "build-pagetable";
    String PART1_PREFIX = "part1-";
    String XLATE = "xlate";
    String VMA_DUMP = "vma_dump";
    String ACCESS = "access";
    String DAMON = "damon";
    String PAGETABLE = "pagetable";
    String COLLECT = "collect";
    String TRIAL_PREFIX = "trial-";
    String RENDER = "render";

    /** Stable identifier. */
    String name();

    /** What the step does, for people. */
    String description();

    /** Seconds after which the step fails (INFRA_ERROR: the guest did not answer in time). */
    long timeoutS();

    /** The guest commands the step runs, in order (empty for host-only steps); written to plan.json. */
    @JsonProperty("commands")
    List<String> commands();

    /** What the step leaves in the run folder, relative to it. */
    List<String> produces();

    /**
     * Start a guest with a provider (named in plan.json; {@code qemu} today) and wait until it runs a
     * command.
     */
    record Boot(String name, String description, long timeoutS, String provider) implements Step {
        @Override
        public List<String> commands() {
            return List.of();
        }

        @Override
        public List<String> produces() {
            return List.of("raw/console.log");
        }
    }

    /** Copy a host folder of the run into the guest. */
    record Upload(String name, String description, long timeoutS, String from, String to) implements Step {
        @Override
        public List<String> commands() {
            return List.of();
        }

        @Override
        public List<String> produces() {
            return List.of();
        }
    }

    /**
     * Build one component with the guest's toolchain, or reuse an identical earlier build from the
     * host's build cache (same image, kernel and sources).
     *
     * @param component     workloads, lkp25p3 or pagetable: the build-cache component
     * @param guestDir      where the sources are and the products land
     * @param make          the build command
     * @param listProducts  prints the product file names, one per line, in guestDir
     * @param untrusted     a stranger's code (a submission): built natively only in the sandbox, and a build
     *                      that fails is that part's verdict rather than the run's failure
     */
    record Build(String name, String description, long timeoutS, String component, String guestDir, String make,
            String listProducts, boolean untrusted) implements Step {
        public Build(String name, String description, long timeoutS, String component, String guestDir, String make,
                String listProducts) {
            this(name, description, timeoutS, component, guestDir, make, listProducts, false);
        }

        @Override
        public List<String> commands() {
            return List.of(make, listProducts);
        }

        @Override
        public List<String> produces() {
            return List.of("raw/steps/" + name + ".log");
        }
    }

    /**
     * Run one guest command; a non-zero exit fails the run (FAIL) after collection.
     *
     * @param produces       the raw/ files or folders the command writes (through the guest's out/)
     * @param progressPrefix stdout lines starting with this are shown as live progress; null for none
     */
    record GuestCommand(String name, String description, long timeoutS, String command, List<String> produces,
            String progressPrefix) implements Step {
        public GuestCommand {
            produces = List.copyOf(produces);
        }

        @Override
        public List<String> commands() {
            return List.of(command);
        }
    }

    /** Stream the guest's /dev/kmsg into raw/kmsg.txt until collection. */
    record KmsgStream(String name, String description, long timeoutS, String command) implements Step {
        @Override
        public List<String> commands() {
            return List.of(command);
        }

        @Override
        public List<String> produces() {
            return List.of("raw/kmsg.txt");
        }
    }

    /**
     * Pull every raw file out of the guest; runs after a failed step too (not after a crash).
     *
     * @param outDir       the guest folder copied into raw/ entry by entry
     * @param files        guest files copied into raw/ under their own names
     * @param checksums    prints sha256sum lines of the built artifacts
     * @param unload       unloads the modules (an rmmod that fails is a failed step)
     */
    record Collect(String name, String description, long timeoutS, String outDir, List<String> files,
            String checksums, String unload) implements Step {
        public Collect {
            files = List.copyOf(files);
        }

        @Override
        public List<String> commands() {
            return List.of("sync", listOut(), checksums, unload);
        }

        /** Lists the entries of {@link #outDir}, one per line. */
        public String listOut() {
            return "ls -1 " + outDir + " 2>/dev/null";
        }

        @Override
        public List<String> produces() {
            return List.of("raw/kern.log", "raw/<every entry of " + outDir + ">");
        }
    }

    /**
     * One part of a student's submission, in a fresh guest of its own so a crash, a hang or a flood ends
     * only this part: the earlier upload and build steps again (the builds from the build cache), the kernel
     * log streamed into {@code raw/submission/<part>/kmsg.txt}, the student's module loaded, the harness's
     * driver run, {@code outDir} collected into {@code raw/submission/<part>/}, the module unloaded.
     *
     * @param part     translate, vma or access
     * @param module   the student's module in the guest, loaded first; null for a part without one
     * @param command  the harness's driver of the part (it enforces the student's time limits itself)
     * @param outDir   the guest folder the driver writes
     * @param missing  why the part cannot run (a part missing from the submission, a build that failed);
     *                 null when it can
     * @param driverLoads the module's parameters (pid, then the buffer's address) when the driver loads it itself
     *                 once its program runs, writing insmod.status and insmod.err; null when the harness loads it
     *                 first
     */
    record Trial(String name, String description, long timeoutS, String part, String module, String command,
            String outDir, String missing,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<String> driverLoads) implements Step {
        public Trial(String name, String description, long timeoutS, String part, String module, String command,
                String outDir, String missing) {
            this(name, description, timeoutS, part, module, command, outDir, missing, null);
        }

        @Override
        public List<String> commands() {
            return module == null ? List.of(command) : driverLoads != null ? List.of(command, "rmmod " + module)
                    : List.of("insmod " + module, command, "rmmod " + module);
        }

        @Override
        public List<String> produces() {
            return List.of("raw/submission/" + part + "/");
        }
    }

    /** Parse raw/, check the oracles, draw the figures and write the report; no VM. */
    record Render(String name, String description, long timeoutS) implements Step {
        @Override
        public List<String> commands() {
            return List.of();
        }

        @Override
        public List<String> produces() {
            return List.of("datasets/", "figures/", "oracles.json", "report.html", "report.md");
        }
    }

    /** "part1-4k", "part1-2m", "part1-whole". */
    static String part1(ptlab.spec.Scheme scheme) {
        return PART1_PREFIX + scheme.label();
    }
}
