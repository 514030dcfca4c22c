/**
 * Answers to senders as UN/EDIFACT: CONTRL for syntax, CUSRES per declaration, APERAK for a refused
 * signature, and {@code AtomicFiles} so that an answer appears whole or not at all. No Spring, no database.
 */
package org.edibatch.ack;
