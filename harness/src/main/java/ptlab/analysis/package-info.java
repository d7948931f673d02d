/**
 * Statistics and oracles (cross-checks of the run against sources it did not compute). Pure functions of
 * parsed rows; no I/O, no VM. The prose that explains them is in {@code ptlab.report}.
 */
package ptlab.analysis;
