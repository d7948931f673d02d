/**
 * {@code harness render} and the end of every run: a run folder's raw/ to datasets, oracles, figures
 * and report.html/report.md ({@link ptlab.render.RenderPipeline}), one section per workload. No VM.
 */
package ptlab.render;
