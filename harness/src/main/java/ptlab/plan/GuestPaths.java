package ptlab.plan;

/** Where things live inside the guest; the guest scripts (workloads/scripts/lib.sh) agree. */
public final class GuestPaths {
    /** Everything the harness puts in the guest. */
    public static final String ROOT = "/root/ptlab";
    /** workloads/ and kmod/ as staged on the host. */
    public static final String SRC = ROOT + "/src";
    /** The workload scripts. */
    public static final String SCRIPTS = SRC + "/workloads/scripts";
    /** What the scripts write: collected into raw/ as it is. */
    public static final String OUT = ROOT + "/out";
    /** rsyslog's kernel log. */
    public static final String KERN_LOG = "/var/log/kern.log";

    private GuestPaths() {
    }

    /** {@code sh <scripts>/<name> 'arg' ...}: arguments single-quoted, quotes inside them dropped. */
    public static String script(String name, Object... args) {
        StringBuilder sb = new StringBuilder("sh " + SCRIPTS + "/" + name);
        for (Object a : args) {
            sb.append(" '").append(String.valueOf(a).replace("'", "")).append('\'');
        }
        return sb.toString();
    }
}
