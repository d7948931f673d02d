package ptlab.guest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Console lines that mean the guest kernel crashed (the syzkaller/LAVA list, trimmed to x86). */
public final class CrashPatterns {
    /** A matched crash: which pattern, and the console excerpt around it. */
    public record Crash(String kind, String line, String excerpt) {
        /** The KERNEL_CRASH error for a crash seen {@code when} ("while running: ..."). */
        public ptlab.HarnessException error(String when) {
            return new ptlab.HarnessException(ptlab.Outcome.KERNEL_CRASH, "guest kernel crashed " + when + ": " + line
                    + "\n--- console excerpt ---\n" + excerpt);
        }
    }

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("Kernel panic - not syncing"),
            Pattern.compile("\\bOops(: |\\[#)"),
            Pattern.compile("watchdog: BUG: soft lockup"),
            Pattern.compile("\\bBUG: "),
            Pattern.compile("general protection fault"),
            Pattern.compile("rcu: INFO: \\S+ (self-)?detected stall"),
            Pattern.compile("INFO: rcu_\\S+ (self-)?detected stall"),
            Pattern.compile("Unable to handle kernel"));

    private CrashPatterns() {
    }

    /** The first crash line in {@code console}, with up to 20 lines before and 60 after it. */
    public static Optional<Crash> find(String console) {
        String[] lines = console.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern p : PATTERNS) {
                Matcher m = p.matcher(lines[i]);
                if (m.find()) {
                    int from = Math.max(0, i - 20);
                    int to = Math.min(lines.length, i + 61);
                    String excerpt = String.join("\n", java.util.Arrays.copyOfRange(lines, from, to));
                    return Optional.of(new Crash(p.pattern(), lines[i].strip(), excerpt));
                }
            }
        }
        return Optional.empty();
    }
}
