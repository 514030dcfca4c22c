package org.edibatch.xml;

/**
 * The envelope of an XML batch, the twin of UNB: who sent it, to whom, under which control reference.
 *
 * @param issueDateTime as sent (xs:dateTime), null when absent
 * @param version       the declaration format's version its namespace names (1 or 2); its answer is in the same
 */
public record XmlBatchHeader(String senderId, String recipientId, String batchId, String issueDateTime, int version) {

    public XmlBatchHeader(String senderId, String recipientId, String batchId, String issueDateTime) {
        this(senderId, recipientId, batchId, issueDateTime, 1);
    }
}
