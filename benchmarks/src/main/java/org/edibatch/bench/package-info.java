/**
 * Benchmark programs behind {@code scripts/bench-*.sh}: the ceilings of a run (raw parse, verify, COPY)
 * and the signature and XML throughput runs. Never part of the application's jar.
 */
package org.edibatch.bench;
