package org.edibatch.job.customs;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.signature.SubReason;
import org.edibatch.xml.XmlAnswerWriter;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlResponse;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an XML batch, in XML (XML in, XML out): one response per declaration from what the customs
 * step committed, or the batch refused whole (envelope, limits, DTD, signature). The same decisions as the
 * EDIFACT answers, read from the same tables.
 */
final class XmlAnswers {

    /** The batch being answered; {@code errorCode} etc. describe why it was refused, if it was. */
    record Batch(long fileId, String sender, String batchRef, boolean accepted, String errorCode, String errorPointer,
                 int errorLine, int errorColumn, String errorText, String sigReason, String sigDetail) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String ourId;
    private final BigDecimal vatRatePercent;

    XmlAnswers(JdbcTemplate jdbc, Clock clock, String ourId, BigDecimal vatRatePercent) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ourId = ourId;
        this.vatRatePercent = vatRatePercent;
    }

    void write(Batch b, Path target, String responseId) throws IOException {
        XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(ourId, b.sender(), responseId,
                OffsetDateTime.now(clock), b.batchRef());
        if (b.sigReason() != null) {
            SubReason reason = SubReason.valueOf(b.sigReason());
            XmlError e = new XmlError(AperakBuilder.code(reason), "/", 0, 0, reason.name() + ": " + reason.text()
                    + (b.sigDetail() == null || b.sigDetail().isEmpty() ? "" : " " + b.sigDetail()));
            AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
            return;
        }
        if (!b.accepted()) {
            XmlError e = new XmlError(b.errorCode(), b.errorPointer(), b.errorLine(), b.errorColumn(), b.errorText());
            AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
            return;
        }
        List<XmlResponse> responses = responses(b.fileId());
        AtomicFiles.write(target, out -> {
            XmlAnswerWriter w = XmlAnswerWriter.processed(out, header, responses.size(), List.of());
            for (XmlResponse r : responses) {
                w.write(r);
            }
            w.finish();
        });
    }

    private List<XmlResponse> responses(long fileId) {
        Map<Integer, List<XmlError>> errors = new LinkedHashMap<>();
        jdbc.query("SELECT msg_index, code, pointer, line, col, text FROM declaration_error WHERE file_id = ? "
                + "ORDER BY msg_index, seq", rs -> {
            errors.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new XmlError(rs.getString(2),
                    rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6)));
        }, fileId);
        LocalDate today = LocalDate.now(clock);
        return jdbc.query("SELECT msg_index, kind, declaration_no, declaration_date, status, acceptance_no, exchange_rate, "
                        + "customs_value_krw, duty_krw, vat_krw, channel, score, rule_hits FROM declaration "
                        + "WHERE file_id = ? ORDER BY msg_index",
                (rs, n) -> {
                    int seq = rs.getInt(1) + 1;
                    LocalDate date = rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate();
                    if (!"ACCEPTED".equals(rs.getString(5))) {
                        return XmlResponse.rejected(seq, rs.getString(2), rs.getString(3), date,
                                errors.getOrDefault(rs.getInt(1), List.of()));
                    }
                    org.edibatch.customs.Channel channel = org.edibatch.customs.Channel.valueOf(rs.getString(11));
                    String hits = rs.getString(13);
                    boolean export = "EXPORT".equals(rs.getString(2));
                    return new XmlResponse(seq, rs.getString(2), rs.getString(3), date, new XmlResponse.Acceptance(
                            rs.getString(6), today, rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getBigDecimal(10), export ? BigDecimal.ZERO : vatRatePercent, channel.code(),
                            channel.meaning(), rs.getInt(12),
                            hits == null || hits.isEmpty() ? List.of() : Arrays.asList(hits.split(";"))), List.of());
                }, fileId);
    }
}
