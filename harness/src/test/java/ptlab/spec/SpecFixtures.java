package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import ptlab.SourceLocatedException;

/** The fake repository under src/test/resources/specs/repo and helpers to check located errors. */
public final class SpecFixtures {
    /** A repository root with empty vm-images/{bullseye,bookworm,trixie,sid}.yaml and a few specs. */
    public static final Path REPO = Path.of("harness/src/test/resources/specs/repo").toAbsolutePath();
    /** Where spec text in tests pretends to live: relative image paths resolve against its folder. */
    public static final Path SPEC = Path.of("harness/src/test/resources/specs/repo/experiments/t.yaml");
    /** Lines 1 and 2 of most test specs. */
    public static final String HEAD = "experiment: t\nauthor: {first: First, last: Last}\n";

    private SpecFixtures() {
    }

    public static LoadedSpec load(String yaml) {
        return SpecLoader.parse(SPEC, yaml, REPO);
    }

    public static InvalidSpecException invalid(String yaml) {
        return assertThrows(InvalidSpecException.class, () -> load(yaml));
    }

    /** The one error of an invalid spec. */
    public static SourceLocatedException only(String yaml) {
        InvalidSpecException e = invalid(yaml);
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    /** Asserts the exact position and field, and that the message says {@code problem}. */
    public static void assertError(SourceLocatedException e, int line, int column, String field, String problem) {
        assertEquals(line + ":" + column + " " + field, e.line() + ":" + e.column() + " " + e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ":" + line + ":" + column + ": field '" + field + "': "),
                e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }
}
