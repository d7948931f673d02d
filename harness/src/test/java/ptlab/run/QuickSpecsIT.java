package ptlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import ptlab.cli.Main;
import ptlab.guest.Reaper;

/** The CI specs end to end in a real bookworm guest: every oracle passes, every figure is there. */
class QuickSpecsIT {
    @ParameterizedTest
    @ValueSource(strings = {"quick-part1", "quick-part2", "quick-pagetable"})
    void quickSpecPassesEndToEnd(String name) throws Exception {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "experiments/" + name + ".yaml");
        assertEquals(0, code, out + "\n" + err);
        assertEquals(0, ptlab.guest.Reaper.liveCount(), "QEMU left running");

        String first = out.toString().lines().filter(l -> l.startsWith("PASS")).findFirst().orElseThrow();
        Path run = Path.of(first.substring(first.indexOf('/')).trim());
        JsonNode m = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals("PASS", m.get("outcome").asText());
        assertEquals(0, m.get("kmsg_lost").asInt());
        assertTrue(m.get("kmsg_synced").asBoolean());
        assertTrue(List.of("tcg", "kvm").contains(m.get("accelerator").asText()));
        assertTrue(m.get("image").get("kernel_sha256").asText().matches("[0-9a-f]{64}"));
        assertTrue(m.get("artifacts").size() >= 3, "binaries and modules hashed: " + m.get("artifacts"));
        m.get("build_warnings").fields().forEachRemaining(e -> assertEquals(0, e.getValue().asInt(),
                e.getKey() + " built with warnings"));
        for (JsonNode step : m.get("steps")) {
            assertEquals("ok", step.get("status").asText(), step.toString());
        }
        assertTrue(Files.isRegularFile(run.resolve("plan.json")));
        assertTrue(Files.size(run.resolve("report.html")) > 10_000);
        try (Stream<Path> s = Files.list(run.resolve("figures"))) {
            List<Path> figs = s.filter(p -> p.toString().endsWith(".pdf")).toList();
            assertTrue(!figs.isEmpty(), "no figures");
            for (Path f : figs) {
                assertTrue(Files.size(f) > 1000, f + " is empty");
                assertTrue(Files.size(Path.of(f.toString().replace(".pdf", ".png"))) > 1000, f + " has no PNG");
            }
        }
        String kern = Files.readString(run.resolve("raw/kern.log"));
        for (String bad : List.of("Oops", "BUG:", "WARNING:", "general protection fault")) {
            assertTrue(!kern.contains(bad), "kern.log contains " + bad);
        }
    }
}
