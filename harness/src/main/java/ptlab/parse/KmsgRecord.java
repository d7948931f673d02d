package ptlab.parse;

/**
 * One /dev/kmsg record: {@code <prio>,<seq>,<ts_usec>,<flags>[,...];<message>}.
 *
 * @param line     line number in kmsg.txt (for error messages of the parsers built on top)
 * @param prio     syslog priority and facility as printed by the kernel
 * @param seq      kernel sequence number; gaps mean lost records
 * @param tsUsec   monotonic timestamp in microseconds since boot
 * @param message  message text, with the kernel's {@code \xNN} escapes undone
 */
public record KmsgRecord(int line, int prio, long seq, long tsUsec, String message) {
}
