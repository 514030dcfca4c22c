package org.edibatch.payment;

import java.util.List;

/**
 * One advice of a bank's file (a CREMUL message, a camt.054 notification) as read: its lines and the lines refused.
 *
 * @param adviceRef the bank's reference of the advice (CREMUL BGM 1004, camt.054 Ntfctn/Id)
 */
public record Advice(int messageIndex, String adviceRef, List<PaymentLine> lines, List<LineRefusal> refusals) {
}
