package org.edibatch.procurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reserve price (예정가격): the average of the four most-picked preliminary prices.
 *
 * <p>Numbers are ordered by pick count (descending), ties broken by the lower band number; the first four are
 * chosen. With fewer than four picked numbers (few bids, or none) the order therefore continues with the
 * unpicked numbers by band order, so a tender without any bid still has a reserve price. The average is
 * truncated to whole won (원 미만 절사), as the sum of four whole-won prices divided by 4.
 *
 * @param pickCounts  picks per band, index 0 = band 1
 * @param chosenBands the four bands averaged, in choice order
 */
public record ReservePrice(List<Integer> pickCounts, List<Integer> chosenBands, BigDecimal amount) {

    public static final int AVERAGED = 4;

    public ReservePrice {
        pickCounts = List.copyOf(pickCounts);
        chosenBands = List.copyOf(chosenBands);
    }

    /** @param picks the two numbers of every bid that counts (opened, accepted at intake) */
    public static ReservePrice of(List<BigDecimal> prices, List<int[]> picks) {
        if (prices.size() != PreliminaryPriceDraw.BANDS) {
            throw new IllegalArgumentException("expected " + PreliminaryPriceDraw.BANDS + " prices");
        }
        int[] counts = new int[PreliminaryPriceDraw.BANDS];
        for (int[] pair : picks) {
            for (int n : pair) {
                counts[n - 1]++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int band = 1; band <= PreliminaryPriceDraw.BANDS; band++) {
            order.add(band);
        }
        order.sort(Comparator.<Integer>comparingInt(b -> -counts[b - 1]).thenComparingInt(b -> b));
        List<Integer> chosen = order.subList(0, AVERAGED);
        BigDecimal sum = chosen.stream().map(b -> prices.get(b - 1)).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Integer> countList = new ArrayList<>();
        for (int c : counts) {
            countList.add(c);
        }
        return new ReservePrice(countList, chosen,
                sum.divide(BigDecimal.valueOf(AVERAGED), 0, RoundingMode.DOWN));
    }
}
