/**
 * The customs domain: the declaration model, its mapping from CUSDEC, content checks, tax assessment,
 * selectivity and the rules of replacements and cancellations ({@code Amendments}) as plain Java, plus
 * {@code DeclarationRepository} for the rows a decided declaration leaves and {@code HistoryRepository} for a
 * number's history.
 */
package org.edibatch.customs;
