/** {@code harness compare} and the reproduction check: two runs (or cells) side by side, within tolerances. */
package ptlab.compare;
