package ptlab.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ptlab.analysis.Fmt;
import ptlab.analysis.OracleResult;
import ptlab.parse.PagemapTable;

/**
 * The pagetable assignment's Part B: the module's IOCTL_GET_PFN, asked by the harness's prober (compiled against
 * the student's own source, called as their program calls it) for pages of a buffer the harness holds; and the
 * student's own user program, whose printed pairs (VPN and PFN, or VA and PA) are checked the same way. The
 * truth is the harness's pagemap of the buffer, read before and after.
 */
public final class IoctlJudge {
    public static final String PROBE = "pagetable B: the module's IOCTL_GET_PFN == pagemap's PFN";
    public static final String USER = "pagetable B: the student's user program prints pagemap's PFN";
    static final double PASS_SHARE = 0.99;
    private static final int SHOWN = 5;

    private IoctlJudge() {
    }

    /**
     * @param right    answers equal to the page's PFN
     * @param asPa     answers equal to its physical address instead (PFN shifted by the page size)
     * @param errors   calls that failed (the first errno in the evidence)
     * @param wrong    other answers
     * @param checked  calls or pairs about a present page of the buffer
     * @param evidence the first wrong answers, each with what was asked and the truth
     */
    public record Result(OracleResult oracle, long right, long asPa, long errors, long wrong, long checked,
            List<String> evidence) {
    }

    /**
     * The prober's CSV ({@code vpn,ret,errno,out0,out1}): by value the answer is the return value; by pointer
     * the return value, or what the module wrote back into the argument.
     */
    public static Result probe(PagemapTable before, PagemapTable after, List<String> csv, boolean byPointer) {
        BufferTruth truth = new BufferTruth(before, after);
        Tally t = new Tally();
        for (String row : csv) {
            String[] f = row.split(",");
            if (f.length != 5 || !f[0].startsWith("0x")) {
                continue;
            }
            long vpn = Long.parseUnsignedLong(f[0].substring(2), 16);
            Set<Long> want = truth.at(vpn * BufferTruth.PAGE);
            if (want == null) {
                continue;
            }
            long ret = Long.parseLong(f[1]);
            long out0 = Long.parseUnsignedLong(f[3].substring(2), 16);
            long out1 = Long.parseUnsignedLong(f[4].substring(2), 16);
            long[] answers = byPointer ? new long[] {ret, out0 == vpn ? -1 : out0, out1} : new long[] {ret};
            if (ret < 0) {
                t.error("VPN " + Fmt.hex(vpn) + ": ioctl failed, errno " + f[2] + " (" + errno(f[2]) + ")");
            } else {
                t.judge(answers, want, "VPN " + Fmt.hex(vpn) + ": pagemap's PFN " + Fmt.hex(want.iterator().next() / BufferTruth.PAGE)
                        + ", the ioctl gave " + (byPointer ? "return " + ret + ", argument " + Fmt.hex(out0) + " " + Fmt.hex(out1)
                        : Fmt.hex(ret)));
            }
        }
        String detail = t.detail("call(s)") + (byPointer ? "; argument by pointer, as the student's program passes it"
                : "; argument by value, as the student's program passes it");
        return t.result(t.checked == 0 ? OracleResult.fail(PROBE, "no call about a present page of the buffer: " + detail)
                : OracleResult.of(PROBE, t.share() >= PASS_SHARE, detail).withShare(t.share()));
    }

    /**
     * The student's program's output: each line whose first number is a VPN of the buffer (or a VA in it) and
     * whose next number naming no page of the buffer is the PFN or the PA (either is right here). No such line at all needs a person: the program may print another
     * way, or take its input in a way the harness did not try.
     */
    public static Result user(PagemapTable before, PagemapTable after, List<String> lines) {
        BufferTruth truth = new BufferTruth(before, after);
        Tally t = new Tally();
        for (String line : lines) {
            List<LooseNumber> nums = LooseNumber.scan(line);
            for (int i = 0; i < nums.size(); i++) {
                long key = key(nums.get(i), truth);
                if (key < 0) {
                    continue;
                }
                Set<Long> want = truth.at(key);
                // the answer: the next number that names no page of the buffer (getpfn prints the VA after the VPN)
                LooseNumber answer = nums.subList(i + 1, nums.size()).stream()
                        .filter(n -> !n.isTime() && key(n, truth) < 0).findFirst().orElse(null);
                if (want != null && answer != null) {
                    t.paIsRight = true;
                    t.judge(answer.values(), want, "page " + Fmt.hex(key) + ": pagemap's PFN "
                            + Fmt.hex(want.iterator().next() / BufferTruth.PAGE) + " in: " + Lines.cut(line.strip()));
                }
                break;
            }
        }
        OracleResult o = t.checked == 0
                ? OracleResult.needsReview(USER, "no line pairs a page of the harness's buffer with a number; read the"
                        + " program's output")
                : OracleResult.of(USER, t.share() >= PASS_SHARE, t.detail("pair(s)")).withShare(t.share());
        return t.result(o);
    }

    /** The page-aligned VA a number names: a VPN of the buffer, or a VA inside it; -1 for neither. */
    private static long key(LooseNumber n, BufferTruth truth) {
        for (long v : n.values()) {
            if (v > 0 && v < (1L << 52) && truth.inside(v * BufferTruth.PAGE)) {
                return v * BufferTruth.PAGE;
            }
            if (truth.inside(v)) {
                return v & -BufferTruth.PAGE;
            }
        }
        return -1;
    }

    private static String errno(String code) {
        return switch (code) {
            case "1" -> "EPERM";
            case "2" -> "ENOENT";
            case "3" -> "ESRCH";
            case "14" -> "EFAULT";
            case "22" -> "EINVAL";
            case "25" -> "ENOTTY: the module knows no such command";
            default -> "errno " + code;
        };
    }

    /** Counts of one judgement, and its first wrong answers. */
    private static final class Tally {
        long right;
        long asPa;
        long errors;
        long wrong;
        long checked;
        /** A user program may print VA->PA as well as VPN->PFN. */
        boolean paIsRight;
        final List<String> evidence = new ArrayList<>();

        void judge(long[] answers, Set<Long> want, String what) {
            checked++;
            for (long a : answers) {
                if (a >= 0 && want.contains(a * BufferTruth.PAGE)) {
                    right++;
                    return;
                }
            }
            for (long a : answers) {
                if (a > 0 && want.contains(a & -BufferTruth.PAGE)) {
                    if (paIsRight) {
                        right++;
                        return;
                    }
                    asPa++;
                    note(what + " (a physical address, not the PFN)");
                    return;
                }
            }
            wrong++;
            note(what);
        }

        void error(String what) {
            checked++;
            errors++;
            note(what);
        }

        private void note(String s) {
            if (evidence.size() < SHOWN) {
                evidence.add(s);
            }
        }

        double share() {
            return checked == 0 ? 0 : (double) right / checked;
        }

        String detail(String unit) {
            return Fmt.f("%d of %d %s about present pages of the buffer gave pagemap's PFN (%s), %d a physical address,"
                    + " %d failed, %d wrong", right, checked, unit, Fmt.pct(share()), asPa, errors, wrong);
        }

        Result result(OracleResult o) {
            return new Result(o, right, asPa, errors, wrong, checked, List.copyOf(evidence));
        }
    }
}
