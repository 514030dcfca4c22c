package org.edibatch.signature.internal;

import org.edibatch.signature.TrustStoreException;

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

/**
 * Reads every certificate or CRL file in a folder; CertificateFactory accepts PEM and DER alike. A file that
 * holds none is refused rather than skipped: skipping a corrupt anchor or CRL would refuse every sender it
 * vouches for as untrusted, answering them for the installation's fault.
 */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    public static List<X509Certificate> certificates(Path dir) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path file : files(dir, "trust anchor")) {
            int before = out.size();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                for (var c : factory().generateCertificates(in)) {
                    out.add((X509Certificate) c);
                }
            } catch (GeneralSecurityException e) {
                throw new TrustStoreException("trust anchor file " + file + " is not a certificate (PEM or DER): "
                        + e.getMessage(), e);
            }
            if (out.size() == before) {
                throw new TrustStoreException("trust anchor file " + file + " holds no certificate");
            }
        }
        return out;
    }

    public static List<X509CRL> crls(Path dir) throws IOException {
        List<X509CRL> out = new ArrayList<>();
        for (Path file : files(dir, "CRL")) {
            int before = out.size();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                for (var c : factory().generateCRLs(in)) {
                    out.add((X509CRL) c);
                }
            } catch (GeneralSecurityException e) {
                throw new TrustStoreException("CRL file " + file + " is not a CRL (PEM or DER): " + e.getMessage(), e);
            }
            if (out.size() == before) {
                throw new TrustStoreException("CRL file " + file + " holds no CRL");
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

    private static List<Path> files(Path dir, String what) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new TrustStoreException(what + " folder " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
