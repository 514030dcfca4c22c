package org.edibatch.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One credit a bank reports, as read from its advice: nothing is checked here beyond the message's syntax, so the
 * payment reference may be anything the bank sent (the matching decides what it designates).
 *
 * @param messageIndex     the advice's position in its file (CREMUL message, camt.054 notification), from 1
 * @param lineIndex        the credit's position in its advice, from 1
 * @param transactionRef   the bank's own reference of the credit (CREMUL RFF+AIK in the credit's SEQ group, camt.054
 *                         TxDtls/Refs/AcctSvcrRef, else its Ntry/AcctSvcrRef): a
 *                         bank reporting the same reference twice reports the same credit
 * @param paymentReference the structured creditor reference the payer gave (the electronic payment number)
 * @param amount           the amount credited, positive
 * @param currency         ISO 4217 code of the amount
 * @param valueDate        the date the funds were credited
 */
public record PaymentLine(int messageIndex, int lineIndex, String transactionRef, String paymentReference,
                          BigDecimal amount, String currency, LocalDate valueDate) {
}
