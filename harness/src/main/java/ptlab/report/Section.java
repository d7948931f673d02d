package ptlab.report;

import java.util.List;

/** A report section; {@code ran} is false when its raw files are absent ("not run"). */
public record Section(String title, boolean ran, List<Block> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }

    public static Section notRun(String title, String why) {
        return new Section(title, false, List.of(new Block.Paragraph("Not run: " + why + ".")));
    }
}
