/**
 * Public tenders: tender notices, sealed bids, the preliminary-price draw, reserve price, lower limit,
 * qualification review and award or failed tender ({@code TenderOpening}), re-tender notices and award notices
 * (XML and EDIFACT) as plain Java, with the tender and bid repositories.
 */
package org.edibatch.procurement;
