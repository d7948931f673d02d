/** The host machine: running its programs (Apache Commons Exec), finding its tools, its facts, sleeping. */
package ptlab.host;
