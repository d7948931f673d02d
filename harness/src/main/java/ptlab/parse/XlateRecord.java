package ptlab.parse;

/**
 * One translation by lkp25p3: {@code xlate va=0x.. pa=0x.. pfn=0x.. level=.. lat_ns=.. [err=..]}.
 *
 * @param line  line in kmsg.txt
 * @param err   the module's reason when it could not translate, or empty
 */
public record XlateRecord(int line, long va, long pa, long pfn, PageLevel level, long latNs, String err) {
    public boolean failed() {
        return !err.isEmpty();
    }
}
