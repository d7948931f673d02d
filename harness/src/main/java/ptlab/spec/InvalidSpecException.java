package ptlab.spec;

import java.util.List;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.SourceLocatedException;

/**
 * A spec that cannot run, with every problem found, each located at file:line:column and a field. The
 * message lists them one per line, so the command line shows all of them at once.
 */
public final class InvalidSpecException extends HarnessException {
    private static final long serialVersionUID = 1L;
    private final transient List<SourceLocatedException> errors;

    public InvalidSpecException(List<SourceLocatedException> errors) {
        super(Outcome.USAGE_ERROR, message(errors));
        this.errors = List.copyOf(errors);
    }

    /** The problems in the order of their position in the file. */
    public List<SourceLocatedException> errors() {
        return errors;
    }

    private static String message(List<SourceLocatedException> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec has at least one error");
        }
        if (errors.size() == 1) {
            return errors.get(0).getMessage();
        }
        StringBuilder sb = new StringBuilder(errors.size() + " errors in " + errors.get(0).file() + ":");
        for (SourceLocatedException e : errors) {
            sb.append("\n  ").append(e.getMessage());
        }
        return sb.toString();
    }
}
