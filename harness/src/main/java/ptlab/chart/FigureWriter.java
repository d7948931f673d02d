package ptlab.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextBlockAnchor;
import org.jfree.chart.text.TextUtils;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;

/**
 * Writes a figure as vector PDF, PNG and caption text, byte-identical on every run: rendering hints are
 * fixed, the PDF has no dates or producer, and its trailer /ID is derived from the figure's content
 * instead of the clock.
 */
public final class FigureWriter {
    /** PNG pixels per point. */
    static final int PNG_SCALE = 2;
    private static final int MARGIN = 10;
    private static final int CAPTION_GAP = 6;

    private FigureWriter() {
    }

    /** Writes {@code <stem>.pdf}, {@code <stem>.png} and {@code <stem>.caption.txt} into {@code dir}. */
    public static List<Path> write(Figure fig, Path dir) {
        try {
            Files.createDirectories(dir);
            TextBlock caption = captionBlock(fig);
            int captionHeight = captionHeight(caption);
            int totalHeight = fig.height() + captionHeight;
            byte[] png = png(fig, caption, totalHeight);
            byte[] pdf = pdf(fig, caption, totalHeight, png);
            Path pdfPath = dir.resolve(fig.stem() + ".pdf");
            Path pngPath = dir.resolve(fig.stem() + ".png");
            Path capPath = dir.resolve(fig.stem() + ".caption.txt");
            Files.write(pdfPath, pdf);
            Files.write(pngPath, png);
            Files.writeString(capPath, fig.caption() + "\n", StandardCharsets.UTF_8);
            return List.of(pdfPath, pngPath, capPath);
        } catch (IOException e) {
            throw new UncheckedIOException("writing figure " + fig.stem() + " to " + dir, e);
        }
    }

    private static TextBlock captionBlock(Figure fig) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            hints(g);
            TextBlock b = TextUtils.createTextBlock(fig.caption(), ChartStyle.CAPTION, Color.DARK_GRAY,
                    fig.width() - 2 * MARGIN, 40, new org.jfree.chart.text.G2TextMeasurer(g));
            b.setLineAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            return b;
        } finally {
            g.dispose();
        }
    }

    private static int captionHeight(TextBlock caption) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            hints(g);
            return (int) Math.ceil(caption.calculateDimensions(g).getHeight()) + CAPTION_GAP + MARGIN;
        } finally {
            g.dispose();
        }
    }

    private static void draw(Graphics2D g, Figure fig, TextBlock caption, int totalHeight) {
        g.setPaint(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, fig.width(), totalHeight));
        fig.painter().paint(g, new Rectangle2D.Double(0, 0, fig.width(), fig.height()));
        caption.draw(g, MARGIN, fig.height() + CAPTION_GAP, TextBlockAnchor.TOP_LEFT);
    }

    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    private static byte[] png(Figure fig, TextBlock caption, int totalHeight) throws IOException {
        BufferedImage img = new BufferedImage(fig.width() * PNG_SCALE, totalHeight * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            g.scale(PNG_SCALE, PNG_SCALE);
            draw(g, fig, caption, totalHeight);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    private static byte[] pdf(Figure fig, TextBlock caption, int totalHeight, byte[] png) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(fig.width(), totalHeight));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, fig.width(), totalHeight);
            try {
                hints(g);
                draw(g, fig, caption, totalHeight);
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            byte[] id = contentId(fig, png);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** 16 bytes of SHA-256 over the stem, caption and the PNG rendering of the same content. */
    private static byte[] contentId(Figure fig, byte[] png) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(fig.stem().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(fig.caption().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(png);
            return Arrays.copyOf(md.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
