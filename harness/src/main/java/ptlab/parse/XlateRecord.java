package ptlab.parse;

/**
 * One translation by lkp25p3: {@code xlate va=0x.. pa=0x.. pfn=0x.. level=.. lat_ns=.. clk_ns=.. [err=..]}.
 *
 * @param line   line in kmsg.txt
 * @param latNs  ktime_get_ns() around the walk, which includes one clock read
 * @param err    the module's reason when it could not translate, or empty
 * @param clkNs  an empty ktime_get_ns() pair read just before the walk, or -1 from a module that did not log it
 */
public record XlateRecord(int line, long va, long pa, long pfn, PageLevel level, long latNs, String err, long clkNs) {
    public XlateRecord(int line, long va, long pa, long pfn, PageLevel level, long latNs, String err) {
        this(line, va, pa, pfn, level, latNs, err, -1);
    }

    public boolean failed() {
        return !err.isEmpty();
    }

    /** The walk without the clock's own cost (never below 0), or the raw time when clk_ns is unknown. */
    public long walkNs() {
        return clkNs < 0 ? latNs : Math.max(0, latNs - clkNs);
    }
}
