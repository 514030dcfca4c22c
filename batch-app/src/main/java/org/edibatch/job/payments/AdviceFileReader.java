package org.edibatch.job.payments;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.payment.Advice;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.payment.CremulMapper;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.xml.XmlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The advices of one claimed bank file in file order: each CREMUL message with its syntax outcome, or each camt.054
 * notification. Not thread-safe: one reader per file, used by one thread at a time.
 */
final class AdviceFileReader implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(AdviceFileReader.class);

    private final PaymentRepository.BankFile file;
    private final CremulMapper cremul = new CremulMapper();
    private final InputStream in;
    private InterchangeReader edifact;
    private Camt054Reader camt;
    private boolean unreadable;
    private int read;

    AdviceFileReader(PaymentRepository.BankFile file) {
        this.file = file;
        try {
            in = new BufferedInputStream(Files.newInputStream(Path.of(file.workPath())), 1 << 16);
        } catch (IOException e) {
            throw new ItemStreamException("cannot open claimed file " + file.workPath(), e);
        }
        try {
            if ("CAMT054".equals(file.format())) {
                // The claim validated the whole document against the schema (CamtIntake's scan) and refused it whole
                // at any fault, so only valid documents get here: read without validating them a second time. The
                // reader's values never come from the validator.
                camt = Camt054Reader.openUnvalidated(in, XmlLimits.defaults());
            } else {
                edifact = InterchangeReader.fromBank(in, true);
            }
        } catch (EdifactFormatException e) {
            closeQuietly();
            throw new ItemStreamException("cannot open claimed file " + file.workPath(), e);
        }
    }

    /** The file's next advice, or null at its end. */
    AdviceItem next() {
        AdviceItem item = camt != null ? nextNotification() : nextMessage();
        if (item != null) {
            read++;
        }
        return item;
    }

    private AdviceItem nextNotification() {
        Advice a = camt.next();
        if (a == null) {
            if (camt.refused()) {
                // the claim scanned the whole document: a refusal now means it changed since
                throw new ItemStreamException("claimed camt.054 file changed after its scan: " + file.workPath());
            }
            return null;
        }
        return new AdviceItem(file.id(), file.name(), file.sender(), read, Integer.toString(read + 1), "CAMT054",
                false, List.of(), a);
    }

    private AdviceItem nextMessage() {
        EdifactMessage m = message();
        if (m == null) {
            return null;
        }
        String type = m.typeIdentifier();
        if (!m.errors().isEmpty() || !"CREMUL".equals(m.type())) {
            // a refused message, or a CONTRL from the bank (answered by nothing, recorded as received)
            return new AdviceItem(file.id(), file.name(), file.sender(), m.index(), m.reference(), type, true,
                    m.errors(), null);
        }
        try {
            return new AdviceItem(file.id(), file.name(), file.sender(), m.index(), m.reference(), type, true,
                    List.of(), cremul.map(m));
        } catch (RuntimeException e) {
            // One message's surprise is that message's refusal (0085 code 18), as in the customs step.
            log.warn("message {} of bank file {} refused: reading its advice failed", m.index(), file.id(), e);
            return new AdviceItem(file.id(), file.name(), file.sender(), m.index(), m.reference(), type, true,
                    List.of(new SyntaxError(SyntaxErrorCode.UNSPECIFIED.code(), 1, "UNH", 0, 0,
                            "the credit advice could not be read (" + e.getClass().getSimpleName()
                                    + "); it is refused")), null);
        }
    }

    private EdifactMessage message() {
        if (unreadable) {
            return null;
        }
        try {
            return edifact.next();
        } catch (EdifactFormatException e) {
            if (e.getCause() instanceof IOException) {
                throw new ItemStreamException("cannot read claimed file " + file.workPath(), e);
            }
            unreadable = true;
            return edifact.unreadable(e);
        }
    }

    @Override
    public void close() {
        try {
            if (edifact != null) {
                edifact.close();
            }
            if (camt != null) {
                camt.close();
            }
            in.close();
        } catch (IOException e) {
            throw new ItemStreamException(e);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the open failure is what is reported
        }
    }
}
