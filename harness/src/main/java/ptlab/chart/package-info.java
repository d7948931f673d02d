/**
 * JFreeChart figures written as vector PDF (PDFBox graphics2d) and PNG, byte-identical on every run:
 * fixed sizes, fonts and rendering hints, no dates, a content-derived PDF /ID.
 */
package ptlab.chart;
