package ptlab.grade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import ptlab.HarnessException;

/**
 * The Markdown feedback as a PDF a student can keep or a course can attach (PDFBox): headings in bold, the rest in a
 * fixed-width font so tables and quoted log lines keep their columns, long lines wrapped, pages as needed.
 * Characters the standard fonts cannot show become '?'.
 */
final class FeedbackPdf {
    private static final float MARGIN = 50;
    private static final float SIZE = 8.5f;
    private static final float LEADING = 11;
    private static final int WIDTH = 110;

    private FeedbackPdf() {
    }

    static void write(String markdown, Path file) {
        PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument doc = new PDDocument()) {
            PDPageContentStream cs = null;
            float y = 0;
            for (String raw : lines(markdown)) {
                boolean heading = raw.startsWith("#");
                String text = heading ? raw.replaceFirst("^#+\\s*", "") : raw;
                float lead = heading ? LEADING * 1.6f : LEADING;
                if (cs == null || y - lead < MARGIN) {
                    if (cs != null) {
                        cs.endText();
                        cs.close();
                    }
                    PDPage page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                    cs.beginText();
                    y = page.getMediaBox().getHeight() - MARGIN;
                    cs.newLineAtOffset(MARGIN, y);
                }
                cs.setFont(heading ? bold : mono, heading ? SIZE * 1.4f : SIZE);
                cs.newLineAtOffset(0, -lead);
                y -= lead;
                cs.showText(printable(text));
            }
            if (cs != null) {
                cs.endText();
                cs.close();
            }
            doc.save(file.toFile());
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text's lines, each cut into pieces of at most {@value #WIDTH} characters. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            String rest = l;
            do {
                out.add(rest.substring(0, Math.min(WIDTH, rest.length())));
                rest = rest.length() > WIDTH ? "  " + rest.substring(WIDTH) : "";
            } while (!rest.isEmpty());
        }
        return out;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? c : c == '\t' ? ' ' : '?');
        }
        return b.toString();
    }
}
