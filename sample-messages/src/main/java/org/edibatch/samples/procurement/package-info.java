/**
 * Generators of tender notices and bids for tests and the demo.
 */
package org.edibatch.samples.procurement;
