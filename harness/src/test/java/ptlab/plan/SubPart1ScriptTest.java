package ptlab.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's Part 1 driver (workloads/scripts/sub-part1.sh) run on the host with stand-in student programs: a
 * memalloc that waits forever once it has its buffer (as one that waits for pagemap with pause() does), and a
 * separate pagemap that prints its arguments. No sysctl is changed: a stand-in comes first in PATH.
 */
class SubPart1ScriptTest {
    private static final int LIMIT_S = 4;

    @TempDir
    Path tmp;

    @Test
    void aMemallocThatNeverExitsIsKilledAtTheLimitAfterThePagemapRound() throws Exception {
        Path student = Files.createDirectories(tmp.resolve("student"));
        Path memalloc = exe(student.resolve("memalloc"), "#!/bin/sh\necho 'buffer at 0x7f1234560000'\nexec sleep 120\n");
        Path pagemap = exe(student.resolve("pagemap"), "#!/bin/sh\necho \"pagemap $*\"\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        exe(bin.resolve("sysctl"), "#!/bin/sh\nexit 0\n");
        Path ptlab = Files.createDirectories(tmp.resolve("ptlab"));

        ProcessBuilder pb = new ProcessBuilder("sh", Path.of("workloads/scripts/sub-part1.sh").toAbsolutePath().toString(),
                memalloc.toString(), pagemap.toString(), String.valueOf(LIMIT_S), "", "{pid} {start} {end}", "guess")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile());
        pb.environment().put("PTLAB", ptlab.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(40, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String log = Files.readString(tmp.resolve("driver.log"), StandardCharsets.UTF_8);
        assertTrue(ended, "the driver outlived its memalloc's limit of " + LIMIT_S + " s:\n" + log);
        assertEquals(0, p.exitValue(), log);
        assertTrue(took < LIMIT_S + 15, took + " s");

        Path run = ptlab.resolve("out/submission/part1/run-1");
        String status = Files.readString(run.resolve("ptlab-memalloc.status"));
        assertTrue(status.contains("timed_out=1\n"), status);
        // the pagemap round ran on the memalloc, with the mapping's bounds filled in
        List<String> printed = Files.readAllLines(run.resolve("pm-1/stdout.txt"));
        assertEquals(1, printed.size(), printed.toString());
        assertTrue(printed.get(0).matches("pagemap \\d+ 0x[0-9a-f]+ 0x[0-9a-f]+"), printed.get(0));
        String[] w = printed.get(0).split(" ");
        assertTrue(Long.decode(w[2]) < Long.decode(w[3]), printed.get(0));
        assertTrue(Files.readString(ptlab.resolve("out/submission/part1/driver.status")).contains("pagemap_form={pid}"
                + " {start} {end}\n"));
    }

    private static Path exe(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
