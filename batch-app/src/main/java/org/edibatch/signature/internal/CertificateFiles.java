package org.edibatch.signature.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every certificate or CRL file in a folder; CertificateFactory accepts PEM and DER alike. */
public final class CertificateFiles {

    private static final System.Logger LOG = System.getLogger(CertificateFiles.class.getName());

    private CertificateFiles() {
    }

    public static List<X509Certificate> certificates(Path dir) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path file : files(dir)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                for (var c : factory().generateCertificates(in)) {
                    out.add((X509Certificate) c);
                }
            } catch (GeneralSecurityException e) {
                // A stray non-certificate file must not take the whole trust store down; it simply adds no anchor.
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable certificate file " + file, e);
            }
        }
        return out;
    }

    public static List<X509CRL> crls(Path dir) throws IOException {
        List<X509CRL> out = new ArrayList<>();
        for (Path file : files(dir)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                for (var c : factory().generateCRLs(in)) {
                    out.add((X509CRL) c);
                }
            } catch (GeneralSecurityException e) {
                // Ignoring is safe: a certificate without a usable CRL ends as REVOCATION_UNKNOWN.
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable CRL file " + file, e);
            }
        }
        return out;
    }

    public static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X.509 support missing from the JDK", e);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
