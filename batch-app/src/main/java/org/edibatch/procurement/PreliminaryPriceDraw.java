package org.edibatch.procurement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The 15 preliminary prices (복수예비가격), drawn so that anyone holding the recorded seed can replay the draw.
 *
 * <p>Range [base x (1 - r), base x (1 + r)] with r = 2% or 3%, cut into 15 equal bands; band i (1..15) gets
 * the point low + span x (i - 1 + u_i) / 15 where span = base x 2r and u_i in [0, 1) is the first 8 bytes
 * (big-endian, unsigned) of SHA-256(UTF-8 "seed|tenderId|i") divided by 2^64. The point is computed exactly and
 * rounded once, half up, to whole won. Hashing the tender id in means one seed reused across tenders still
 * gives unrelated draws.
 */
public final class PreliminaryPriceDraw {

    public static final int BANDS = 15;
    private static final BigDecimal TWO_POW_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

    private PreliminaryPriceDraw() {
    }

    public static List<BigDecimal> draw(String seed, String tenderId, BigDecimal base, BigDecimal rangePct) {
        BigDecimal r = rangePct.movePointLeft(2);
        BigDecimal low = base.multiply(BigDecimal.ONE.subtract(r));
        BigDecimal span = base.multiply(r).multiply(BigDecimal.valueOf(2));
        BigDecimal bands = BigDecimal.valueOf(BANDS);
        List<BigDecimal> prices = new ArrayList<>(BANDS);
        for (int band = 1; band <= BANDS; band++) {
            BigDecimal position = BigDecimal.valueOf(band - 1L).add(unit(seed, tenderId, band));
            BigDecimal numerator = low.multiply(bands).add(span.multiply(position));
            prices.add(numerator.divide(bands, 0, RoundingMode.HALF_UP));
        }
        return List.copyOf(prices);
    }

    /** u in [0, 1): exact, since 2^-64 has a finite decimal expansion. */
    static BigDecimal unit(String seed, String tenderId, int band) {
        byte[] h = sha256((seed + "|" + tenderId + "|" + band).getBytes(StandardCharsets.UTF_8));
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < 8; i++) {
            v = v.shiftLeft(8).or(BigInteger.valueOf(h[i] & 0xFF));
        }
        return new BigDecimal(v).divide(TWO_POW_64);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
