package org.edibatch.decision;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationMapper;
import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.intake.FileDigest;
import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A declaration read back from the file it came in, as the customs step read it: the items a reassessment corrects
 * are stored nowhere else. The file is the archived one (a .p7m's content is taken from its SignedData) or, while
 * its run is still going, the work copy; its SHA-256 must still be the one recorded at intake.
 */
public final class StoredMessages {

    /**
     * Where a decided message is.
     *
     * @param path     the archived file, or the work copy before its run finished
     * @param attached the file on disk is a .p7m wrapping the content
     * @param sha256   the SHA-256 recorded at intake of the file as it is on disk
     */
    public record Location(long fileId, int msgIndex, String sender, String format, Path path, boolean attached,
                           String sha256) {
        boolean xml() {
            return "XML".equals(format);
        }
    }

    /** The declaration could not be read back: its file is missing, changed or unreadable. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private final DeclarationMapper mapper = new DeclarationMapper();

    /** The declaration and whether it is an export (XML declarations of kind EXPORT). */
    public record Read(Declaration declaration, boolean export) {
    }

    public Read read(Location where) throws Unreadable {
        Path p = where.path();
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new Unreadable("file " + where.fileId() + " is missing at " + p);
        }
        try {
            if (where.sha256() != null && !where.sha256().equals(FileDigest.sha256(p))) {
                throw new Unreadable("file " + where.fileId() + " at " + p + " differs from what was received");
            }
            try (InputStream file = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
                 InputStream in = where.attached() ? content(file) : file) {
                return where.xml() ? xml(in, where) : edifact(in, where);
            }
        } catch (IOException | EdifactFormatException | CMSException | OperatorCreationException e) {
            throw new Unreadable("file " + where.fileId() + " at " + p + " cannot be read: " + e.getMessage());
        }
    }

    private static InputStream content(InputStream p7m) throws CMSException, OperatorCreationException {
        CMSTypedStream signed = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), p7m)
                .getSignedContent();
        if (signed == null) {
            throw new CMSException("no encapsulated content");
        }
        return signed.getContentStream();
    }

    private Read edifact(InputStream in, Location where) throws EdifactFormatException, IOException, Unreadable {
        try (InterchangeReader reader = InterchangeReader.inbound(in, true)) {
            for (EdifactMessage m = reader.next(); m != null; m = reader.next()) {
                if (m.index() == where.msgIndex()) {
                    return new Read(mapper.map(where.sender(), m).declaration(), false);
                }
            }
        }
        throw new Unreadable("file " + where.fileId() + " has no message " + where.msgIndex());
    }

    private static Read xml(InputStream in, Location where) throws IOException, Unreadable {
        try (XmlDeclarationReader reader = XmlDeclarationReader.open(in, XmlLimits.defaults())) {
            if (reader.skip(where.msgIndex()) == where.msgIndex()) {
                XmlDeclarationItem x = reader.next();
                if (x != null) {
                    return new Read(x.declaration(), XmlDeclarationItem.EXPORT.equals(x.kind()));
                }
            }
        }
        throw new Unreadable("file " + where.fileId() + " has no declaration " + where.msgIndex());
    }
}
