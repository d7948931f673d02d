package ptlab.spec;

/**
 * Whose results these are; figure titles read {@code <First>-<Last>-Pagemap-Lat-CDF} as the assignment asks.
 *
 * @param first required; letters, digits and '-' only
 * @param last required; letters, digits and '-' only
 */
public record Author(String first, String last) {
    /** "First-Last", the prefix of every figure title. */
    public String titlePrefix() {
        return first + "-" + last;
    }
}
