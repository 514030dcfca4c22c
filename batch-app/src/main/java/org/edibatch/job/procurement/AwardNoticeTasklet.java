package org.edibatch.job.procurement;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.procurement.AwardNoticeXml;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the award notice of every tender opened by this run to every bidder whose bid was received (refused
 * bids were answered at intake), outbox/&lt;bidder&gt;/AWARD_&lt;tender&gt;.xml, from what the opening committed;
 * then the run's exception file. Same inputs give the same bytes, so a rerun replaces files with themselves.
 */
public class AwardNoticeTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;

    public AwardNoticeTasklet(EdiBatchProperties props, JdbcTemplate jdbc) {
        this.props = props;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        String opened = jobExecution.getExecutionContext().getString(BidOpeningTasklet.OPENED_KEY, "");
        for (String tenderId : opened.isEmpty() ? List.<String>of() : Arrays.asList(opened.split(","))) {
            AwardNoticeXml.Notice notice = notice(tenderId);
            for (String bidder : jdbc.queryForList("SELECT DISTINCT bidder_id FROM bid WHERE tender_id = ? "
                    + "AND status = 'RECEIVED' ORDER BY 1", String.class, tenderId)) {
                Path target = props.outbox().resolve(AtomicFiles.safeName(bidder))
                        .resolve("AWARD_" + AtomicFiles.safeName(tenderId) + ".xml");
                String sha = AtomicFiles.write(target, out -> AwardNoticeXml.write(out, notice, bidder));
                jdbc.update("INSERT INTO award_notice (tender_id, bidder_id, path, sha256) VALUES (?,?,?,?) "
                                + "ON CONFLICT (tender_id, bidder_id) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256",
                        tenderId, bidder, target.toString(), sha);
                contribution.incrementWriteCount(1);
            }
        }
        RunReport report = new RunReport(jdbc);
        report.writeExceptions(report.folder(props.reports(), runId).resolve("exceptions.csv"), runId);
        return RepeatStatus.FINISHED;
    }

    private AwardNoticeXml.Notice notice(String tenderId) {
        Map<String, Object> a = jdbc.queryForMap("SELECT t.agency_id, a.opened_at, t.draw_seed, t.lower_limit_rate, "
                + "a.reserve_price, a.lower_limit_amount, a.result, a.winner_vendor_id, a.award_amount "
                + "FROM award a JOIN tender t ON t.tender_id = a.tender_id WHERE a.tender_id = ?", tenderId);
        List<AwardNoticeXml.Band> bands = jdbc.query("SELECT band, price, picks, chosen FROM tender_draw "
                        + "WHERE tender_id = ? ORDER BY band",
                (rs, n) -> new AwardNoticeXml.Band(rs.getInt(1), rs.getBigDecimal(2), rs.getInt(3), rs.getBoolean(4)),
                tenderId);
        // ranked first, then ineligible by price, then unopenable: the order officers and bidders read
        List<AwardNoticeXml.Line> lines = jdbc.query("SELECT b.bidder_id, r.receipt_no, o.outcome, o.reason_code, "
                        + "o.price, o.rank FROM bid_opening o JOIN bid b ON b.id = o.bid_id JOIN bid_receipt r ON r.bid_id = b.id "
                        + "WHERE o.tender_id = ? ORDER BY o.rank NULLS LAST, o.price NULLS LAST, b.received_at, r.receipt_no",
                (rs, n) -> new AwardNoticeXml.Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), (Integer) rs.getObject(6)), tenderId);
        return new AwardNoticeXml.Notice(tenderId, (String) a.get("agency_id"),
                ((java.sql.Timestamp) a.get("opened_at")).toInstant(), (String) a.get("draw_seed"),
                (java.math.BigDecimal) a.get("lower_limit_rate"), bands, (java.math.BigDecimal) a.get("reserve_price"),
                ((java.math.BigDecimal) a.get("lower_limit_amount")).stripTrailingZeros(), (String) a.get("result"),
                (String) a.get("winner_vendor_id"), (java.math.BigDecimal) a.get("award_amount"), lines);
    }
}
