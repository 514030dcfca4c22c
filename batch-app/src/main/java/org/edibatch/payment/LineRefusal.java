package org.edibatch.payment;

/**
 * A credit line of an advice that could not be read as a payment (no amount, no reference, a malformed date): the
 * bank is told with {@code code}, and the advice's other lines go on.
 */
public record LineRefusal(int messageIndex, int lineIndex, String code, String text) {
}
