package org.edibatch.answer;

/** An answer file written to the sender of an inbound file, as the {@code answer} table records it. */
public record AnswerFile(long fileId, String kind, String recipient, String path, String sha256) {
}
