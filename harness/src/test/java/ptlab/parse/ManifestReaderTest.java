package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ptlab.SourceLocatedException;

class ManifestReaderTest {
    @TempDir
    Path tmp;

    @Test
    void flattensInDocumentOrder() {
        Path f = Files2.write(tmp, "manifest.json", "{\"experiment\": \"part2\", \"author\": {\"first\": \"First\", \"last\": \"Last\"},",
                "\"accelerator\": \"TCG\", \"steps\": [{\"name\": \"boot\", \"s\": 20.5}], \"empty\": {}, \"none\": null}");
        Manifest m = ManifestReader.read(f);
        assertEquals(List.of("experiment", "author.first", "author.last", "accelerator", "steps[0].name", "steps[0].s", "empty", "none"),
                List.copyOf(m.flat().keySet()));
        assertEquals("First-Last", m.authorTag());
        assertEquals("tcg", m.accelerator());
        assertEquals("20.5", m.get("steps[0].s").orElseThrow());
        assertTrue(m.get("none").isEmpty());
    }

    @Test
    void missingManifestIsEmptyAndBadJsonNamesTheLine() {
        assertTrue(ManifestReader.readIfPresent(tmp.resolve("nope.json")).flat().isEmpty());
        assertEquals("Unknown-Author", Manifest.empty().authorTag());
        Path f = Files2.write(tmp, "m.json", "{", "\"a\": 1,", "\"b\": }");
        SourceLocatedException e = assertThrows(SourceLocatedException.class, () -> ManifestReader.read(f));
        assertEquals(3, e.line());
    }

    @Test
    void anOutcomeThisHarnessDoesNotKnowIsNoOutcome() {
        assertEquals(java.util.Optional.of(ptlab.Outcome.FAIL), ManifestReader.parse("{\"outcome\": \"FAIL\", \"message\": \"m\"}")
                .outcome());
        assertEquals("m", ManifestReader.parse("{\"outcome\": \"FAIL\", \"message\": \"m\"}").message());
        // a manifest from a newer harness, or edited by hand: read, not a crash of campaign assembly
        assertTrue(ManifestReader.parse("{\"outcome\": \"PASSED\"}").outcome().isEmpty());
        assertTrue(ManifestReader.parse("{}").outcome().isEmpty());
    }
}
