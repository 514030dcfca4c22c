package org.edibatch.payment;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.samples.load.CreditAdviceGenerator.Due;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CREMUL under guide KCS-CREMUL-1: the generator's advices read clean with every credit as written, what the guide
 * leaves to content refuses one line with its code, and what D96B allows but the guide leaves out is a syntax error.
 */
class CremulMapperTest {

    @TempDir
    Path dir;

    private static List<EdifactMessage> messages(String text) throws Exception {
        List<EdifactMessage> messages = new ArrayList<>();
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), true)) {
            assertThat(r.interchangeErrors()).isEmpty();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                messages.add(m);
            }
        }
        return messages;
    }

    private static List<Advice> advices(String text) throws Exception {
        List<Advice> advices = new ArrayList<>();
        for (EdifactMessage m : messages(text)) {
            advices.add(new CremulMapper().map(m));
        }
        return advices;
    }

    @Test
    void everyCreditOfAGeneratedAdviceIsReadAsWritten() throws Exception {
        List<Due> dues = AdviceFiles.dues(250);
        String text = AdviceFiles.oneFile(dir, dues, false, 100);
        List<EdifactMessage> messages = messages(text);
        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.errors()).isEmpty());

        List<PaymentLine> lines = new ArrayList<>();
        List<Advice> advices = advices(text);
        for (Advice a : advices) {
            assertThat(a.refusals()).isEmpty();
            assertThat(a.adviceRef()).endsWith("-" + a.messageIndex());
            lines.addAll(a.lines());
        }
        assertThat(advices).extracting(Advice::messageIndex).containsExactly(1, 2, 3);
        assertThat(lines).hasSize(250);
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            PaymentLine l = lines.get(i);
            assertThat(l.paymentReference()).isEqualTo(dues.get(i).paymentNumber());
            assertThat(l.amount()).isEqualByComparingTo(dues.get(i).amount());
            assertThat(l.currency()).isEqualTo("KRW");
            assertThat(l.valueDate()).isEqualTo(AdviceFiles.VALUE_DATE);
            assertThat(l.messageIndex()).isEqualTo(i / 100 + 1);
            assertThat(l.lineIndex()).isEqualTo(i % 100 + 1);
            refs.add(l.transactionRef());
        }
        assertThat(refs).hasSize(250);
    }

    @Test
    void aBadCreditRefusesItsLineOnlyWithItsCode() throws Exception {
        List<Due> dues = AdviceFiles.dues(5);
        String text = AdviceFiles.oneFile(dir, dues, false, 100);
        String second = "RFF+PQ:" + dues.get(1).paymentNumber() + "'";
        String third = "MOA+60:" + dues.get(2).amount().toPlainString() + ":KRW'";
        String damaged = AdviceFiles.recount(text.replace(second + "\n", "")
                .replace(third, "MOA+60:0:KRW'")
                .replaceFirst("RFF\\+AIK:[^']*'\n", ""));
        List<Advice> advices = advices(damaged);
        assertThat(advices).hasSize(1);
        Advice a = advices.get(0);
        assertThat(a.refusals()).extracting(LineRefusal::lineIndex, LineRefusal::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "R01"), org.assertj.core.groups.Tuple.tuple(2, "R02"),
                        org.assertj.core.groups.Tuple.tuple(3, "R03"));
        assertThat(a.lines()).extracting(PaymentLine::lineIndex).containsExactly(4, 5);
        assertThat(a.lines().get(0).amount()).isEqualByComparingTo(dues.get(3).amount());
    }

    @Test
    void aValueDateOffTheCalendarRefusesTheCreditsOfItsBooking() throws Exception {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(3), false, 100).replace("DTM+209:20261127", "DTM+209:20261131");
        Advice a = advices(text).get(0);
        assertThat(a.lines()).isEmpty();
        assertThat(a.refusals()).hasSize(3).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(AdviceCode.BAD_VALUE_DATE.code());
            assertThat(r.text()).contains("not a calendar date");
        });
    }

    @Test
    void aDecimalCommaIsReadAsTheDecimalMark() throws Exception {
        List<Due> dues = AdviceFiles.dues(1);
        String text = AdviceFiles.oneFile(dir, dues, false, 100)
                .replace("MOA+60:" + dues.get(0).amount().toPlainString() + ":KRW'\nUNT", "MOA+60:1007,50:KRW'\nUNT");
        Advice a = advices(text).get(0);
        assertThat(a.lines()).singleElement().satisfies(l -> assertThat(l.amount()).isEqualTo(new BigDecimal("1007.50")));
    }

    @Test
    void whatD96bAllowsButTheGuideLeavesOutIsASyntaxError() throws Exception {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(2), false, 100);
        // BUS (business function) may follow DTM in D96B's header; the guide has no use for it
        String withBus = AdviceFiles.recount(text.replace("LIN+1'", "BUS+1:TAX'\nLIN+1'"));
        EdifactMessage m = messages(withBus).get(0);
        assertThat(m.errors()).isNotEmpty();
        assertThat(new CremulMapper().map(m).lines()).isEmpty();
        // a message function other than 9 (original)
        EdifactMessage replaced = messages(text.replaceFirst("\\+9'", "+5'")).get(0);
        assertThat(replaced.errors()).extracting(e -> e.code()).contains("12");
        // a line without its amount: SG13 is mandatory
        EdifactMessage noAmount = messages(AdviceFiles.recount(
                text.replaceFirst("(SEQ\\+\\+1'\n(?:[^\n]*\n){3})MOA[^\n]*\n", "$1"))).get(0);
        assertThat(noAmount.errors()).extracting(e -> e.code()).contains("13");
    }
}
