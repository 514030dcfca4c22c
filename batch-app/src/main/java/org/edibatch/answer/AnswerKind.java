package org.edibatch.answer;

/**
 * The kinds of answer to an inbound file, as answer.kind stores them (the constant's name): CONTRL (syntax),
 * CUSRES (declaration decisions), APERAK (a file refused for its signature), XMLRES (the answer to an XML batch),
 * ADVICE_RECEIPT (a bank's receipt for its camt.054 credit advice).
 */
public enum AnswerKind {
    CONTRL, CUSRES, APERAK, XMLRES, ADVICE_RECEIPT;

    public String code() {
        return name();
    }
}
