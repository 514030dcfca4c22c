/**
 * Generators of the good and bad sample interchanges committed under {@code sample-messages/edifact};
 * fixtures for tests and the demo come from here.
 */
package org.edibatch.samples;
