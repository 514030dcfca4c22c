/**
 * JMH micro-benchmarks of the message path: parse, verify, XML read and mapping
 * ({@code scripts/bench-micro.sh}).
 */
package org.edibatch.bench.micro;
