package ptlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml as a DOM, for tests that check what it says rather than what its text contains. */
public final class JUnitDom {
    private JUnitDom() {
    }

    /** The file's root element: a testsuite (one run) or testsuites (a campaign). */
    public static Element root(Path junit) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile()).getDocumentElement();
    }

    /**
     * The one failure under {@code root}, after checking that root counts exactly one and holds exactly
     * one, in the test case named {@code testcase} whose class ends with {@code classSuffix}.
     */
    public static Element onlyFailure(Element root, String testcase, String classSuffix) {
        assertEquals("1", root.getAttribute("failures"));
        NodeList failures = root.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element failure = (Element) failures.item(0);
        Element tc = (Element) failure.getParentNode();
        assertEquals(testcase, tc.getAttribute("name"));
        assertEquals(true, tc.getAttribute("classname").endsWith(classSuffix), tc.getAttribute("classname"));
        return failure;
    }
}
