package ptlab;

import java.nio.file.Path;

/**
 * An input file error that names the file, line, column and field, e.g.
 * {@code experiments/part2.yaml:12:5: field 'vm.memory_mib': must be at least 1024, got 512}.
 */
public final class SourceLocatedException extends HarnessException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;
    private final int column;
    private final String field;

    public SourceLocatedException(Path file, int line, int column, String field, String problem) {
        super(Outcome.USAGE_ERROR, format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    private static String format(Path file, int line, int column, String field, String problem) {
        String where = file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        return where + ": " + (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }
}
