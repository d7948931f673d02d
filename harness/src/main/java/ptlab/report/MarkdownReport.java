package ptlab.report;

import java.util.List;

/** report.md: the same content as report.html, for reading in a terminal or on a forge. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ReportModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(m.title()).append("\n\n");
        for (String s : m.summary()) {
            sb.append("- ").append(s).append('\n');
        }
        if (!m.oracles().isEmpty()) {
            sb.append("\n## Oracles\n\n");
            table(sb, List.of("oracle", "result", "detail"), m.oracles().stream()
                    .map(o -> List.of(o.name(), o.failed() ? "**FAIL**" : o.status().label(), o.detail())).toList());
        }
        for (Section s : m.sections()) {
            sb.append('\n').append(section(s));
        }
        return sb.toString();
    }

    /** One section as it appears in report.md, from its {@code ##} heading on. */
    public static String section(Section s) {
        StringBuilder sb = new StringBuilder("## ").append(s.title()).append("\n\n");
        for (Block b : s.blocks()) {
            block(sb, b);
        }
        return sb.toString();
    }

    private static void block(StringBuilder sb, Block b) {
        if (b instanceof Block.Paragraph p) {
            sb.append(p.text()).append("\n\n");
        } else if (b instanceof Block.Table t) {
            table(sb, t.header(), t.rows());
        } else if (b instanceof Block.FigureRef f) {
            sb.append("### ").append(f.title()).append("\n\n")
                    .append("![").append(f.title()).append("](figures/").append(f.stem()).append(".png)\n\n")
                    .append("*").append(f.caption().replace("*", "\\*")).append("*\n\n")
                    .append("Vector version: [figures/").append(f.stem()).append(".pdf](figures/").append(f.stem()).append(".pdf)\n\n");
        } else if (b instanceof Block.Links l) {
            l.items().forEach(i -> sb.append("- [").append(i.get(0)).append("](").append(i.get(1)).append(")\n"));
            sb.append('\n');
        } else if (b instanceof Block.Verbatim v) {
            sb.append("### ").append(v.title()).append("\n\n```\n").append(v.text()).append("\n```\n\n");
        }
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        row(sb, header);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            row(sb, r);
        }
        sb.append('\n');
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        sb.append('\n');
    }
}
