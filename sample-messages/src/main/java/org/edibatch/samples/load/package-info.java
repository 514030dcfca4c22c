/**
 * The load generator for benchmarks: many signed files of CUSDEC (and XML) with a share of bad ones, and
 * optionally a share of replacements and cancellations of earlier declarations.
 */
package org.edibatch.samples.load;
