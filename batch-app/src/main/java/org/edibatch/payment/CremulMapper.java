package org.edibatch.payment;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one CREMUL message (implementation guide KCS-CREMUL-1), read and validated by
 * {@code edifact.InterchangeReader}, to an {@link Advice}: one {@link PaymentLine} per SEQ group, or a
 * {@link LineRefusal} when what the guide leaves to content rules is wrong (a value date that is no calendar
 * date, an amount not above zero). A message with syntax errors has no segments and gives an advice without lines:
 * the CONTRL tells the bank about it.
 */
public final class CremulMapper {

    public Advice map(EdifactMessage message) {
        int messageIndex = message.index() + 1;
        String adviceRef = "";
        List<PaymentLine> lines = new ArrayList<>();
        List<LineRefusal> refusals = new ArrayList<>();
        LocalDate valueDate = null;
        boolean dateSeen = false;
        boolean inBooking = false;
        int lineIndex = 0;
        Credit credit = null;

        for (Segment s : message.segments()) {
            switch (s.tag()) {
                case "BGM" -> adviceRef = s.value(2);
                case "LIN" -> {
                    flush(credit, messageIndex, valueDate, dateSeen, lines, refusals);
                    credit = null;
                    inBooking = true;
                    valueDate = null;
                    dateSeen = false;
                }
                case "DTM" -> {
                    if (inBooking && credit == null && "209".equals(s.value(1, 1))) {
                        dateSeen = true;
                        valueDate = AdviceValues.ccyymmdd(s.value(1, 2));
                    }
                }
                case "SEQ" -> {
                    flush(credit, messageIndex, valueDate, dateSeen, lines, refusals);
                    credit = new Credit(++lineIndex);
                }
                case "RFF" -> {
                    if (credit != null) {
                        String qualifier = s.value(1, 1);
                        if ("AIK".equals(qualifier)) {
                            credit.transactionRef = s.value(1, 2);
                        } else if ("PQ".equals(qualifier)) {
                            credit.paymentReference = s.value(1, 2);
                        }
                    }
                }
                case "MOA" -> {
                    if (credit != null && "60".equals(s.value(1, 1))) {
                        credit.amount = s.value(1, 2);
                        credit.currency = s.value(1, 3);
                    }
                }
                default -> { }
            }
        }
        flush(credit, messageIndex, valueDate, dateSeen, lines, refusals);
        return new Advice(messageIndex, adviceRef, List.copyOf(lines), List.copyOf(refusals));
    }

    private static void flush(Credit c, int messageIndex, LocalDate valueDate, boolean dateSeen,
                              List<PaymentLine> lines, List<LineRefusal> refusals) {
        if (c != null) {
            AdviceValues.line(messageIndex, c.index, c.transactionRef, c.paymentReference, c.amount, c.currency,
                    valueDate, dateSeen, lines, refusals);
        }
    }

    /** The fields of one SEQ group as read so far. */
    private static final class Credit {
        final int index;
        String transactionRef;
        String paymentReference;
        String amount;
        String currency;

        Credit(int index) {
            this.index = index;
        }
    }
}
