/**
 * {@link ptlab.report.RenderPipeline}: a run folder's raw/ to datasets, figures, oracles and
 * report.md/report.html; {@link ptlab.report.SubmissionPackager}: the lkp25-p3 submission tarball.
 */
package ptlab.report;
