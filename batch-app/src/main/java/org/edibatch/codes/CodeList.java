package org.edibatch.codes;

/**
 * A value of a code list that answers carry: the code as sent (stable, senders automate on it) and its
 * plain-language text. Implemented by the enums of each list (UN/EDIFACT 0085, KCS-ERR, the XML intake codes,
 * KCS-SIG, the procurement reasons, the selectivity channels).
 */
public interface CodeList {

    /** The code exactly as answered and stored. */
    String code();

    /** What the code means, in plain language. */
    String text();
}
