package ptlab.progress;

/**
 * One thing worth telling the user, tagged with the cell (run) it is about, so that with several
 * guests at once ({@code --jobs 2}) every line says which guest it concerns.
 *
 * @param cell the run id, or null for what concerns no run in particular
 * @param kind how it is shown
 * @param text the message
 */
public record ProgressEvent(String cell, Kind kind, String text) {
    public enum Kind {
        /** A new phase: always printed, one line. */
        PHASE,
        /** A detail of the current phase (a countdown): redrawn in place on a terminal, dropped otherwise. */
        DETAIL,
        /** A decision or warning: always printed. */
        NOTE
    }
}
