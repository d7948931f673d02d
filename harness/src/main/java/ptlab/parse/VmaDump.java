package ptlab.parse;

import java.util.List;

/**
 * The complete VMA dumps of a kmsg log ({@code vma_dump begin} ... {@code vma_dump end count=n} with
 * exactly n entries) and how many dumps were cut short or did not add up.
 */
public record VmaDump(List<Dump> complete, int incomplete) {
    public VmaDump {
        complete = List.copyOf(complete);
    }

    /** One dump of one process. */
    public record Dump(long pid, int beginLine, List<VmaEntry> entries) {
        public Dump {
            entries = List.copyOf(entries);
        }
    }

    /** The last complete dump, which is the one the report compares. */
    public java.util.Optional<Dump> last() {
        return complete.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(complete.get(complete.size() - 1));
    }
}
