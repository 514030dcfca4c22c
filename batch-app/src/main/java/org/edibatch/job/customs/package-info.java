/**
 * The customs job's wiring: partitioner, reader, processor, writer and tasklets that move data between the
 * domain classes and the repositories. Rules live in {@code customs}, SQL in the repositories.
 */
package org.edibatch.job.customs;
