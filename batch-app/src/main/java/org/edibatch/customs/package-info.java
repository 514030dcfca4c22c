/**
 * The customs domain: the declaration model, its mapping from CUSDEC, content checks, tax assessment and
 * selectivity as plain Java, plus {@code DeclarationRepository} for the rows a decided declaration leaves.
 */
package org.edibatch.customs;
