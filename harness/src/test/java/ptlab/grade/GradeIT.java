package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.cli.Main;
import ptlab.files.Trees;
import ptlab.json.Json;

/**
 * {@code harness grade} over a class folder of three pagetable answers with the quick rubric, in real bookworm guests
 * (TCG here): every student's points item by item, the exports, and a second grading that runs nothing.
 */
class GradeIT {
    @TempDir
    Path tmp;

    private String grade(Path classDir, Path out) {
        return grade(classDir, out, "experiments/rubrics/pagetable-quick.yaml");
    }

    private String grade(Path classDir, Path out, String rubric) {
        CommandLine cl = Main.newCommandLine();
        StringWriter w = new StringWriter();
        cl.setOut(new PrintWriter(w));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("grade", classDir.toString(), "--rubric", rubric, "-o", out.toString());
        assertEquals(0, code, w.toString());
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "QEMU left running");
        return w.toString();
    }

    private static Map<String, Double> items(JsonNode student) {
        Map<String, Double> m = new java.util.TreeMap<>();
        JsonNode scored = student.get("scores").get(0);
        scored.get("items").forEach(i -> m.put(i.get("id").asText(), i.get("points").asDouble()));
        return m;
    }

    @Test
    void aClassIsGradedItemByItemAndASecondGradingRunsNothing() throws Exception {
        Path cls = Files.createDirectories(tmp.resolve("class"));
        Path own = cls.resolve("903000001");
        Trees.copy(Path.of("kmod/pagetable"), own.resolve("kmod/pagetable"));
        Trees.copy(Path.of("kmod/common"), own.resolve("kmod/common"));
        Files.createDirectories(own.resolve("workloads"));
        for (String f : List.of("getpfn.c", "common.c", "common.h")) {
            Files.copy(Path.of("workloads", f), own.resolve("workloads").resolve(f));
        }
        Trees.copy(Path.of("harness/src/test/resources/submissions/pagetable-pointer"), cls.resolve("903000002"));
        // prints VAs without their PAs, and an ioctl that answers 0 without writing the PFN
        Trees.copy(Path.of("harness/src/test/resources/submissions/pagetable"), cls.resolve("903000003"));
        Path out = tmp.resolve("grades");
        String first = grade(cls, out);

        JsonNode book = Json.tree(out.resolve(Gradebook.JSON));
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        book.get("students").forEach(s -> byId.put(s.get("id").asText(), s));
        assertEquals(Map.of("build", 10.0, "user-build", 5.0, "dump", 35.0, "ioctl", 35.0, "user", 15.0),
                items(byId.get("903000001")), first);
        assertEquals(100.0, byId.get("903000001").get("total").asDouble());
        assertEquals(Map.of("build", 10.0, "user-build", 5.0, "dump", 35.0, "ioctl", 35.0, "user", 15.0),
                items(byId.get("903000002")), first);
        assertEquals(Map.of("build", 10.0, "user-build", 5.0, "dump", 0.0, "ioctl", 0.0, "user", 0.0),
                items(byId.get("903000003")), first);
        assertEquals(15.0, byId.get("903000003").get("total").asDouble());

        List<String> csv = Files.readAllLines(out.resolve(Gradebook.CSV));
        assertEquals("id,name,total,max,needs_review,build,user-build,dump,ioctl,user,minus_warnings,minus_crash,minus_unload,error",
                csv.get(0));
        assertEquals("903000003,,15,100,no,10,5,0,0,0,0,0,0,", csv.get(3));
        String feedback = Files.readString(out.resolve("students/903000003/feedback.md"));
        assertTrue(feedback.contains("**15 of 100 points**"), feedback);
        String report = Files.readString(out.resolve("class-report.md"));
        assertTrue(report.contains("3 student(s) graded"), report);
        assertTrue(report.contains("- dump: fails: 1") || report.contains("- dump: "), report);

        String second = grade(cls, out);
        assertEquals(3, second.lines().filter(l -> l.contains("unchanged, not graded again")).count(), second);
        assertEquals(csv, Files.readAllLines(out.resolve(Gradebook.CSV)));
    }

    /** The project's own solution, packed by harness package, gets full marks under the quick lkp25p3 rubric (both parts). */
    @Test
    void theProjectsOwnSolutionGetsFullMarksUnderTheQuickLkp25p3Rubric() throws Exception {
        Path cls = Files.createDirectories(tmp.resolve("class"));
        Files.move(ptlab.submission.BrokenSubmissions.own(tmp), cls.resolve("123456789-lkp25-p3.tar.gz"));
        Path out = tmp.resolve("grades");
        String text = grade(cls, out, "experiments/rubrics/lkp25p3-quick.yaml");
        JsonNode student = Json.tree(out.resolve(Gradebook.JSON)).get("students").get(0);
        assertEquals("123456789", student.get("id").asText());
        for (JsonNode it : student.get("scores").get(0).get("items")) {
            assertEquals(it.get("max").asDouble(), it.get("points").asDouble(), it.toString() + "\n" + text);
        }
        assertEquals(100.0, student.get("total").asDouble(), text);
        assertTrue(Files.readString(out.resolve("class-report.md")).contains("No pair above the threshold."));
    }

    /**
     * A grading stopped (SIGTERM) once its first student is saved loses nothing: the next grading of the same folder
     * keeps that grade, grades only the others, and the gradebook holds all three.
     */
    @Test
    void aGradingStoppedMidWayGoesOnWhereItStopped() throws Exception {
        Path cls = Files.createDirectories(tmp.resolve("class"));
        for (String id : List.of("903000011", "903000012", "903000013")) {
            Trees.copy(Path.of("harness/src/test/resources/submissions/pagetable-pointer"), cls.resolve(id));
        }
        Path out = tmp.resolve("grades");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "ptlab.cli.Main", "grade",
                cls.toString(), "--rubric", "experiments/rubrics/pagetable-quick.yaml", "-o", out.toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        Path first = out.resolve("students/903000011/grade.json");
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!Files.exists(first) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(first), Files.readString(tmp.resolve("first.log")));
        p.destroy();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the grading did not stop on SIGTERM");
        // the stopped harness's shutdown hooks stop its guests; their processes may take a moment to go
        long until = System.nanoTime() + 30_000_000_000L;
        List<String> qemu = qemu();
        while (!qemu.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(500);
            qemu = qemu();
        }
        assertEquals(List.of(), qemu, "the stopped grading left QEMU running");
        String firstLog = Files.readString(tmp.resolve("first.log"));
        assertTrue(!firstLog.contains("903000013  "), "stopped before the last student: " + firstLog);

        String again = grade(cls, out);
        assertTrue(again.lines().anyMatch(l -> l.startsWith("903000011") && l.contains("unchanged, not graded again")), again);
        assertEquals(2, again.lines().filter(l -> l.matches("90300001[23] +100 / 100 .*")).count(), again);
        List<String> csv = Files.readAllLines(out.resolve(Gradebook.CSV));
        assertEquals(4, csv.size(), String.join("\n", csv));
    }

    private static List<String> qemu() {
        return ProcessHandle.allProcesses().filter(h -> h.isAlive() && h.info().command().orElse("").contains("qemu-system"))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
    }
}
