package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.xml.XmlDeclarationItem;

import java.util.List;

/**
 * One message read from a claimed file, with where it came from: an EDIFACT message, or one declaration of
 * an XML batch. Exactly one of {@code message} and {@code xml} is set; after the processor both formats are
 * handled by the same code.
 */
public record MessageItem(long fileId, String fileName, String sender, EdifactMessage message, XmlDeclarationItem xml,
                          Envelope envelope, String typeIdentifier) {

    /** @param typeIdentifier see {@link #typeIdentifier()}: built once here, as the writer and the answers each need it */
    public MessageItem(long fileId, String fileName, String sender, EdifactMessage message, XmlDeclarationItem xml,
                       Envelope envelope) {
        this(fileId, fileName, sender, message, xml, envelope,
                message != null ? message.typeIdentifier() : "XML:" + xml.kind());
    }

    /**
     * What answering an EDIFACT file needs besides its messages, as the claim step recorded it: the file's
     * SHA-256 (answer control references derive from it), the UNB sender, recipient and control reference, the
     * number of messages (the last one completes the file), the syntax to answer in and whether the sender wants
     * a CONTRL when everything was accepted; when the file was received (its declarations' acceptance date).
     */
    public record Envelope(String fileSha, String sender, String recipient, String controlRef, int messageCount,
                           org.edibatch.edifact.Syntax answerSyntax, boolean positiveContrl,
                           java.time.Instant receivedAt, String senderQualifier, String recipientQualifier) {
    }

    public static MessageItem edifact(long fileId, String fileName, String sender, EdifactMessage m, Envelope envelope) {
        return new MessageItem(fileId, fileName, sender, m, null, envelope);
    }

    public static MessageItem xml(long fileId, String fileName, String sender, XmlDeclarationItem x) {
        return new MessageItem(fileId, fileName, sender, null, x, null);
    }

    public int index() {
        return message != null ? message.index() : xml.index();
    }

    /** UNH reference, or the 1-based position of the declaration in its XML batch. */
    public String reference() {
        return message != null ? message.reference() : Integer.toString(xml.index() + 1);
    }

    /** The message type identifier (CUSDEC:D:96B:UN), or XML: and the declaration kind. */
    @Override
    public String typeIdentifier() {
        return typeIdentifier;
    }

    /** EDIFACT syntax errors (answered by CONTRL); XML schema errors are answered per declaration instead. */
    public List<SyntaxError> syntaxErrors() {
        return message != null ? message.errors() : List.of();
    }

    /** Segments not validated because the message had reached its bound of syntax errors. */
    public int uncheckedSegments() {
        return message != null ? message.uncheckedSegments() : 0;
    }

    public String kind() {
        return xml != null ? xml.kind() : "IMPORT";
    }
}
