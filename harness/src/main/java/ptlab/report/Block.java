package ptlab.report;

import java.util.List;

/** The pieces a report section is made of; the Markdown and HTML writers render each kind. */
public sealed interface Block {
    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A table; every row has as many cells as the header. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A figure written to {@code figures/<stem>.png|pdf}, with its caption. */
    record FigureRef(String stem, String title, String caption) implements Block {
    }

    /** Links to other files of the results, relative to the report: {@code [text, href]} pairs. */
    record Links(List<List<String>> items) implements Block {
        public Links {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /** Verbatim text such as /proc/meminfo, under a small heading. */
    record Verbatim(String title, String text) implements Block {
    }
}
