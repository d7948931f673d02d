package ptlab.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureWriterTest {
    @TempDir
    Path tmp;

    private static Figure figure() {
        return new Figure("demo", "part1", "Demo", "A caption with numbers 1.23 µs and 45.6%.", 480, 320, (g, area) -> {
            XYSeries s = new XYSeries("s");
            for (int i = 0; i < 50; i++) {
                s.add(i, Math.sqrt(i));
            }
            XYPlot plot = new XYPlot(new XYSeriesCollection(s), new NumberAxis("x"), new NumberAxis("y"),
                    new XYLineAndShapeRenderer(true, false));
            JFreeChart chart = new JFreeChart("Demo", ChartStyle.TITLE, plot, true);
            ChartStyle.apply(chart);
            chart.draw(g, area);
        });
    }

    @Test
    void writesIdenticalBytesTwice() throws Exception {
        List<Path> a = FigureWriter.write(figure(), tmp.resolve("a"));
        List<Path> b = FigureWriter.write(figure(), tmp.resolve("b"));
        assertEquals(3, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).getFileName().toString());
            assertTrue(Files.size(a.get(i)) > 0);
        }
    }

    @Test
    void pdfHasFixedIdAndNoDates() throws Exception {
        Path pdf = FigureWriter.write(figure(), tmp).get(0);
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-"));
        assertFalse(text.contains("CreationDate"));
        assertFalse(text.contains("ModDate"));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            org.apache.pdfbox.cos.COSArray id = doc.getDocument().getTrailer().getCOSArray(org.apache.pdfbox.cos.COSName.ID);
            assertEquals(2, id.size());
            assertEquals(16, ((org.apache.pdfbox.cos.COSString) id.get(0)).getBytes().length);
            assertEquals(null, doc.getDocumentInformation().getCreationDate());
            assertEquals(1, doc.getNumberOfPages());
        }
        assertEquals("A caption with numbers 1.23 µs and 45.6%.\n",
                Files.readString(tmp.resolve("demo.caption.txt"), StandardCharsets.UTF_8));
    }
}
