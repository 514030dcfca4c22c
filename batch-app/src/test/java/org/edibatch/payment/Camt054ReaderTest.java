package org.edibatch.payment;

import org.edibatch.samples.load.CreditAdviceGenerator.Due;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camt.054 under KCS-CAMT054-1: the generator's notifications read with every credit as written; a document that is
 * not well-formed, carries a DOCTYPE, breaks the schema or a limit is refused whole with its X-code and position;
 * an entry that is no payment refuses its line only.
 */
class Camt054ReaderTest {

    @TempDir
    Path dir;

    private static List<Advice> read(String text, Camt054Reader[] holder) throws IOException {
        List<Advice> advices = new ArrayList<>();
        Camt054Reader r = Camt054Reader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                XmlLimits.defaults());
        holder[0] = r;
        Advice a;
        while ((a = r.next()) != null) {
            advices.add(a);
        }
        r.close();
        return advices;
    }

    private static Camt054Reader.Scan scan(String text, XmlLimits limits) throws IOException {
        return Camt054Reader.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limits);
    }

    @Test
    void everyCreditOfAGeneratedNotificationIsReadAsWritten() throws IOException {
        List<Due> dues = AdviceFiles.dues(250);
        String text = AdviceFiles.oneFile(dir, dues, true, 100);
        Camt054Reader[] r = new Camt054Reader[1];
        List<Advice> advices = read(text, r);
        assertThat(r[0].refused()).as("%s", r[0].errors()).isFalse();
        assertThat(r[0].header().servicerId()).isEqualTo("HANGUKBANK");
        assertThat(r[0].header().recipientId()).isEqualTo("KCS");
        assertThat(r[0].header().messageId()).startsWith("P0003");
        assertThat(advices).extracting(Advice::messageIndex).containsExactly(1, 2, 3);
        List<PaymentLine> lines = new ArrayList<>();
        advices.forEach(a -> {
            assertThat(a.refusals()).isEmpty();
            lines.addAll(a.lines());
        });
        assertThat(lines).hasSize(250);
        for (int i = 0; i < lines.size(); i++) {
            PaymentLine l = lines.get(i);
            assertThat(l.paymentReference()).isEqualTo(dues.get(i).paymentNumber());
            assertThat(l.amount()).isEqualByComparingTo(dues.get(i).amount());
            assertThat(l.currency()).isEqualTo("KRW");
            assertThat(l.valueDate()).isEqualTo(AdviceFiles.VALUE_DATE);
            assertThat(l.lineIndex()).isEqualTo(i % 100 + 1);
            assertThat(l.transactionRef()).isNotBlank();
        }
        Camt054Reader.Scan s = scan(text, XmlLimits.defaults());
        assertThat(s.refused()).isFalse();
        assertThat(s.advices()).isEqualTo(3);
        assertThat(s.lines()).isEqualTo(250);
    }

    @Test
    void anEntryThatIsNoPaymentRefusesItsLineOnly() throws IOException {
        List<Due> dues = AdviceFiles.dues(4);
        String text = AdviceFiles.oneFile(dir, dues, true, 100);
        String[] entries = text.split("<Ntry>", -1); // [head, e1, e2, e3, e4]
        entries[1] = entries[1].replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>DBIT</CdtDbtInd>");
        entries[2] = entries[2].replaceAll("<RmtInf>.*</RmtInf>", "");
        entries[3] = entries[3].replaceFirst("<Amt Ccy=\"KRW\">[0-9.]+</Amt>", "<Amt Ccy=\"KRW\">0</Amt>")
                .replaceFirst("<Refs><AcctSvcrRef>[^<]*</AcctSvcrRef></Refs><Amt", "<Refs/><Amt");
        String damaged = String.join("<Ntry>", entries);
        Camt054Reader[] r = new Camt054Reader[1];
        List<Advice> advices = read(damaged, r);
        assertThat(r[0].refused()).as("%s", r[0].errors()).isFalse();
        Advice a = advices.get(0);
        assertThat(a.refusals()).extracting(LineRefusal::lineIndex, LineRefusal::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "R06"), org.assertj.core.groups.Tuple.tuple(2, "R02"),
                org.assertj.core.groups.Tuple.tuple(3, "R03"));
        assertThat(a.lines()).singleElement().satisfies(l -> {
            assertThat(l.lineIndex()).isEqualTo(4);
            assertThat(l.paymentReference()).isEqualTo(dues.get(3).paymentNumber());
        });
    }

    @Test
    void anEntryWithoutDetailsIsOneCreditOfTheEntrysFields() throws IOException {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(1), true, 100).replaceAll("<NtryDtls>.*</NtryDtls>", "");
        Camt054Reader[] r = new Camt054Reader[1];
        Advice a = read(text, r).get(0);
        // no structured reference without details: the line is refused, its reference kept for the bank
        assertThat(a.refusals()).singleElement().satisfies(x -> assertThat(x.code()).isEqualTo("R02"));
    }

    @Test
    void aDoctypeIsRefusedBeforeAnythingInItIsRead() throws IOException {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(2), true, 100)
                .replace("<Document", "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document");
        Camt054Reader.Scan s = scan(text, XmlLimits.defaults());
        assertThat(s.refused()).isTrue();
        assertThat(s.advices()).isZero();
        assertThat(s.errors()).extracting(XmlError::code).containsExactly("X003");
    }

    @Test
    void aSchemaFaultRefusesTheWholeDocumentWithItsPosition() throws IOException {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(150), true, 100);
        // an element the guide has no place for, in the second notification
        int second = text.indexOf("<Ntfctn>", text.indexOf("<Ntfctn>") + 1);
        int entry = text.indexOf("<Ntry>", second);
        String bad = text.substring(0, entry) + "<Ntry><Foo/>" + text.substring(entry + "<Ntry>".length());
        Camt054Reader.Scan s = scan(bad, XmlLimits.defaults());
        assertThat(s.refused()).isTrue();
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("X002");
            assertThat(e.pointer()).contains("Ntfctn[2]");
            assertThat(e.line()).isPositive();
        });
        // a debit/credit code outside the list is the schema's too
        assertThat(scan(text.replaceFirst("CRDT", "CRED"), XmlLimits.defaults()).errors())
                .extracting(XmlError::code).containsExactly("X002");
        // another document type
        assertThat(scan(text.replace("camt.054.001.08", "camt.053.001.08"), XmlLimits.defaults()).errors())
                .extracting(XmlError::code).containsExactly("X002");
    }

    @Test
    void aTruncatedOrOverLimitDocumentIsRefused() throws IOException {
        String text = AdviceFiles.oneFile(dir, AdviceFiles.dues(20), true, 100);
        assertThat(scan(text.substring(0, text.length() - 30), XmlLimits.defaults()).errors())
                .extracting(XmlError::code).containsExactly("X001");
        assertThat(scan(text, XmlLimits.defaults().withMaxDepth(6)).errors())
                .extracting(XmlError::code).containsExactly("X004");
        assertThat(scan(text, XmlLimits.defaults().withMaxBytes(1000)).errors())
                .extracting(XmlError::code).containsExactly("X004");
        assertThat(scan("", XmlLimits.defaults()).refused()).isTrue();
        assertThat(scan("\u0000<x", XmlLimits.defaults()).refused()).isTrue();
    }
}
