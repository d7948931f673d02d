/** The one JSON mapper of the harness and the one atomic write (temp file, fsync, rename, folder fsync). */
package ptlab.json;
