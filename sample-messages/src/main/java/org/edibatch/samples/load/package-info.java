/**
 * The load generator for benchmarks: many signed files of CUSDEC (and XML) with a share of bad ones.
 */
package org.edibatch.samples.load;
