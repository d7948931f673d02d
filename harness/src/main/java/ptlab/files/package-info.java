/** Files and folders: the repository root and its folder names, tree copies and deletes, sha256. */
package ptlab.files;
