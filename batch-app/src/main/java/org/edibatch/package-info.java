/**
 * The edibatch application: {@link org.edibatch.EdiBatchApplication} hands the command line to the
 * {@code cli} package; each capability lives in its own package beside this one.
 */
package org.edibatch;
