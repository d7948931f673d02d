/**
 * The report documents: the block model (sections, tables, figures) and its HTML and Markdown writers,
 * the caption prose written from the data, and the campaign report over many cells
 * ({@code harness report}).
 */
package ptlab.report;
