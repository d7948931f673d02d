package ptlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * report.html: one self-contained file (figures embedded as PNG data URIs, no scripts, no external
 * styles) that opens offline; each figure links to its vector PDF beside it.
 */
public final class HtmlReport {
    private static final String STYLE = "body{font-family:'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0;font-size:0.85em}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}"
            + "th{background:#f2f2f2}.pass{color:#176b2c;font-weight:bold}.fail{color:#b00020;font-weight:bold}.na{color:#666}.review{color:#8a5a00;font-weight:bold}"
            + "figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:0.9em;color:#444}"
            + "pre{background:#f7f7f7;padding:0.6em;overflow-x:auto;font-size:0.8em}.notrun{color:#777}";

    private HtmlReport() {
    }

    public static String render(ReportModel m, Path figuresDir) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(m.title()))
                .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(m.title())).append("</h1>\n<ul>\n");
        for (String s : m.summary()) {
            sb.append("<li>").append(esc(s)).append("</li>\n");
        }
        sb.append("</ul>\n");
        if (!m.oracles().isEmpty()) {
            sb.append("<h2>Oracles</h2>\n<table>\n<tr><th>oracle</th><th>result</th><th>detail</th></tr>\n");
            m.oracles().forEach(o -> sb.append("<tr><td>").append(esc(o.name())).append("</td><td class=\"")
                    .append(cssClass(o.status())).append("\">").append(esc(o.status().label())).append("</td><td>").append(esc(o.detail()))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        for (Section s : m.sections()) {
            sb.append("<h2").append(s.ran() ? "" : " class=\"notrun\"").append('>').append(esc(s.title())).append("</h2>\n");
            for (Block b : s.blocks()) {
                block(sb, b, figuresDir);
            }
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String cssClass(ptlab.analysis.OracleResult.Status s) {
        return switch (s) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case NOT_APPLICABLE -> "na";
            case NEEDS_REVIEW -> "review";
        };
    }

    private static void block(StringBuilder sb, Block b, Path figuresDir) {
        if (b instanceof Block.Paragraph p) {
            sb.append("<p>").append(esc(p.text())).append("</p>\n");
        } else if (b instanceof Block.Table t) {
            table(sb, t.header(), t.rows());
        } else if (b instanceof Block.FigureRef f) {
            // the PNG carries the caption under the chart: it is not printed a second time
            sb.append("<figure>\n<img alt=\"").append(esc(f.title() + ". " + f.caption()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(read(figuresDir.resolve(f.stem() + ".png"))))
                    .append("\">\n<figcaption><b>").append(esc(f.title())).append("</b> <a href=\"figures/")
                    .append(esc(f.stem())).append(".pdf\">PDF</a> (caption text: <a href=\"figures/")
                    .append(esc(f.stem())).append(".caption.txt\">figures/").append(esc(f.stem()))
                    .append(".caption.txt</a>)</figcaption>\n</figure>\n");
        } else if (b instanceof Block.Links l) {
            sb.append("<ul>\n");
            l.items().forEach(i -> sb.append("<li><a href=\"").append(esc(i.get(1))).append("\">").append(esc(i.get(0)))
                    .append("</a></li>\n"));
            sb.append("</ul>\n");
        } else if (b instanceof Block.Verbatim v) {
            sb.append("<h3>").append(esc(v.title())).append("</h3>\n<pre>").append(esc(v.text())).append("</pre>\n");
        }
    }

    /** Tables longer than this are folded; the rows that report a problem stay in view above them. */
    static final int FOLD_ROWS = 40;

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        if (rows.size() <= FOLD_ROWS) {
            plainTable(sb, header, rows);
            return;
        }
        List<List<String>> problems = rows.stream().filter(HtmlReport::isProblem).toList();
        if (!problems.isEmpty()) {
            sb.append("<p>").append(problems.size()).append(" of ").append(rows.size())
                    .append(" rows report a problem:</p>\n");
            plainTable(sb, header, problems);
        }
        sb.append("<details><summary>all ").append(rows.size()).append(" rows").append(problems.isEmpty()
                ? " (none reports a problem)" : "").append("</summary>\n");
        plainTable(sb, header, rows);
        sb.append("</details>\n");
    }

    /** A row with a cell that says something differs, is missing or failed. */
    static boolean isProblem(List<String> row) {
        return row.stream().anyMatch(c -> c.startsWith("differs") || c.startsWith("missing") || c.equals("FAIL")
                || c.startsWith("mismatch") || c.startsWith("only in"));
    }

    private static void plainTable(StringBuilder sb, List<String> header, List<List<String>> rows) {
        sb.append("<table>\n<tr>");
        header.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p, e);
        }
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
