package org.edibatch.edifact;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The message references (UNH 0062) an interchange has used so far, to find one used twice. It lives as long
 * as its interchange is read, which may be a million messages: references are almost always the numbers 1, 2,
 * 3..., so those are kept as bits (1 MB for 8 million of them) instead of a hash set of strings (~100 bytes
 * each). Anything else (letters, leading zeros, larger numbers) is kept as it is, so "01" and "1" stay
 * different references.
 */
final class MessageReferences {

    /** Numbers below this are bits: the set then takes at most 2 MB whatever the sender writes. */
    static final int DENSE_LIMIT = 1 << 24;

    private final BitSet numbers = new BitSet();
    private final Set<String> others = new HashSet<>();

    /** @return false when the reference was used before */
    boolean add(String reference) {
        int n = denseNumber(reference);
        if (n < 0) {
            return others.add(reference);
        }
        if (numbers.get(n)) {
            return false;
        }
        numbers.set(n);
        return true;
    }

    /** The value of a plain decimal number below {@link #DENSE_LIMIT} written without leading zeros, else -1. */
    static int denseNumber(String s) {
        int len = s.length();
        if (len == 0 || len > 8 || (len > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n < DENSE_LIMIT ? n : -1;
    }
}
