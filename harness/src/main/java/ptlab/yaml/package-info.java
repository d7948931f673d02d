/** YAML binding with file:line:column errors for every problem. */
package ptlab.yaml;
