package org.edibatch.xml;

/**
 * The envelope of an XML batch, the twin of UNB: who sent it, to whom, under which control reference.
 *
 * @param issueDateTime as sent (xs:dateTime), null when absent
 */
public record XmlBatchHeader(String senderId, String recipientId, String batchId, String issueDateTime) {
}
