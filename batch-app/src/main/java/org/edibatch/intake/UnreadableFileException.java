package org.edibatch.intake;

import java.io.IOException;

/** A delivered file that could not be opened or read: that file's fault, refused as UNREADABLE. */
public final class UnreadableFileException extends IOException {
    public UnreadableFileException(IOException cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
}
