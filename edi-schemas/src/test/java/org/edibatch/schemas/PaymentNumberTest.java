package org.edibatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PaymentNumberTest {

    @Test
    void numberIsFileIdMessageIndexAndAMod97CheckPair() {
        String n = PaymentNumber.of(42, 7);
        assertThat(n).hasSize(19).startsWith("00000000420000007");
        // ISO 7064 MOD 97-10: the whole number leaves 1 when divided by 97
        assertThat(new BigInteger(n).mod(BigInteger.valueOf(97))).isEqualTo(BigInteger.ONE);
        assertThat(PaymentNumber.parse(n)).contains(new PaymentNumber.Key(42, 7));
    }

    @Test
    void everySingleDigitChangeAndAdjacentSwapIsRefused() {
        String n = PaymentNumber.of(1_234_567_890L, 1_234_567);
        for (int i = 0; i < n.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != n.charAt(i)) {
                    String typo = n.substring(0, i) + d + n.substring(i + 1);
                    assertThat(PaymentNumber.parse(typo)).as(typo).isEmpty();
                }
            }
            if (i + 1 < n.length() && n.charAt(i) != n.charAt(i + 1)) {
                String swap = n.substring(0, i) + n.charAt(i + 1) + n.charAt(i) + n.substring(i + 2);
                assertThat(PaymentNumber.parse(swap)).as(swap).isEmpty();
            }
        }
    }

    @Test
    void malformedTextIsRefused() {
        assertThat(PaymentNumber.parse(null)).isEmpty();
        assertThat(PaymentNumber.parse("")).isEmpty();
        assertThat(PaymentNumber.parse(PaymentNumber.of(1, 1) + "0")).isEmpty();
        assertThat(PaymentNumber.parse("00000000010000001x1")).isEmpty();
        assertThatThrownBy(() -> PaymentNumber.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentNumber.of(1, 10_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
