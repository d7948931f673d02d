package ptlab.runfolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * raw/submission/&lt;part&gt;/outcome.json: how the harness's drive of one part of a student's submission
 * ended. Only {@link #RAN} leaves data worth judging; every other verdict is the part's failing verdict,
 * with its evidence (an oops, the console's tail, a compiler excerpt).
 *
 * @param part      translate, vma or access
 * @param verdict   RAN, KERNEL_CRASH, TIMEOUT, LOG_FLOOD, INSMOD_FAILED, BUILD_FAILED, MISSING, AMBIGUOUS or
 *                  NOT_RUN
 * @param detail    one line
 * @param evidence  several lines, or empty
 */
public record PartOutcome(String part, String verdict, String detail, String evidence) {
    public static final String RAN = "RAN";
    /** A part with several candidates in the submission: not run, a person decides which one is meant. */
    public static final String AMBIGUOUS = "AMBIGUOUS";
    public static final String FILE = "outcome.json";

    public PartOutcome {
        part = Objects.requireNonNullElse(part, "");
        verdict = Objects.requireNonNullElse(verdict, "");
        detail = Objects.requireNonNullElse(detail, "");
        evidence = Objects.requireNonNullElse(evidence, "");
    }

    public boolean ran() {
        return RAN.equals(verdict);
    }

    /** {@code KERNEL_CRASH: detail}: how a failing oracle names it. */
    public String headline() {
        return verdict + (detail.isEmpty() ? "" : ": " + detail);
    }

    public static PartOutcome read(Path file) {
        try {
            return Json.read(file, PartOutcome.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
