/**
 * Statistics, oracles (cross-checks of the run against sources it did not compute) and captions
 * written from the data. Pure functions of parsed rows; no I/O, no VM.
 */
package ptlab.analysis;
