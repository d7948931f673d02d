package ptlab.junit;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A junit.xml of test cases that are not a run's steps and oracles (a comparison's changes, say): one
 * {@code <testsuite>}, each case passed, failed with its message, skipped with its message, or in error (it could
 * not be checked: infrastructure).
 */
public final class JUnitCases {
    /** How a case ended. */
    public enum Result {
        PASSED, FAILED, SKIPPED, ERROR
    }

    /**
     * One test case.
     *
     * @param message the failure's or the skip's text; for a pass, written to system-out when not empty
     */
    public record Case(String classname, String name, Result result, String message) {
    }

    private JUnitCases() {
    }

    /** The suite's text, cases in the order given. */
    public static String suite(String name, List<Case> cases) {
        Document doc = JUnitXml.newDocument();
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", JUnitXml.clean(name));
        int failures = 0;
        int skipped = 0;
        int errors = 0;
        for (Case c : cases) {
            Element tc = JUnitXml.testcase(doc, c.classname(), c.name(), 0);
            if (c.result() == Result.FAILED) {
                tc.appendChild(JUnitXml.failure(doc, "failure", "change", c.message()));
                failures++;
            } else if (c.result() == Result.ERROR) {
                tc.appendChild(JUnitXml.failure(doc, "error", "no-result", c.message()));
                errors++;
            } else if (c.result() == Result.SKIPPED) {
                Element skip = doc.createElement("skipped");
                skip.setAttribute("message", JUnitXml.clean(c.message()));
                tc.appendChild(skip);
                skipped++;
            } else if (!c.message().isEmpty()) {
                Element out = doc.createElement("system-out");
                out.setTextContent(JUnitXml.clean(c.message()));
                tc.appendChild(out);
            }
            suite.appendChild(tc);
        }
        suite.setAttribute("tests", Integer.toString(cases.size()));
        suite.setAttribute("failures", Integer.toString(failures));
        suite.setAttribute("errors", Integer.toString(errors));
        suite.setAttribute("skipped", Integer.toString(skipped));
        suite.setAttribute("time", JUnitXml.seconds(0));
        doc.appendChild(suite);
        return JUnitXml.serialize(doc);
    }
}
