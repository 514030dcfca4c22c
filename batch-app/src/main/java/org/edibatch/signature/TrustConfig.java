package org.edibatch.signature;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where trust comes from.
 *
 * @param anchorsDir folder of trusted root CA certificates (PEM or DER, one or more per file)
 * @param crlDir     folder of CRLs (PEM or DER); every non-anchor certificate needs one from its issuer
 */
public record TrustConfig(Path anchorsDir, Path crlDir) {
    public TrustConfig {
        Objects.requireNonNull(anchorsDir, "anchorsDir");
        Objects.requireNonNull(crlDir, "crlDir");
    }
}
