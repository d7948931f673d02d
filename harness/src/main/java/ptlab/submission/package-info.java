/**
 * Anyone's implementation of the assignments as an input: a submission (folder, .tar.gz, .zip) unpacked
 * into a private folder under limits ({@link ptlab.submission.SafeUnpacker}), and its parts found by
 * what the code does, each with the reason it was chosen ({@link ptlab.submission.PartFinder}).
 */
package ptlab.submission;
