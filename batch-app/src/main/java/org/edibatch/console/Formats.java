package org.edibatch.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the pages show times, ages and amounts: in the office's zone, ages from the console's clock. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;
    private final Instant now;

    public Formats(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    public String zone() {
        return zone.getId();
    }

    /** Whole days and hours since {@code t} ("3 d 4 h", "5 h", "under 1 h"). */
    public String age(Instant t) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(t, now);
        if (d.isNegative() || d.toHours() == 0) {
            return "under 1 h";
        }
        long days = d.toDays();
        long hours = d.minusDays(days).toHours();
        return days == 0 ? hours + " h" : days + " d " + hours + " h";
    }

    public String amount(BigDecimal v) {
        return v == null ? "" : String.format("%,.2f", v).replaceAll("\\.00$", "");
    }
}
