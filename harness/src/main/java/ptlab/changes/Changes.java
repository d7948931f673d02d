package ptlab.changes;

import java.nio.file.Path;
import java.util.List;
import ptlab.Outcome;
import ptlab.json.Json;

/**
 * The changes of a campaign since its baseline, as changes.json holds them.
 *
 * @param baseline              the baseline's folder, as given
 * @param current               the current campaign's folder, as given
 * @param changes               everything compared, image by image, in the order of the images' first appearance
 * @param kernelPairs           the current campaign's images compared pairwise, quantity by quantity
 * @param baselineWithoutResult baseline cells left out ("run id: why"): no run folder, or an infrastructure error
 * @param currentWithoutResult  current cells left out
 */
public record Changes(String baseline, String current, List<Change> changes, List<KernelPair> kernelPairs,
        List<String> baselineWithoutResult, List<String> currentWithoutResult) {
    /** The file name {@link #write} uses. */
    public static final String FILE = "changes.json";

    public Changes {
        changes = List.copyOf(changes);
        kernelPairs = List.copyOf(kernelPairs);
        baselineWithoutResult = List.copyOf(baselineWithoutResult);
        currentWithoutResult = List.copyOf(currentWithoutResult);
    }

    /** These changes, with the baseline named as {@code name} (a packed baseline, not its temporary unpacking). */
    public Changes withBaseline(String name) {
        return new Changes(name, current, changes, kernelPairs, baselineWithoutResult, currentWithoutResult);
    }

    /** The changes that are not {@code unchanged}, in order. */
    public List<Change> called() {
        return changes.stream().filter(Change::called).toList();
    }

    /**
     * The exit status of a comparison, with the project's codes: {@link Outcome#PASS} (0) when nothing
     * {@linkplain Change#fails() fails}; {@link Outcome#FAIL} (1, "regressed") when something does, as a failed
     * oracle fails a run; {@link Outcome#INFRA_ERROR} (4) when a current cell has no result, so the comparison is
     * incomplete. Both together give the worse, {@link Outcome#worst}, as for every campaign: a regression is
     * still listed in changes.json and the JUnit suite. Baseline cells without a result only narrow the
     * comparison.
     */
    public Outcome outcome() {
        Outcome o = changes.stream().anyMatch(Change::fails) ? Outcome.FAIL : Outcome.PASS;
        return currentWithoutResult.isEmpty() ? o : Outcome.worst(o, Outcome.INFRA_ERROR);
    }

    /** changes.json's text: the same changes always give the same bytes. */
    public String json() {
        return Json.text(this);
    }

    /** Writes {@value #FILE} in {@code dir}, atomically, and returns its path. */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        Json.write(file, this);
        return file;
    }
}
