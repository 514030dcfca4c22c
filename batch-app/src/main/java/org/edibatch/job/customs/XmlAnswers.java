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

import java.util.List;


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

    /** @return the SHA-256 of the answer written */
    String write(Batch b, Path target, String responseId) throws IOException {
        XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(ourId, b.sender(), responseId,
                OffsetDateTime.now(clock), b.batchRef());
        if (b.sigReason() != null) {
            SubReason reason = SubReason.valueOf(b.sigReason());
            XmlError e = new XmlError(AperakBuilder.code(reason), "/", 0, 0, reason.name() + ": " + reason.text()
                    + (b.sigDetail() == null || b.sigDetail().isEmpty() ? "" : " " + b.sigDetail()));
            return AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
        }
        if (!b.accepted()) {
            XmlError e = new XmlError(b.errorCode(), b.errorPointer(), b.errorLine(), b.errorColumn(), b.errorText());
            return AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
        }
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE file_id = ?", Integer.class, b.fileId());
        return AtomicFiles.write(target, out -> {
            XmlAnswerWriter w = XmlAnswerWriter.processed(out, header, count == null ? 0 : count, List.of());
            streamResponses(b.fileId(), w::write);
            w.finish();
        });
    }

    /** One declaration's response in memory at a time, in batch order (see StreamingQuery). */
    private void streamResponses(long fileId, AnswerTasklet.Sink<XmlResponse> sink) {
        LocalDate today = LocalDate.now(clock);
        Object[] row = new Object[13];
        List<XmlError> errors = new ArrayList<>();
        boolean[] any = {false};
        StreamingQuery.forEach(jdbc, "SELECT d.msg_index, d.kind, d.declaration_no, d.declaration_date, d.status, "
                + "d.acceptance_no, d.exchange_rate, d.customs_value_krw, d.duty_krw, d.vat_krw, d.channel, d.score, "
                + "d.rule_hits, e.code, e.pointer, e.line, e.col, e.text FROM declaration d LEFT JOIN declaration_error e "
                + "ON e.file_id = d.file_id AND e.msg_index = d.msg_index WHERE d.file_id = ? ORDER BY d.msg_index, e.seq",
                rs -> {
                    int index = rs.getInt(1);
                    if (any[0] && (int) row[0] != index) {
                        sink.accept(response(row, errors, today));
                        errors.clear();
                    }
                    any[0] = true;
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    if (rs.getString(14) != null) {
                        errors.add(new XmlError(rs.getString(14), rs.getString(15), rs.getInt(16), rs.getInt(17),
                                rs.getString(18)));
                    }
                }, fileId);
        if (any[0]) {
            try {
                sink.accept(response(row, errors, today));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private XmlResponse response(Object[] r, List<XmlError> errors, LocalDate today) {
        int seq = ((Number) r[0]).intValue() + 1;
        String kind = (String) r[1];
        java.sql.Date d = (java.sql.Date) r[3];
        LocalDate date = d == null ? null : d.toLocalDate();
        if (!"ACCEPTED".equals(r[4])) {
            return XmlResponse.rejected(seq, kind, (String) r[2], date, List.copyOf(errors));
        }
        org.edibatch.customs.Channel channel = org.edibatch.customs.Channel.valueOf((String) r[10]);
        String hits = (String) r[12];
        boolean export = "EXPORT".equals(kind);
        return new XmlResponse(seq, kind, (String) r[2], date, new XmlResponse.Acceptance((String) r[5], today,
                (BigDecimal) r[6], (BigDecimal) r[7], (BigDecimal) r[8], (BigDecimal) r[9],
                export ? BigDecimal.ZERO : vatRatePercent, channel.code(), channel.text(),
                ((Number) r[11]).intValue(), hits == null || hits.isEmpty() ? List.of() : Arrays.asList(hits.split(";"))),
                List.of());
    }
}
