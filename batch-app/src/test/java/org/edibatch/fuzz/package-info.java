/**
 * Fuzz properties (jqwik) over the readers a sender's bytes meet first: the claim's envelope scan and pass,
 * the validating EDIFACT reader with the CUSDEC mapping, and the XML declaration reader. Inputs are sample
 * files mutated from a seed ({@link org.edibatch.fuzz.Mutator}); {@code scripts/fuzz.sh} runs them long.
 */
package org.edibatch.fuzz;
