package ptlab.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One thing compared between the baseline and the current campaign, for one image.
 *
 * <p>A rerun step adds what the reruns measured with {@link #withRerun} and relabels the change; nothing else
 * needs to change.
 *
 * @param kind      what was compared
 * @param image     the image (recipe) name
 * @param name      the quantity, oracle, image fact or component
 * @param baseline  its value in the baseline; null for an image the baseline lacks
 * @param current   its value now; null for an image that is gone
 * @param ratio     for a quantity, current over baseline with its interval and effect size; else null
 * @param tolerance for a quantity, how far it may move before a change is called ("within 2.0x"); else null
 * @param label     what it is called
 * @param rerun     what reruns of the current cells measured; null until a rerun step sets it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(Kind kind, String image, String name, Side baseline, Side current, Ratio ratio, String tolerance,
        Label label, Side rerun) {
    /** What was compared. */
    public enum Kind {
        IMAGE, ORACLE, QUANTITY, BUILD_WARNINGS, CELLS;

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One side's value: a quantity's estimate over the repetitions, an oracle's passes, or a fact as text.
     *
     * @param text        how the reports show it
     * @param estimate    for a quantity, its median over the repetitions with an interval; else null
     * @param passed      for an oracle, how many repetitions passed it; else null
     * @param repetitions how many repetitions the value comes from
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(String text, Estimate estimate, Integer passed, Integer repetitions) {
        static Side fact(String text, int repetitions) {
            return new Side(text, null, null, repetitions);
        }
    }

    /** Whether this is a change rather than something found the same. */
    public boolean called() {
        return label != Label.UNCHANGED;
    }

    /**
     * Whether this change fails a nightly: an oracle that went from pass to fail, a change reruns confirmed as a
     * regression, more build warnings, and (until reruns classify it) any called change of a judged quantity,
     * either way: a walk twice as fast is as unexplained as one twice as slow. Image facts, new or gone images and
     * fixes do not fail it; {@code flaky} is reported as skipped.
     */
    public boolean fails() {
        return label == Label.PASS_TO_FAIL || label == Label.REGRESSION
                || label == Label.CHANGED && (kind == Kind.QUANTITY || kind == Kind.BUILD_WARNINGS);
    }

    /** This change with what reruns measured and the label they justify. */
    public Change withRerun(Side rerun, Label label) {
        return new Change(kind, image, name, baseline, current, ratio, tolerance, label, rerun);
    }
}
