package org.edibatch.intake;

import org.edibatch.customs.ReferenceData;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.EnvelopeScanner;
import org.edibatch.edifact.InterchangeHeader;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.edifact.SyntaxError;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass over a claimed file: is it an EDIFACT interchange, addressed to us, from a known
 * sender, with a consistent envelope (UNZ count and reference)? A file that fails here is rejected whole
 * (CONTRL UCI action 4) before any of its messages is processed or posted.
 */
public final class EnvelopeCheck {

    /** @param header null when the file is not EDIFACT at all */
    public record Result(InterchangeHeader header, int messageCount, List<SyntaxError> errors, String failure,
                         String firstMessageType) {
        public boolean readable() {
            return header != null;
        }

        public boolean accepted() {
            return header != null && errors.isEmpty() && failure == null;
        }
    }

    private final ReferenceData reference;
    private final String ourEdiId;

    public EnvelopeCheck(ReferenceData reference, String ourEdiId) {
        this.reference = reference;
        this.ourEdiId = ourEdiId;
    }

    /**
     * The fast byte-level pass when the envelope is plainly well formed (StAEDI then reads the UNB alone, for
     * the header and its errors); the thorough StAEDI pass over the whole file otherwise. Both give the same
     * result for the same file (tested over every sample).
     */
    public Result check(Path file) throws IOException {
        EnvelopeScanner.Summary fast;
        try (InputStream in = Files.newInputStream(file)) {
            fast = EnvelopeScanner.scan(in);
        }
        return check(file, fast);
    }

    /**
     * {@link #check(Path)} with the byte-level scan already made over the file's bytes (by a pass that also
     * hashed them): {@code fast} is what {@link EnvelopeScanner#scan} answered, null when it could not decide.
     */
    public Result check(Path file, EnvelopeScanner.Summary fast) throws IOException {
        if (fast != null) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 12);
                 InterchangeReader reader = InterchangeReader.open(in, false)) {
                InterchangeHeader h = reader.header();
                if (fast.controlReference().equals(h.controlReference())) {
                    List<SyntaxError> errors = addressErrors(h);
                    errors.addAll(reader.interchangeErrors());
                    return new Result(h, fast.messageCount(), errors, null, fast.firstMessageType());
                }
            } catch (EdifactFormatException e) {
                // the thorough pass reports it
            }
        }
        return thorough(file);
    }

    private List<SyntaxError> addressErrors(InterchangeHeader h) {
        List<SyntaxError> errors = new ArrayList<>();
        if (!ourEdiId.equals(h.recipient())) {
            errors.add(new SyntaxError(SyntaxErrorCode.RECIPIENT_NOT_ACTUAL.code(), 0, "UNB", 3, 1,
                    "interchange is addressed to " + h.recipient() + ", not to " + ourEdiId));
        }
        if (reference.partyByEdiId(h.sender()).isEmpty()) {
            errors.add(new SyntaxError(SyntaxErrorCode.UNKNOWN_SENDER.code(), 0, "UNB", 2, 1,
                    "sender " + h.sender() + " is not registered"));
        }
        return errors;
    }

    /** Reads every segment with StAEDI: the pass that finds and codes whatever is wrong with the envelope. */
    Result thorough(Path file) throws IOException {
        InterchangeReader reader;
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            reader = InterchangeReader.open(in, false);
        } catch (EdifactFormatException e) {
            in.close();
            return new Result(null, 0, List.of(), "not an EDIFACT interchange: " + e.getMessage(), null);
        }
        try (in; reader) {
            InterchangeHeader h = reader.header();
            List<SyntaxError> errors = addressErrors(h);
            String failure = null;
            String firstType = null;
            try {
                EdifactMessage m;
                do {
                    m = reader.next();
                    if (m != null && firstType == null) {
                        firstType = m.type();
                    }
                } while (m != null);
            } catch (EdifactFormatException e) {
                failure = e.getMessage();
                boolean missing = SyntaxErrorCode.MISSING.code().equals(e.code());
                errors.add(new SyntaxError(e.code(), 0, missing ? "UNZ" : null, 0, 0, e.getMessage()));
            }
            errors.addAll(reader.interchangeErrors());
            return new Result(h, reader.messageCount(), errors, failure, firstType);
        }
    }
}
