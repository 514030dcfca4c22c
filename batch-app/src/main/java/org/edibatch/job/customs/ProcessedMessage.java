package org.edibatch.job.customs;

import org.edibatch.customs.DeclarationOutcome;

/** A message and the customs decision on it; outcome is null when the message failed syntax (CONTRL only). */
public record ProcessedMessage(MessageItem item, DeclarationOutcome outcome) {
}
