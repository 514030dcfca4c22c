package org.edibatch.exceptions;

import org.edibatch.customs.Channel;
import org.edibatch.edifact.SyntaxErrorCode;

/**
 * What an exception line is about, as exception_item.category stores it (the constant's name, which the
 * report reads back), with the texts of its lines.
 */
public enum ExceptionCategory {
    /** A file refused whole at intake: unreadable, orphan signature, bad envelope or XML batch. */
    FILE,
    /** A file refused for its digital signature. */
    SIGNATURE,
    /** A message rejected for its syntax (CONTRL). */
    SYNTAX,
    /** A declaration rejected by the customs rules. */
    CONTENT,
    /** An accepted declaration selected for document review or inspection. */
    SELECTIVITY,
    /** An accepted replacement or cancellation of a declaration, with its amounts before and after. */
    AMENDMENT,
    /** A tender notice refused at loading. */
    TENDER,
    /** A bid refused at intake. */
    BID,
    /**
     * A bid that cannot win (its seal did not open, its price is out of the eligible range, it failed the
     * qualification review), or a tender that failed (F10-F12) and was announced again.
     */
    OPENING,
    /** A bank's credit line not paid as due: refused, in suspense, or owed back (PaymentCode, or the reader's code). */
    PAYMENT;

    /** The value stored in exception_item.category. */
    public String code() {
        return name();
    }

    /** {@link #SIGNATURE}: the file's refusal. */
    public static String fileRefused(String reasonText) {
        return "file refused: " + reasonText;
    }

    /** {@link #FILE}: an interchange rejected at envelope level for a syntax error. */
    public static String interchangeRejected(String syntaxCode, String text) {
        return "interchange rejected: " + SyntaxErrorCode.textOf(syntaxCode) + " - " + text;
    }

    /** {@link #FILE}: an XML batch refused whole; {@code position} as the intake writes it, or empty. */
    public static String batchRefused(String text, String position) {
        return "batch refused: " + text + position;
    }

    /** {@link #SYNTAX}: the code's meaning and the error found. */
    public static String syntax(String syntaxCode, String text) {
        return SyntaxErrorCode.textOf(syntaxCode) + " - " + text;
    }

    /** The exception code of a syntax error (UN/EDIFACT data element 0085). */
    public static String syntaxCode(String syntaxCode) {
        return "0085:" + syntaxCode;
    }

    /** {@link #CONTENT}: the rule's text, what was wrong and where. */
    public static String content(String codeText, String detail, String pointer) {
        return codeText + " - " + detail + " (" + pointer + ")";
    }

    /** {@link #SELECTIVITY}: the exception code of the channel. */
    public static String selectivityCode(Channel channel) {
        return "CS:" + channel.name();
    }

    /** {@link #AMENDMENT}: the exception code of a replacement or a cancellation (its BGM 1225 code). */
    public static String amendmentCode(boolean cancelled) {
        return cancelled ? "1225:1" : "1225:5";
    }

    /** {@link #SELECTIVITY}: what the channel means. */
    public static String selectivity(Channel channel) {
        return channel.text() + " selected";
    }

    /** {@link #PAYMENT}: the code's meaning and the bank's references of the line. */
    public static String payment(String codeText, String bankSender, String transactionRef, String paymentReference) {
        return codeText + " (bank " + bankSender + ", transaction " + transactionRef + ", payment number "
                + paymentReference + ")";
    }
}
