package ptlab.parse;

import java.nio.file.Path;
import java.util.List;

/**
 * The kernel messages of raw/kern.log (rsyslog), without syslog header and bracketed timestamp.
 *
 * @param lines           all lines of the file
 * @param otherLines      lines from a program other than {@code kernel}
 * @param kernelMessages  kernel messages in file order
 */
public record KernLog(Path file, int lines, int otherLines, List<KmsgLog.ModuleLine> kernelMessages) {
    public KernLog {
        kernelMessages = List.copyOf(kernelMessages);
    }

    /** How many messages carry the {@code "<module>: "} prefix. */
    public long moduleCount(String module) {
        String prefix = module + ": ";
        return kernelMessages.stream().filter(m -> m.body().startsWith(prefix)).count();
    }
}
