package ptlab.parse;

/**
 * One {@code heat seq=.. t_ms=.. addr=0x.. pages=n part=i/k first=f rle=...} line: counts for pages
 * {@code [first, first + length)} of report {@code seq}.
 *
 * @param length  pages this part's run-length data decodes to
 */
public record HeatPart(int line, long seq, long tMs, long addr, int pages, int part, int parts, int first,
        long length, String rle) {
}
