package ptlab.parse;

/** The page-table level that maps a page: a 4 KiB PTE, a 2 MiB PMD leaf, a 1 GiB PUD leaf, or nothing. */
public enum PageLevel {
    PTE(4096), PMD(2L << 20), PUD(1L << 30), NONE(0);

    private final long bytes;

    PageLevel(long bytes) {
        this.bytes = bytes;
    }

    /** Bytes mapped by one entry at this level (0 for NONE). */
    public long bytes() {
        return bytes;
    }

    /** Lower-case name as the modules print it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PageLevel parse(String s) {
        switch (s) {
            case "pte":
                return PTE;
            case "pmd":
                return PMD;
            case "pud":
                return PUD;
            case "none":
                return NONE;
            default:
                throw new IllegalArgumentException("expected pte, pmd, pud or none, got '" + s + "'");
        }
    }
}
