/**
 * Public tenders: tender notices, sealed bids, the preliminary-price draw, reserve price, lower-limit award
 * ({@code TenderOpening}) and award notices as plain Java, with the tender and bid repositories.
 */
package org.edibatch.procurement;
