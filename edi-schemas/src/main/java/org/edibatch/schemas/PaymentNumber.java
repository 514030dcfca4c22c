package org.edibatch.schemas;

import java.util.Optional;

/**
 * The electronic payment number of an accepted declaration: 19 digits, the claimed file id of the declaration's
 * original (10 digits), its message index in that file (7 digits) and an ISO 7064 MOD 97-10 check pair (2 digits),
 * so a bank's mistyped or transposed digit is refused rather than matched to another importer's tax.
 *
 * <p>Derived from the original's identity rather than from a sequence, so a resumed run issues the numbers an
 * uninterrupted one does, and the same number stays with the declaration through its replacements. It lives here
 * because the answers' writer, the banks' readers and the sample generators all need the one format.
 */
public final class PaymentNumber {

    public static final int LENGTH = 19;
    private static final long MAX_FILE_ID = 9_999_999_999L;
    private static final int MAX_MESSAGE_INDEX = 9_999_999;

    /** The declaration a payment number designates: its original's file id and message index. */
    public record Key(long fileId, int messageIndex) {
    }

    private PaymentNumber() {
    }

    /** The number of the declaration whose original is message {@code messageIndex} of file {@code fileId}. */
    public static String of(long fileId, int messageIndex) {
        if (fileId < 0 || fileId > MAX_FILE_ID || messageIndex < 0 || messageIndex > MAX_MESSAGE_INDEX) {
            throw new IllegalArgumentException("no payment number for file " + fileId + " message " + messageIndex);
        }
        String body = pad(Long.toString(fileId), 10) + pad(Integer.toString(messageIndex), 7);
        return body + pad(Integer.toString(checkPair(body)), 2);
    }

    /** The declaration designated by {@code text}, or empty when it is not 19 digits with a valid check pair. */
    public static Optional<Key> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        String body = text.substring(0, 17);
        if (checkPair(body) != Integer.parseInt(text.substring(17))) {
            return Optional.empty();
        }
        return Optional.of(new Key(Long.parseLong(body.substring(0, 10)), Integer.parseInt(body.substring(10))));
    }

    /** ISO 7064 MOD 97-10: the pair that makes body + pair leave 1 when divided by 97 (as in IBANs). */
    static int checkPair(String digits) {
        int r = 0;
        for (int i = 0; i < digits.length(); i++) {
            r = (r * 10 + (digits.charAt(i) - '0')) % 97;
        }
        r = (r * 100) % 97;
        return 98 - r;
    }

    private static String pad(String digits, int width) {
        return "0".repeat(width - digits.length()) + digits;
    }
}
