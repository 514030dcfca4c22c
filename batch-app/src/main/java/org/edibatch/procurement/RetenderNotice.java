package org.edibatch.procurement;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The re-tender (재공고) of a failed tender: the same agency, title, kind, base amount and range, a new id and a
 * new deadline, written as an unsigned tender notice (tender.xsd) for the agency to sign and publish. Everything
 * derives from the failed tender and the time its opening recorded, so a rewrite gives the same bytes. No draw
 * seed: a public notice never carries one, the loader draws a fresh one.
 */
public final class RetenderNotice {

    /** The longest tender id tender.xsd allows. */
    public static final int MAX_ID = 35;
    private static final Pattern RETENDERED = Pattern.compile("(.+)-R([1-9][0-9]{0,3})");
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** What the failed tender fixed, and when its opening was recorded. */
    public record Failed(String tenderId, String agencyId, String title, String contractKind, BigDecimal baseAmount,
                         BigDecimal rangePct, Instant bidDeadline, Instant openingTime, Instant openedAt) {
    }

    public record Notice(String tenderId, LocalDate issueDate, String agencyId, String title, String contractKind,
                         BigDecimal baseAmount, BigDecimal rangePct, Instant bidDeadline, Instant openingTime) {
    }

    private RetenderNotice() {
    }

    /**
     * T-1 becomes T-1-R1, T-1-R1 becomes T-1-R2; the original part is cut from the right when the suffix would
     * make the id longer than tender.xsd allows (a clash with an existing id is then refused at loading, T02).
     */
    public static String nextId(String tenderId) {
        Matcher m = RETENDERED.matcher(tenderId);
        String base = tenderId;
        int n = 1;
        if (m.matches()) {
            base = m.group(1);
            n = Integer.parseInt(m.group(2)) + 1;
        }
        String suffix = "-R" + n;
        if (base.length() + suffix.length() > MAX_ID) {
            base = base.substring(0, MAX_ID - suffix.length());
        }
        return base + suffix;
    }

    /**
     * Deadline = the recorded opening time of the failed tender plus the re-tender period, cut to the minute;
     * the opening follows the deadline by the same interval as in the failed tender; issued on the opening day.
     */
    public static Notice of(Failed f, Duration period, ZoneId zone) {
        Instant deadline = f.openedAt().plus(period).truncatedTo(ChronoUnit.MINUTES);
        Instant opening = deadline.plus(Duration.between(f.bidDeadline(), f.openingTime()));
        return new Notice(nextId(f.tenderId()), LocalDate.ofInstant(f.openedAt(), zone), f.agencyId(), f.title(),
                f.contractKind(), f.baseAmount(), f.rangePct(), deadline, opening);
    }

    public static void write(OutputStream out, Notice n, ZoneId zone) throws IOException {
        try (XmlOut x = new XmlOut(out, "CallForTenders")) {
            x.el("ID", n.tenderId());
            x.el("IssueDate", n.issueDate().toString());
            x.el("ContractingPartyID", n.agencyId());
            x.el("Title", n.title());
            x.el("ContractKind", n.contractKind());
            x.el("BaseAmount", n.baseAmount().toPlainString(), "currencyID", "KRW");
            x.el("PreliminaryPriceRangePercent", n.rangePct().stripTrailingZeros().toPlainString());
            x.el("BidDeadline", OFFSET_TIME.format(n.bidDeadline().atZone(zone).toOffsetDateTime()));
            x.el("OpeningTime", OFFSET_TIME.format(n.openingTime().atZone(zone).toOffsetDateTime()));
        }
    }
}
