/** Progress for people: events tagged with the run id, drawn by one console sink; warnings go here too. */
package ptlab.progress;
