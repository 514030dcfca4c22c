package org.edibatch.signature;

import java.io.IOException;

/**
 * The trust store cannot be built as configured (a folder missing, a file that is not a certificate or CRL):
 * a fault of the installation, never a sender's, so it stops a run before any file is judged by it.
 */
public class TrustStoreException extends IOException {

    public TrustStoreException(String message) {
        super(message);
    }

    public TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
