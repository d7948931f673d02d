package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ptlab.files.Trees;
import ptlab.packaging.SubmissionPackager;

/**
 * Submissions for the tests, made from the project's own solution as {@code harness package} packs it:
 * the real thing, and copies with one behaviour broken the way students' code breaks (an oops, a hang,
 * a flood, a program that waits for ENTER, sources that do not compile). Each change is a text edit that
 * must apply, so a change to the project's sources cannot silently leave a variant unbroken.
 */
public final class BrokenSubmissions {
    /** In lkp_xlate.c: where each batch of VAs is translated, under the mmap lock. */
    static final String XLATE_LOOP = "\tfor (i = 0; i < n; i++)\n\t\tlkp_xlate_one(mm, &xs[i]);\n";
    /** In lkp_vma.c: the first line of the VMA dump. */
    static final String VMA_BEGIN = "\tpr_info(\"vma_dump begin pid=1\\n\");\n";

    private BrokenSubmissions() {
    }

    /** The project's own solution packed as a submission tarball, from a captured run's figures. */
    public static Path own(Path tmp) throws IOException {
        Path run = Trees.copy(Path.of("harness/src/test/resources/fixtures/runs/quick-part2-bookworm-6.1-tcg"),
                tmp.resolve("own-run"));
        return SubmissionPackager.pack(List.of(run), "123456789", Path.of("").toAbsolutePath(), tmp).tarball();
    }

    /** The own solution unpacked into {@code dir} for editing. */
    public static Path unpacked(Path tmp, String name) throws IOException {
        Unpacked u = new SafeUnpacker().unpack(own(tmp.resolve(name + "-pack")), Files.createDirectories(tmp));
        Path dir = tmp.resolve(name);
        Files.move(u.root(), dir);
        return dir;
    }

    /**
     * Translating a VA dereferences NULL (KERNEL_CRASH in translate); {@code echo 0} logs 300,000 lines
     * (LOG_FLOOD in vma); memalloc waits for ENTER first and gives up on EOF.
     */
    public static Path crashFloodEnter(Path tmp) throws IOException {
        Path d = unpacked(tmp, "crash-flood-enter");
        edit(d.resolve("part2/lkp_xlate.c"), XLATE_LOOP, "\t{\n\t\tint *volatile nowhere = NULL;\n\n"
                + "\t\t*nowhere = 1;\n\t}\n" + XLATE_LOOP);
        edit(d.resolve("part2/lkp_vma.c"), VMA_BEGIN, VMA_BEGIN + "\t{\n\t\tint k;\n\n\t\tfor (k = 0; k < 300000; k++)\n"
                + "\t\t\tpr_info(\"flood %d\\n\", k);\n\t}\n");
        edit(d.resolve("part2/memalloc.c"), "int main(int argc, char **argv)\n{\n", "int main(int argc, char **argv)\n{\n"
                + "\t{\n\t\tchar enter[8];\n\n\t\tputs(\"press ENTER to start\");\n\t\tfflush(stdout);\n"
                + "\t\tif (!fgets(enter, sizeof(enter), stdin)) {\n\t\t\tfputs(\"memalloc: no input\\n\", stderr);\n"
                + "\t\t\treturn 1;\n\t\t}\n\t}\n");
        return d;
    }

    /**
     * The first write of a VA sleeps until the writer is killed (TIMEOUT in translate); every write returns
     * 0, a common slip that would make a shell's {@code echo 0} retry for ever (the VMA walk is still judged).
     */
    public static Path hang(Path tmp) throws IOException {
        Path d = unpacked(tmp, "hang");
        edit(d.resolve("part2/lkp_proc.c"), "\treturn ret ? ret : count;\n", "\treturn ret ? ret : 0;\n");
        edit(d.resolve("part2/lkp_xlate.c"), "#include <linux/sched.h>\n", "#include <linux/sched.h>\n"
                + "#include <linux/sched/signal.h>\n");
        edit(d.resolve("part2/lkp_xlate.c"), XLATE_LOOP, "\twhile (!fatal_signal_pending(current))\n"
                + "\t\tschedule_timeout_interruptible(HZ / 10);\n" + XLATE_LOOP);
        return d;
    }

    /**
     * The own solution whose Makefile also tries to append to {@code /root/.ssh/authorized_keys}, write
     * {@code /etc}, read {@code /etc/shadow}, reach the host's 127.0.0.1 and leave a process behind, each
     * step's failure ignored, so the module still builds: a run must leave the host as it was.
     */
    public static Path hostileMakefile(Path tmp, int port) throws IOException {
        Path d = unpacked(tmp, "hostile-makefile");
        edit(d.resolve("Makefile"), "all: part1 part2\n", "all: pwn part1 part2\n\npwn:\n"
                + "\t-echo ptlab-pwned >> /root/.ssh/authorized_keys\n"
                + "\t-echo ptlab-pwned > /etc/ptlab-pwned\n"
                + "\t-cat /etc/shadow\n"
                + "\t-bash -c 'echo ptlab-pwned > /dev/tcp/127.0.0.1/" + port + "'\n"
                + "\t-setsid sleep 100007 > /dev/null 2>&1 < /dev/null &\n");
        return d;
    }

    /** Part 1's pagemap writes the PFN in its PA column (a common slip: the shift forgotten). */
    public static Path pfnForPa(Path tmp) throws IOException {
        Path d = unpacked(tmp, "pfn-for-pa");
        edit(d.resolve("part1/pagemap.c"), "vpn << PAGE_SHIFT, pfn << PAGE_SHIFT, pfn,", "vpn << PAGE_SHIFT, pfn, pfn,");
        return d;
    }

    /** lkp_proc.c does not compile (BUILD_FAILED; nothing of Part 2 runs). */
    public static Path noBuild(Path tmp) throws IOException {
        Path d = unpacked(tmp, "no-build");
        Files.writeString(d.resolve("part2/lkp_proc.c"), "\nthis is not C;\n", java.nio.file.StandardOpenOption.APPEND);
        return d;
    }

    /**
     * A module told its process by parameters, as {@code insmod lkp25p3.ko target_pid=N buf_addr=0x...}: it refuses
     * to load without a pid and logs the two values it was given.
     */
    public static Path pidParameter(Path tmp) throws IOException {
        Path d = unpacked(tmp, "pid-parameter");
        edit(d.resolve("part2/lkp_proc.c"), "static int __init lkp_init(void)\n{\n\tint ret;\n",
                "static int target_pid;\nmodule_param(target_pid, int, 0444);\nstatic unsigned long buf_addr;\n"
                + "module_param(buf_addr, ulong, 0444);\n\nstatic int __init lkp_init(void)\n{\n\tint ret;\n\n"
                + "\tif (target_pid <= 0)\n\t\treturn -EINVAL;\n"
                + "\tpr_info(\"loaded for target_pid=%d buf_addr=0x%lx\\n\", target_pid, buf_addr);\n");
        // its memalloc waits for /proc/lkp25p3 (loaded after it starts) instead of giving up at once
        edit(d.resolve("part2/memalloc.c"), "\tfd = open(o->proc_path, O_WRONLY);\n\tif (fd < 0) {",
                "\tfor (int w = 0; w < 200 && (fd = open(o->proc_path, O_WRONLY)) < 0; w++)\n\t\tusleep(100000);\n"
                + "\tif (fd < 0) {");
        return d;
    }

    private static void edit(Path file, String anchor, String replacement) throws IOException {
        String s = Files.readString(file);
        assertTrue(s.contains(anchor), file + " no longer has the text the variant changes: " + anchor);
        Files.writeString(file, s.replace(anchor, replacement));
    }
}
