package ptlab.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ptlab.HarnessException;

/** raw/guest/*.txt (uname, cmdline, thp_enabled, meminfo...) as text, sorted by file name. */
public final class GuestInfoReader {
    private GuestInfoReader() {
    }

    public static Map<String, String> read(Path guestDir) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(guestDir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(guestDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw HarnessException.usage("cannot list " + guestDir + ": " + e.getMessage());
        }
        for (Path f : files) {
            try {
                out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8).stripTrailing());
            } catch (IOException e) {
                throw HarnessException.usage("cannot read " + f + ": " + e.getMessage());
            }
        }
        return out;
    }
}
