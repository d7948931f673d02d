package ptlab.parse;

import java.nio.file.Path;

/**
 * raw/submission/access/memalloc.status: how the student's own memalloc ended under the harness
 * ({@code key=value} lines; stdin was closed, so a program that waits for input reads EOF).
 *
 * @param exit       its exit status, or -1 when it did not exit by itself
 * @param signal     the signal that ended it, or empty
 * @param durationS  the time limit the harness gave it
 * @param ranS       how long it ran, in seconds
 */
public record MemallocStatus(long exit, String signal, boolean timedOut, String stdin, long durationS, double ranS) {

    public static MemallocStatus parse(Path file) {
        KeyValueFile kv = KeyValueFile.parse(file);
        String exit = kv.values().getOrDefault("exit", "");
        String ran = kv.values().getOrDefault("ran_s", "");
        try {
            return new MemallocStatus(exit.isEmpty() ? -1 : Num.any(exit), kv.values().getOrDefault("signal", ""),
                    "1".equals(kv.values().get("timed_out")), kv.values().getOrDefault("stdin", ""),
                    kv.numOr("duration_s", -1), ran.isEmpty() ? -1 : Double.parseDouble(ran));
        } catch (NumberFormatException e) {
            throw kv.error(exit.isEmpty() ? "ran_s" : "exit", e.getMessage());
        }
    }
}
