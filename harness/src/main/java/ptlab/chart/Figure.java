package ptlab.chart;

/**
 * A figure ready to write: its file stem, the assignment part it belongs to (part1, part2, pagetable),
 * title, caption (drawn under the content and also saved beside it) and content size in points.
 */
public record Figure(String stem, String part, String title, String caption, int width, int height, Painter painter) {
    /** A file-system safe stem: letters, digits, '.', '_' and '-' only. */
    public static String safeStem(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        return sb.toString();
    }
}
