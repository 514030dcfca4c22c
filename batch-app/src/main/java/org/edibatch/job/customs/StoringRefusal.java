package org.edibatch.job.customs;

import org.edibatch.customs.ContentError;
import org.edibatch.customs.CustomsErrorCode;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;

import java.util.List;

/**
 * A message the database refused to store, as the customs writer refuses it instead: an EDIFACT message with
 * 0085 code 18 on its UNH (CONTRL), an XML declaration rejected with C191 (its XML answer); nothing is posted.
 */
final class StoringRefusal {

    /** The longest declaration number the barest refusal keeps: the guide's an..35. */
    private static final int NUMBER_LENGTH = 35;

    private StoringRefusal() {
    }

    /**
     * @param bare true when the refusal itself could not be stored: it then keeps only what identifies the message
     *             to its sender (reference, or declaration number cut to the guide's length), none of its values
     */
    static ProcessedMessage refused(ProcessedMessage pm, String sqlState, boolean bare) {
        MessageItem item = pm.item();
        String why = "the message could not be stored: the database refused a value of it (SQLSTATE " + sqlState
                + "); it is refused";
        if (item.message() != null) {
            return new ProcessedMessage(DecidingReader.refused(item, why, !bare), null);
        }
        Declaration d = pm.outcome() != null ? pm.outcome().declaration() : item.xml().declaration();
        if (bare) {
            String number = d.declarationNo() == null ? "" : d.declarationNo();
            d = new Declaration(d.sender(), number.length() <= NUMBER_LENGTH ? number
                    : number.substring(0, NUMBER_LENGTH), null, null, null, null, null, null, List.of(), d.function());
        }
        return new ProcessedMessage(item, DeclarationOutcome.rejected(d,
                List.of(new ContentError(CustomsErrorCode.UNSTORABLE, "ID", why))));
    }
}
