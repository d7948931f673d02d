/** {@code harness package}: the seeds' {@code ${PID}-lkp25-p3.tar.gz} from run folders and sources. */
package ptlab.packaging;
