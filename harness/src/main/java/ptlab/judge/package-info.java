/**
 * Judges of a student's submission at its interfaces: each reads the lines the student's module logged
 * between the harness's own kmsg markers, in whatever format the student chose, classes every answer
 * against a truth the harness took itself (the PA of each VA written, /proc/1/maps, the region the
 * workload touched) and says why, quoting the student's own lines. Pure functions of parsed raw files;
 * no VM; the access judge walks its window's lines through a {@link ptlab.parse.MarkedWindows.Walk}, so a
 * module that floods the log is read again from the file rather than held. A log no reader here
 * understands is never a silent pass or fail: it needs review.
 */
package ptlab.judge;
