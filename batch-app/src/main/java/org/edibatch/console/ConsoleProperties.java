package org.edibatch.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's settings ({@code edibatch.console.*}). Paths left out default under {@code edibatch.home}:
 * {@code pki/officers/...}, where {@code pki init HOME/pki} writes them.
 *
 * @param address     the address to listen on; default 127.0.0.1 (only this machine)
 * @param port        the HTTPS port; default 8443 (0: any free port)
 * @param keyStore    the server's PKCS#12 key and certificate; default HOME/pki/officers/server.p12
 * @param keyStorePassword its password; default the demo PKI's
 * @param anchors     folder of the officers' trust anchors; default HOME/pki/officers/trust
 * @param crls        folder of their CRLs; default HOME/pki/officers/crl
 * @param pageSize    rows per page of the queue and the exceptions; default 50
 * @param crlReload   how often the CRL folder is read again; default 5 minutes
 */
@ConfigurationProperties(prefix = "edibatch.console")
public record ConsoleProperties(String address, Integer port, Path keyStore, String keyStorePassword, Path anchors,
                                Path crls, Integer pageSize, Duration crlReload) {

    public ConsoleProperties {
        address = address == null ? "127.0.0.1" : address;
        port = port == null ? 8443 : port;
        keyStorePassword = keyStorePassword == null ? "changeit" : keyStorePassword;
        pageSize = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 500));
        crlReload = crlReload == null || crlReload.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofMinutes(5)
                : crlReload;
    }

    Path keyStoreUnder(Path home) {
        return keyStore != null ? keyStore : home.resolve("pki/officers/server.p12");
    }

    Path anchorsUnder(Path home) {
        return anchors != null ? anchors : home.resolve("pki/officers/trust");
    }

    Path crlsUnder(Path home) {
        return crls != null ? crls : home.resolve("pki/officers/crl");
    }
}
