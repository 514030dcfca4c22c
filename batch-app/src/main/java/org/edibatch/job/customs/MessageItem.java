package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactMessage;

/** One message read from a claimed file, with where it came from. */
public record MessageItem(long fileId, String fileName, String sender, EdifactMessage message) {
}
