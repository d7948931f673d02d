package ptlab.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every record of raw/kmsg.txt plus what the sequence numbers say about loss.
 *
 * @param lost       records missing between the first and the last sequence number read
 * @param gaps       where they went missing
 * @param outOfOrder records whose sequence number was not above the previous one (duplicates or a reset)
 */
public record KmsgLog(Path file, List<KmsgRecord> records, long lost, List<Gap> gaps, int outOfOrder) {
    public KmsgLog {
        records = List.copyOf(records);
        gaps = List.copyOf(gaps);
    }

    /** Records {@code after} and {@code before} are consecutive in the file, {@code missing} records apart. */
    public record Gap(long after, long before, long missing, int line) {
    }

    /** A message of one module, with the {@code "<module>: "} prefix removed. */
    public record ModuleLine(int line, String body) {
    }

    /** The messages printed with {@code pr_fmt} prefix {@code module + ": "}, in file order. */
    public List<ModuleLine> module(String module) {
        String prefix = module + ": ";
        List<ModuleLine> out = new ArrayList<>();
        for (KmsgRecord r : records) {
            if (r.message().startsWith(prefix)) {
                out.add(new ModuleLine(r.line(), r.message().substring(prefix.length())));
            }
        }
        return out;
    }

    public long firstSeq() {
        return records.isEmpty() ? -1 : records.get(0).seq();
    }

    public long lastSeq() {
        return records.isEmpty() ? -1 : records.get(records.size() - 1).seq();
    }
}
