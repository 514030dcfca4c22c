package org.edibatch.job.payments;

import org.edibatch.edifact.SyntaxError;
import org.edibatch.payment.Advice;

import java.util.List;

/**
 * One advice of a bank's file as read: a CREMUL message (with its syntax outcome, answered by CONTRL) or one
 * notification of a camt.054 document. {@code advice} is null when the message was refused (its errors say why).
 *
 * @param index     the message's position in its file from 0 (message_result's), or the notification's
 * @param reference UNH reference, or the notification's position from 1
 * @param edifact   whether the advice came in an EDIFACT interchange (its syntax errors are then recorded for CONTRL)
 */
record AdviceItem(long fileId, String fileName, String bankSender, int index, String reference,
                  String typeIdentifier, boolean edifact, List<SyntaxError> errors, Advice advice) {

    boolean accepted() {
        return advice != null && errors.isEmpty();
    }
}
