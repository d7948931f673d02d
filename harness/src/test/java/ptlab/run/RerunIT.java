package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ptlab.analysis.VmaComparison;
import ptlab.changes.Reruns;
import ptlab.cli.Main;
import ptlab.json.Json;

/**
 * Is a change real? In real bookworm guests (TCG here): a baseline run whose VMA walk passes, then campaigns with
 * {@code --baseline} whose VMA oracle is failed on purpose on some repetitions (vma_dump.fail_repetitions, the test
 * option). Its first repetition fails, so the oracle went from pass to fail; three reruns from the snapshot decide.
 */
class RerunIT {
    @TempDir
    static Path tmp;
    static Path baseline;

    record Run(int code, String out) {
        Path campaign() {
            String line = out.lines().filter(l -> l.contains("(campaign of")).findFirst()
                    .orElseThrow(() -> new AssertionError("no campaign in:\n" + out));
            return Path.of(line.substring(line.indexOf('/'), line.indexOf(" (campaign of")));
        }
    }

    static Run harness(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter w = new StringWriter();
        cl.setOut(new PrintWriter(w));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "QEMU left running");
        return new Run(code, w.toString());
    }

    static Path spec(String name, String fail) throws Exception {
        return spec(name, fail, "");
    }

    static Path spec(String name, String fail, String vm) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "experiment: it-rerun-" + name + "\nauthor: {first: Test, last: Runner}\nimages: [bookworm]\n"
                + "vm: {memory_mib: 2048" + vm + "}\nworkloads:\n  - kind: vma_dump\n" + (fail.isEmpty() ? ""
                : "    fail_repetitions: " + fail + "\n"));
        return f;
    }

    @BeforeAll
    static void aNightThatPassed() throws Exception {
        Run base = harness("run", spec("base", "").toString());
        assertEquals(0, base.code(), base.out());
        String line = base.out().lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
        baseline = Path.of(line.substring(line.indexOf('/')).trim());
    }

    private static JsonNode vmaChange(Path campaign) throws Exception {
        JsonNode changes = Json.tree(campaign.resolve("changes.json"));
        for (JsonNode c : changes.get("changes")) {
            if (c.get("name").asText().equals(VmaComparison.MAPS_NAME)) {
                return c;
            }
        }
        throw new AssertionError("no " + VmaComparison.MAPS_NAME + " in " + changes);
    }

    @Test
    void aFailureThatComesAndGoesIsFlakyAfterTheReruns() throws Exception {
        // fails on repetitions 1 and 4: the night's one run fails, reruns 2 and 3 pass, rerun 4 fails
        Run r = harness("run", spec("flaky", "[1, 4]").toString(), "--baseline", baseline.toString());
        Path campaign = r.campaign();
        JsonNode c = vmaChange(campaign);
        assertEquals("flaky", c.get("label").asText(), c.toString());
        assertEquals(0, c.get("current").get("passed").asInt());
        assertEquals(2, c.get("rerun").get("passed").asInt(), c.toString());
        assertEquals(3, c.get("rerun").get("repetitions").asInt());
        List<String> ids = new ArrayList<>();
        Reruns.read(campaign).reruns().get("bookworm").forEach(ids::add);
        assertEquals(3, ids.size(), ids.toString());
        ids.forEach(id -> assertTrue(Files.isRegularFile(campaign.resolve(id).resolve("manifest.json")), id));
        String junit = Files.readString(campaign.resolve("junit.xml"));
        assertTrue(junit.contains("<skipped"), "a flaky change is skipped in the changes suite: " + junit);
        String report = Files.readString(campaign.resolve("report.md"));
        assertTrue(report.indexOf("## Changes since the baseline") < report.indexOf("## Oracle matrix"), report);
    }

    /**
     * Failing on every repetition: a regression. With vm.cold_boots: 1 the night's first repetition boots the kernel,
     * the second and the three reruns restore the snapshot, as each manifest's guest_start says.
     */
    @Test
    void aFailureThatHoldsIsARegressionAndFailsTheCampaign() throws Exception {
        Run r = harness("run", spec("regression", "[1, 2, 3, 4, 5]", ", cold_boots: 1").toString(), "--repetitions", "2",
                "--baseline", baseline.toString());
        assertEquals(1, r.code(), r.out());
        JsonNode c = vmaChange(r.campaign());
        assertEquals("regression", c.get("label").asText(), c.toString());
        assertEquals(0, c.get("rerun").get("passed").asInt());
        assertEquals(3, c.get("rerun").get("repetitions").asInt(), c.toString());
        List<String> starts = new ArrayList<>();
        for (int rep = 1; rep <= 5; rep++) {
            int n = rep;
            Path cell;
            try (var cells = Files.list(r.campaign())) {
                cell = cells.filter(p -> p.getFileName().toString().endsWith("-bookworm-r" + n)).findFirst().orElseThrow();
            }
            starts.add(Json.tree(cell.resolve("manifest.json")).get("guest_start").asText());
        }
        assertEquals(List.of("boot", "restore", "restore", "restore", "restore"), starts);
        JsonNode changes = Json.tree(r.campaign().resolve("changes.json"));
        assertTrue(changes.toString().contains("\"regression\""));
    }
}
