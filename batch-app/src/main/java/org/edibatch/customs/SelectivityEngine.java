package org.edibatch.customs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cargo selectivity: rule hits (rules are reference data) add up to a score that picks the channel; on top,
 * a deterministic random sample sends a share of otherwise non-red declarations to physical inspection. The
 * sample is a hash of the seed and the declaration's identity, so a rerun selects the same declarations.
 */
public final class SelectivityEngine {

    public record Settings(int yellowThreshold, int redThreshold, long seed, BigDecimal samplePercent) {
    }

    private final ReferenceData reference;
    private final Settings settings;
    private final BigDecimal sampleBasisPoints;
    /** One per instance (an engine serves one worker thread): getInstance looks the provider up on every call. */
    private final MessageDigest sha;
    private final Map<LocalDate, List<ReferenceData.SelectivityRule>> rulesByDay = new HashMap<>();
    /** The ratio of each unit-value rule, parsed once (rules are few). */
    private final Map<String, BigDecimal> ratios = new HashMap<>();

    public SelectivityEngine(ReferenceData reference, Settings settings) {
        this.reference = reference;
        this.settings = settings;
        this.sampleBasisPoints = settings.samplePercent().multiply(BigDecimal.valueOf(100));
        this.sha = CustomsRules.sha256();
    }

    public Selection select(Declaration d, Assessment assessment) {
        int score = 0;
        List<String> hits = new ArrayList<>();
        ReferenceData.Party importer = reference.partyByCustomsCode(d.importerCode()).orElse(null);
        for (ReferenceData.SelectivityRule rule : rulesOn(d.date())) {
            if (hit(rule, d, assessment, importer)) {
                score += rule.score();
                hits.add(rule.ruleId());
            }
        }
        Channel channel = score >= settings.redThreshold() ? Channel.RED
                : score >= settings.yellowThreshold() ? Channel.YELLOW : Channel.GREEN;
        if (channel != Channel.RED && sampled(d)) {
            channel = Channel.RED;
            hits.add("RANDOM");
        }
        return new Selection(channel, score, List.copyOf(hits));
    }

    /** The rules valid on a day, looked up once per day: a night's declarations share a few dates. */
    private List<ReferenceData.SelectivityRule> rulesOn(LocalDate day) {
        if (day == null) {
            return reference.selectivityRules(null);
        }
        List<ReferenceData.SelectivityRule> rules = rulesByDay.get(day);
        if (rules == null) {
            rules = reference.selectivityRules(day);
            if (rulesByDay.size() < 4096) {
                rulesByDay.put(day, rules);
            }
        }
        return rules;
    }

    private boolean hit(ReferenceData.SelectivityRule rule, Declaration d, Assessment a, ReferenceData.Party importer) {
        switch (rule.kind()) {
            case "HS_PREFIX":
                for (DeclarationItem i : d.items()) {
                    if (i.hsCode().startsWith(rule.value())) {
                        return true;
                    }
                }
                return false;
            case "ORIGIN":
                for (DeclarationItem i : d.items()) {
                    if (rule.value().equals(i.origin())) {
                        return true;
                    }
                }
                return false;
            case "IMPORTER_HISTORY":
                return importer != null && importer.poorHistory();
            case "UNIT_VALUE_BELOW_REF":
                return unitValueBelow(ratios.computeIfAbsent(rule.value(), BigDecimal::new), d, a);
            default:
                return false;
        }
    }

    private static DeclarationItem itemNo(Declaration d, int itemNo) {
        for (DeclarationItem i : d.items()) {
            if (i.itemNo() == itemNo) {
                return i;
            }
        }
        return null;
    }

    private boolean unitValueBelow(BigDecimal ratio, Declaration d, Assessment a) {
        for (Assessment.ItemAssessment ia : a.items()) {
            DeclarationItem item = itemNo(d, ia.itemNo());
            if (item == null || item.quantity() == null || item.quantity().signum() <= 0) {
                continue;
            }
            BigDecimal ref = reference.referenceUnitValue(item.hsCode(), d.date()).orElse(null);
            if (ref == null) {
                continue;
            }
            BigDecimal unitValue = ia.customsValue().divide(item.quantity(), 2, RoundingMode.HALF_UP);
            if (unitValue.compareTo(ref.multiply(ratio)) < 0) {
                return true;
            }
        }
        return false;
    }

    private boolean sampled(Declaration d) {
        byte[] h = sha.digest((settings.seed() + "|" + d.sender() + "|" + d.declarationNo())
                .getBytes(StandardCharsets.UTF_8));
        long v = ((h[0] & 0xFFL) << 24 | (h[1] & 0xFFL) << 16 | (h[2] & 0xFFL) << 8 | (h[3] & 0xFFL)) % 10000;
        return BigDecimal.valueOf(v).compareTo(sampleBasisPoints) < 0;
    }
}
