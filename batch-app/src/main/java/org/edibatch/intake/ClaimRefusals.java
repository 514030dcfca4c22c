package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The classes of delivery the claim refuses before reading anything of it as a message, each with its code (an
 * exception line of the FILE category and the quarantine's reason file carry it).
 */
public final class ClaimRefusals {

    /** A symbolic link: never followed, so what it points to is neither read nor archived. */
    public static final String SYMLINK = "SYMLINK";
    /** A directory: its contents are not read; it is quarantined whole. */
    public static final String DIRECTORY = "DIRECTORY";
    /** A device, pipe or socket: never opened (a pipe would block the claim). */
    public static final String SPECIAL_FILE = "SPECIAL_FILE";
    /** A file that could not be opened or read. */
    public static final String UNREADABLE = "UNREADABLE";
    /** Anything unexpected while claiming one file: that file is refused, the night goes on. */
    public static final String CLAIM_ERROR = "CLAIM_ERROR";

    private ClaimRefusals() {
    }

    /** A refusal: its code and the text the exception line and the reason file give. */
    public record Refusal(String code, String text) {
    }

    /** The refusal of a delivery that is not a regular file (or whose signature is not), else null. */
    /** A claimed delivery after the checks made before it is read: refused, or with its signature's result. */
    public record Screened(Refusal refusal, FileSignatureCheck.Result signature) {
    }

    /**
     * The checks of a delivery that is read whole, one at a time (tender notices, bids): not a regular file, a
     * signature alone, then its signature (an unreadable file is refused, not a fault).
     */
    public static Screened screen(WorkFolder.Unit unit, FileSignatureCheck signatures, EdiBatchProperties.Intake intake,
                                  java.time.Instant receivedAt) throws IOException {
        Refusal refusal = notAFile(unit);
        if (refusal == null && unit.role() != null) {
            refusal = signatureAlone(unit, intake);
        }
        if (refusal != null) {
            return new Screened(refusal, null);
        }
        try {
            return new Screened(null, signatures.check(unit, receivedAt));
        } catch (UnreadableFileException e) {
            return new Screened(new Refusal(UNREADABLE, "the file could not be read: " + e.getMessage()), null);
        }
    }

    public static Refusal notAFile(WorkFolder.Unit unit) throws IOException {
        Deliveries.Kind main = Deliveries.Kind.at(unit.current());
        boolean isMain = main != Deliveries.Kind.FILE;
        Deliveries.Kind kind = isMain ? main : Deliveries.Kind.at(unit.currentSignature() == null
                ? unit.current() : unit.currentSignature());
        if (kind == Deliveries.Kind.FILE || kind == null) {
            return null;
        }
        String what = isMain ? "the delivery" : "its signature file " + unit.name() + FileSignatureCheck.DETACHED;
        return switch (kind) {
            case LINK -> new Refusal(SYMLINK, what + " is a symbolic link (to "
                    + Files.readSymbolicLink(isMain ? unit.current() : unit.currentSignature())
                    + "): links are never followed");
            case DIRECTORY -> new Refusal(DIRECTORY, what + " is a directory: its contents were not read");
            default -> new Refusal(SPECIAL_FILE, what + " is not a regular file (a device, pipe or socket): "
                    + "it was not opened");
        };
    }

    /** The refusal of a signature file claimed on its own ({@link WorkFolder.Unit#role()} not null). */
    public static Refusal signatureAlone(WorkFolder.Unit unit, EdiBatchProperties.Intake intake) {
        String name = unit.name();
        String signed = name.substring(0, name.length() - FileSignatureCheck.DETACHED.length());
        if (Deliveries.SIGNATURE_BESIDE_P7M.equals(unit.role())) {
            return new Refusal(Deliveries.SIGNATURE_BESIDE_P7M, "a detached signature beside " + signed
                    + ", which carries its own signature: not an accepted form (the .p7m is decided on its own)");
        }
        return new Refusal(Deliveries.ORPHAN_SIGNATURE, "a signature file arrived without the file it signs ("
                + signed + ") and waited " + Deliveries.describe(intake.orphanGrace()) + " for it");
    }
}
