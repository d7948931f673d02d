package ptlab.changes;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a change is called. A comparison of two campaigns sets {@code changed} or {@code unchanged} for
 * quantities, image facts and build warnings, {@code pass-to-fail}, {@code fail-to-pass} or {@code unchanged} for
 * oracles, and {@code added} or {@code gone} for images in one campaign only. Reruns of the changed cells may
 * then relabel a change {@code regression} (it held), {@code flaky} (it did not) or {@code fixed}.
 */
public enum Label {
    CHANGED("changed"), UNCHANGED("unchanged"), PASS_TO_FAIL("pass-to-fail"), FAIL_TO_PASS("fail-to-pass"),
    ADDED("added"), GONE("gone"), REGRESSION("regression"), FLAKY("flaky"), FIXED("fixed");

    private final String text;

    Label(String text) {
        this.text = text;
    }

    /** As changes.json and the reports spell it. */
    @JsonValue
    public String text() {
        return text;
    }
}
