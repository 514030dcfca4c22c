package org.edibatch.ack;

import org.edibatch.edifact.EdifactWriter;

import static org.edibatch.edifact.EdifactWriter.c;
import org.edibatch.edifact.SyntaxError;

import java.io.IOException;
import java.util.List;

/**
 * Builds the CONTRL for one inbound interchange: UCI for the interchange (action 4 rejected with the
 * envelope error, or 7 acknowledged), then one UCM per message (7, or 4 with UCS/UCD for each error).
 * Errors in UNH/UNT go on the UCM itself with the service segment tag, as the syntax rules say.
 */
public final class ContrlBuilder {

    /**
     * The interchange being answered. {@code error} is null when it was accepted; the qualifiers (UNB 0007) are
     * echoed with the identifications in UCI, null when the sender wrote none.
     */
    public record Interchange(String controlRef, String sender, String senderQualifier, String recipient,
                              String recipientQualifier, SyntaxError error) {

        public Interchange(String controlRef, String sender, String recipient, SyntaxError error) {
            this(controlRef, sender, null, recipient, null, error);
        }
    }

    /** A message being answered, with its type identifier (e.g. CUSDEC:D:96B:UN) and syntax errors. */
    public record Message(String reference, String typeIdentifier, List<SyntaxError> errors) {
    }

    private ContrlBuilder() {
    }

    public static void write(EdifactWriter w, String messageRef, Interchange ic, List<Message> messages)
            throws IOException {
        start(w, messageRef, ic);
        if (ic.error() == null) {
            for (Message m : messages) {
                message(w, m);
            }
        }
        end(w);
    }

    /** UNH and UCI; then, for an accepted interchange, {@link #message} per message, then {@link #end}. */
    public static void start(EdifactWriter w, String messageRef, Interchange ic) throws IOException {
        // The UN service message's identifier for the syntax version written: CONTRL 2:2 under version 3, 4:1
        // under version 4 (the D96B directory holds no CONTRL of its own)
        if ("4".equals(w.syntax().version())) {
            w.startMessage(messageRef, "CONTRL", "4", "1", "UN");
        } else {
            w.startMessage(messageRef, "CONTRL", "2", "2", "UN");
        }
        String ref = fit(ic.controlRef(), 14);
        // S002/S003 as the sender wrote them: identification an..35 and its code qualifier 0007 an..4
        EdifactWriter.Composite sender = c(fit(ic.sender(), 35), fit(ic.senderQualifier(), 4));
        EdifactWriter.Composite recipient = c(fit(ic.recipient(), 35), fit(ic.recipientQualifier(), 4));
        if (ic.error() != null) {
            SyntaxError e = ic.error();
            w.segment("UCI", ref, sender, recipient, "4", e.code(),
                    e.segmentTag(), e.elementPosition() > 0 ? s011(e) : null);
        } else {
            w.segment("UCI", ref, sender, recipient, "7");
        }
    }

    public static void end(EdifactWriter w) throws IOException {
        w.endMessage();
    }

    public static void message(EdifactWriter w, Message m) throws IOException {
        EdifactWriter.Composite type = typeComposite(m.typeIdentifier());
        String reference = fit(m.reference(), 14);
        if (m.errors().isEmpty()) {
            w.segment("UCM", reference, type, "7");
            return;
        }
        SyntaxError service = null;
        for (SyntaxError e : m.errors()) {
            if ("UNH".equals(e.segmentTag()) || "UNT".equals(e.segmentTag())) {
                service = e;
                break;
            }
        }
        if (service != null) {
            w.segment("UCM", reference, type, "4", service.code(), service.segmentTag(),
                    service.elementPosition() > 0 ? s011(service) : null);
        } else {
            w.segment("UCM", reference, type, "4");
        }
        int currentSegment = -1;
        for (SyntaxError e : m.errors()) {
            if (e == service) {
                continue;
            }
            if (e.isSegmentLevel()) {
                w.segment("UCS", Integer.toString(e.segmentPosition()), e.code());
                currentSegment = e.segmentPosition();
                continue;
            }
            if (e.segmentPosition() != currentSegment) {
                w.segment("UCS", Integer.toString(e.segmentPosition()));
                currentSegment = e.segmentPosition();
            }
            w.segment("UCD", e.code(), s011(e));
        }
    }

    /**
     * S009 from a type identifier; the few identifiers a night holds are split once, not once per message (a
     * sender's made-up types are split each time, so the cache stays small).
     */
    private static EdifactWriter.Composite typeComposite(String typeIdentifier) {
        EdifactWriter.Composite type = TYPES.get(typeIdentifier);
        if (type == null) {
            String[] parts = typeIdentifier.split(":", -1);
            String[] fitted = new String[Math.min(parts.length, S009_LENGTHS.length)];
            for (int i = 0; i < fitted.length; i++) {
                fitted[i] = fit(parts[i], S009_LENGTHS[i]);
            }
            type = c(fitted);
            if (TYPES.size() < 64) {
                TYPES.putIfAbsent(typeIdentifier, type);
            }
        }
        return type;
    }

    private static final java.util.concurrent.ConcurrentMap<String, EdifactWriter.Composite> TYPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Maximum lengths of S009's components: 0065 an..6, 0052 an..3, 0054 an..3, 0051 an..2, 0057 an..6. */
    private static final int[] S009_LENGTHS = {6, 3, 3, 2, 6};

    /**
     * What a sender wrote, echoed within the length the syntax gives the element it is echoed in (0020 and 0062
     * an..14, identifications an..35): a value too long was already reported as such (code 39), and an answer
     * that breaks the syntax itself is refused by the sender's translator before anyone reads why.
     */
    public static String fit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static EdifactWriter.Composite s011(SyntaxError e) {
        return c(Integer.toString(e.elementPosition()),
                e.componentPosition() > 0 ? Integer.toString(e.componentPosition()) : null);
    }
}
