/**
 * Runs as the operator sees them: the run lock, exit codes, resuming a failed run and the runs' history;
 * shared by the command line and the jobs.
 */
package org.edibatch.run;
