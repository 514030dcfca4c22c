package org.edibatch.cli;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.schemas.ReferenceFiles;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import org.edibatch.signature.DemoPki;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the demo PKI commands work with, without Spring or the database: the registered parties and the
 * signing of sample files.
 */
public final class PkiCommands {

    private PkiCommands() {
    }

    /** The demo PKI's alias of the agencies' encryption key: bidders seal to its certificate, the opening job opens. */
    public static final String AGENCY_ENCRYPTION = "agency-encryption";

    /**
     * A credential per registered party: the party registry (brokers on EC P-256, importers on RSA), the vendors
     * (RSA; their alias is the vendor id), the contracting agencies (RSA signing keys, alias the agency id) and
     * one encryption key for the agencies' sealed bids ({@link #AGENCY_ENCRYPTION}).
     */
    public static List<DemoPki.Party> registryParties() {
        List<DemoPki.Party> parties = new ArrayList<>();
        for (var row : ReferenceFiles.load("parties").rows()) {
            parties.add(new DemoPki.Party(row.get("edi_id"), row.get("brn"),
                    "BROKER".equals(row.get("role")) ? DemoPki.KeyType.EC : DemoPki.KeyType.RSA));
        }
        for (var row : ReferenceFiles.load("vendors").rows()) {
            parties.add(new DemoPki.Party(row.get("vendor_id"), row.get("brn"), DemoPki.KeyType.RSA));
        }
        for (var row : ReferenceFiles.load("agencies").rows()) {
            parties.add(new DemoPki.Party(row.get("agency_id"), row.get("brn"), DemoPki.KeyType.RSA));
        }
        parties.add(new DemoPki.Party(AGENCY_ENCRYPTION, "9000000010", DemoPki.KeyType.RSA, true));
        return parties;
    }

    /**
     * Copies every file of {@code source} to {@code target} and signs it (detached NAME.p7s) with the demo
     * credential of its sender (UNB, or the XML batch header); files whose sender has no credential, or that are
     * neither EDIFACT nor XML, are copied unsigned (they make the unsigned samples). Signature files are written
     * before the content they sign, so a run claiming the inbox meanwhile never sees the content without its
     * signature. Files are signed on every
     * core, and each sender's key store is opened once: opening a PKCS#12 store costs more than signing a file.
     */
    public static int signSamples(Path pkiDir, Path source, Path target) throws IOException, GeneralSecurityException {
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(source)) {
            for (Path file : ds) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        Map<String, Optional<Credential>> credentials = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (Path file : files) {
                done.add(pool.submit(() -> signSample(file, target, pkiDir, credentials)));
            }
            int signed = 0;
            for (Future<Boolean> f : done) {
                signed += f.get() ? 1 : 0;
            }
            return signed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof GeneralSecurityException gs) {
                throw gs;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean signSample(Path file, Path target, Path pkiDir, Map<String, Optional<Credential>> credentials)
            throws IOException, GeneralSecurityException {
        String sender = sender(file);
        Optional<Credential> credential = sender == null ? Optional.empty() : credentials.computeIfAbsent(sender, s -> {
            Path p12 = pkiDir.resolve("parties").resolve(s + ".p12");
            try {
                return Files.exists(p12) ? Optional.of(Credential.fromPkcs12(p12, DemoPki.PASSWORD.toCharArray()))
                        : Optional.empty();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot open " + p12 + ": " + e.getMessage(), e);
            }
        });
        Path staged = Files.createTempFile(target, ".stage", ".tmp");
        Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
        if (credential.isPresent()) {
            Path p7s = target.resolve(file.getFileName() + ".p7s");
            Path stagedSig = Files.createTempFile(target, ".stage", ".tmp");
            new CmsSigner().sign(staged, stagedSig, credential.get(), true);
            Files.move(stagedSig, p7s, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return credential.isPresent();
    }

    private static String sender(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            if (first == '<' || first == 0xEF) {
                try (InputStream again = Files.newInputStream(file);
                     XmlDeclarationReader x = XmlDeclarationReader.openUnvalidated(again, XmlLimits.defaults())) {
                    if (x.header() != null && x.header().senderId() != null) {
                        return x.header().senderId();
                    }
                }
                // a bank's camt.054: the account servicer of its notifications is the bank that signs it
                try (InputStream again = Files.newInputStream(file);
                     Camt054Reader c = Camt054Reader.openUnvalidated(again, XmlLimits.defaults())) {
                    return c.header().servicerId();
                }
            }
        }
        try (InputStream in = Files.newInputStream(file); InterchangeReader r = InterchangeReader.open(in, false)) {
            return r.header().sender();
        } catch (EdifactFormatException e) {
            return null;
        }
    }
}
