package org.edibatch.edifact;

/** What the UNB segment of an interchange says. */
public record InterchangeHeader(String syntaxIdentifier, String syntaxVersion, String sender, String senderQualifier,
                                String recipient, String recipientQualifier, String preparationDate,
                                String preparationTime, String controlReference) {
}
