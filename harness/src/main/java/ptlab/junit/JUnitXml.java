package ptlab.junit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import ptlab.analysis.OracleResult;
import ptlab.runfolder.Manifest;
import ptlab.runfolder.RunFolder;
import ptlab.runfolder.StepRecord;

/**
 * junit.xml for CI systems: one {@code <testsuite>} per run (cell), a test case per step and per oracle;
 * a failed step or oracle is a {@code <failure>} carrying its message, a run that ended in a crash or
 * an infrastructure error without a failed step gets an {@code <error>}. A step's system-out is the tail
 * of its log with the characters XML 1.0 forbids removed (kernel logs contain them). A campaign merges
 * its cells' suites into one {@code <testsuites>}.
 */
public final class JUnitXml {
    /** Lines of a step log kept in system-out. */
    static final int TAIL_LINES = 40;

    private JUnitXml() {
    }

    /** The run's junit.xml text, from its manifest, its oracles and its step logs. */
    public static String forRun(RunFolder run, Manifest m, List<OracleResult> oracles) {
        Document doc = newDocument();
        Element suite = suite(doc, run, m, oracles);
        doc.appendChild(suite);
        return serialize(doc);
    }

    /** Writes the run's junit.xml and returns its path. */
    public static Path write(RunFolder run, Manifest m, List<OracleResult> oracles) {
        Path file = run.dir().resolve(RunFolder.JUNIT);
        try {
            Files.writeString(file, forRun(run, m, oracles), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
        return file;
    }

    /** One {@code <testsuites>} holding the suite of every given junit.xml, in order. */
    public static String merge(String name, List<Path> runJunits) {
        return merge(name, runJunits, java.util.Map.of());
    }

    /**
     * As above, plus one suite for the cells that have no run folder (a campaign cell that never ran or
     * was cancelled): each is a test case in error, so a dashboard counts it instead of losing it.
     *
     * @param missing run id -> why it has no result, in order
     */
    public static String merge(String name, List<Path> runJunits, java.util.Map<String, String> missing) {
        Document doc = newDocument();
        Element all = doc.createElement("testsuites");
        all.setAttribute("name", clean(name));
        doc.appendChild(all);
        long tests = 0;
        long failures = 0;
        long errors = 0;
        double time = 0;
        for (Path p : runJunits) {
            try {
                Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile())
                        .getDocumentElement();
                tests += Long.parseLong(suite.getAttribute("tests"));
                failures += Long.parseLong(suite.getAttribute("failures"));
                errors += Long.parseLong(suite.getAttribute("errors"));
                time += Double.parseDouble(suite.getAttribute("time"));
                stripWhitespace(suite);
                all.appendChild(doc.importNode(suite, true));
            } catch (IOException | SAXException | ParserConfigurationException | NumberFormatException e) {
                throw new UncheckedIOException(new IOException("reading " + p + ": " + e.getMessage(), e));
            }
        }
        if (!missing.isEmpty()) {
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", clean(name + ".cells-without-result"));
            missing.forEach((runId, why) -> {
                Element tc = testcase(doc, name + ".cells", runId, 0);
                tc.appendChild(failure(doc, "error", "no-result", why));
                suite.appendChild(tc);
            });
            suite.setAttribute("tests", Integer.toString(missing.size()));
            suite.setAttribute("failures", "0");
            suite.setAttribute("errors", Integer.toString(missing.size()));
            suite.setAttribute("skipped", "0");
            suite.setAttribute("time", seconds(0));
            all.appendChild(suite);
            tests += missing.size();
            errors += missing.size();
        }
        all.setAttribute("tests", Long.toString(tests));
        all.setAttribute("failures", Long.toString(failures));
        all.setAttribute("errors", Long.toString(errors));
        all.setAttribute("time", seconds(time));
        return serialize(doc);
    }

    private static Element suite(Document doc, RunFolder run, Manifest m, List<OracleResult> oracles) {
        String id = Objects.requireNonNullElse(m.experiment(), "run") + "."
                + Objects.requireNonNullElse(m.runId(), run.dir().getFileName().toString());
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", clean(id));
        if (m.startedAt() != null) {
            suite.setAttribute("timestamp", m.startedAt().replace("Z", ""));
        }
        Element props = doc.createElement("properties");
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("guest_kernel", m.guestKernel());
        shown.put("accelerator", m.accelerator());
        shown.put("guest_start", m.guestStart());
        shown.put("outcome", m.recordedOutcome().map(Enum::name).orElse(null));
        shown.put("git_commit", m.gitCommit());
        shown.forEach((key, v) -> {
            if (v != null && !v.isEmpty()) {
                Element p = doc.createElement("property");
                p.setAttribute("name", key);
                p.setAttribute("value", clean(v));
                props.appendChild(p);
            }
        });
        suite.appendChild(props);
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double time = 0;
        boolean stepFailed = false;
        for (StepRecord s : m.steps()) {
            String step = s.name();
            double secs = s.seconds();
            Element tc = testcase(doc, id + ".steps", step, secs);
            if (s.failed()) {
                String msg = s.message() == null || s.message().isEmpty() ? "failed" : s.message();
                tc.appendChild(failure(doc, "failure", "step", msg));
                failures++;
                stepFailed = true;
            }
            Path log = run.stepLog(step);
            if (Files.isRegularFile(log)) {
                Element out = doc.createElement("system-out");
                out.setTextContent(clean(tail(log)));
                tc.appendChild(out);
            }
            suite.appendChild(tc);
            tests++;
            time += secs;
        }
        for (OracleResult o : oracles) {
            Element tc = testcase(doc, id + ".oracles", o.name(), 0);
            if (o.failed()) {
                tc.appendChild(failure(doc, "failure", "oracle", o.detail()));
                failures++;
            } else if (!o.passed()) {
                // not applicable or needs review: neither a pass nor a failure; review says so in its message
                Element skip = doc.createElement("skipped");
                boolean review = o.status() == OracleResult.Status.NEEDS_REVIEW;
                skip.setAttribute("message", clean((review ? "needs review: " : "") + o.detail()));
                tc.appendChild(skip);
                skipped++;
            }
            suite.appendChild(tc);
            tests++;
        }
        String outcome = m.recordedOutcome().map(Enum::name).orElse("");
        if (!stepFailed && !outcome.isEmpty() && !outcome.equals("PASS") && !outcome.equals("FAIL")) {
            Element tc = testcase(doc, id, "run", 0);
            tc.appendChild(failure(doc, "error", outcome, m.message().isEmpty() ? outcome : m.message()));
            suite.appendChild(tc);
            tests++;
            errors++;
        }
        suite.setAttribute("tests", Integer.toString(tests));
        suite.setAttribute("failures", Integer.toString(failures));
        suite.setAttribute("errors", Integer.toString(errors));
        suite.setAttribute("skipped", Integer.toString(skipped));
        suite.setAttribute("time", seconds(time));
        return suite;
    }

    static Element testcase(Document doc, String classname, String name, double secs) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", clean(classname));
        tc.setAttribute("name", clean(name));
        tc.setAttribute("time", seconds(secs));
        return tc;
    }

    static Element failure(Document doc, String kind, String type, String message) {
        Element f = doc.createElement(kind);
        String text = clean(message);
        f.setAttribute("message", text.lines().findFirst().orElse(""));
        f.setAttribute("type", clean(type));
        f.setTextContent(text);
        return f;
    }

    /** Text without the characters XML 1.0 cannot carry (controls other than tab, newline, return). */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (ok) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Drops the indentation text nodes of a parsed file, so the merged file is indented afresh. */
    private static void stripWhitespace(org.w3c.dom.Node n) {
        org.w3c.dom.NodeList kids = n.getChildNodes();
        for (int i = kids.getLength() - 1; i >= 0; i--) {
            org.w3c.dom.Node k = kids.item(i);
            if (k.getNodeType() == org.w3c.dom.Node.TEXT_NODE && k.getTextContent().isBlank()
                    && n.getChildNodes().getLength() > 1) {
                n.removeChild(k);
            } else if (k.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                stripWhitespace(k);
            }
        }
    }

    static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String serialize(Document doc) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            doc.setXmlStandalone(true);
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            String xml = w.toString().replace("\r\n", "\n").replaceFirst("\\?><", "?>\n<");
            return xml.endsWith("\n") ? xml : xml + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
