/**
 * What changed between two campaigns (a baseline night and the current one, or two sweeps), whether it is
 * real, and by how much: per image, kernel and package changes, oracles that flipped, each quantity's median
 * over the repetitions with a bootstrap interval, and the ratio of the current to the baseline median with its
 * interval and effect size. A difference is called a change only when its interval excludes "no change" and it
 * is beyond the reproduction tolerances of {@link ptlab.compare.Reproduction}. Written as changes.json, a
 * Markdown section and a JUnit suite; no VM is involved.
 */
package ptlab.changes;
