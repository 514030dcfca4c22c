/**
 * The customs step across several JVMs (edibatch.workers=remote): the manager sends each partition as a
 * Spring Batch {@code StepExecutionRequest} over RabbitMQ and learns completion by polling the job repository;
 * the {@code worker} command consumes the requests and runs the same partition step as local mode. Wiring only:
 * the partition step, its rules and its SQL are the customs job's.
 */
package org.edibatch.job.customs.remote;
