package ptlab.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path tmp;

    @Test
    void replacesTheFileAndLeavesNoTemporaryBehind() throws Exception {
        Path f = tmp.resolve("sub/state.json");
        Json.write(f, Map.of("b", 2, "a", 1));
        Json.write(f, Map.of("b", 3, "a", 1));
        // keys sorted, the plan.json layout, a final newline
        assertEquals("{\n  \"a\": 1,\n  \"b\": 3\n}\n", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
        // readable by others as any file the harness writes, not createTempFile's 0600
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_READ));
        assertEquals(Files.getPosixFilePermissions(tmp.resolve("sub")).contains(PosixFilePermission.OTHERS_READ),
                Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ));
    }

    @Test
    void pathsAreWrittenAsPlainStrings() {
        assertEquals("{\n  \"where\": \"/a/b\"\n}\n", Json.text(Map.of("where", Path.of("/a/b"))));
        assertEquals("{\"execute\":\"stop\"}", Json.line(Map.of("execute", "stop")));
    }
}
