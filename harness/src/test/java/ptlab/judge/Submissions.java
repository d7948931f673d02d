package ptlab.judge;

import java.nio.file.Path;
import java.util.List;
import ptlab.parse.KmsgParser;
import ptlab.parse.MarkedWindows;

/** The hand-made submission run folders of fixtures/submission/ (see make-submissions.py there). */
public final class Submissions {
    public static final Path ROOT = Path.of("harness/src/test/resources/fixtures/submission");

    private Submissions() {
    }

    /** raw/submission/&lt;part&gt;/&lt;file&gt; of the fixture {@code style}. */
    public static Path file(String style, String part, String file) {
        return ROOT.resolve(style).resolve("raw/submission").resolve(part).resolve(file);
    }

    public static List<MarkedWindows.Window> windows(String style, String part, String begin, String end) {
        return MarkedWindows.between(KmsgParser.parse(file(style, part, "kmsg.txt")), begin, end);
    }
}
