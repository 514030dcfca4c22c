package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ReleaseNoticeBuilder;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.Syntax;
import org.edibatch.release.ReleaseRepository;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.xml.XmlAnswerWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the release notices of a run, from the releases the release step recorded: per sender, one CUSRES
 * interchange for the declarations it sent in EDIFACT ({@code CUSRES-RELEASE_R<run>.edi}) and one XML answer for
 * those it sent in XML ({@code CUSRES-RELEASE_R<run>.xml}). Names, control references and dates derive from the run
 * and the releases, so a restart rewrites the same bytes; a notice recorded is never written again.
 */
final class ReleaseNotices {

    static final String KIND = "RELEASE";

    private final EdiBatchProperties props;
    private final ReleaseRepository releases;
    private final Clock clock;
    private final AnswerFiles names;

    ReleaseNotices(EdiBatchProperties props, ReleaseRepository releases, Clock clock, AnswerFiles names) {
        this.props = props;
        this.releases = releases;
        this.clock = clock;
        this.names = names;
    }

    /** @return how many notices were written */
    int write(long runId) throws IOException {
        List<ReleaseRepository.Released> pending = releases.withoutNotice(runId);
        int written = 0;
        int from = 0;
        while (from < pending.size()) {
            ReleaseRepository.Released first = pending.get(from);
            int to = from;
            while (to < pending.size() && pending.get(to).sender().equals(first.sender())
                    && pending.get(to).format().equals(first.format())) {
                to++;
            }
            List<ReleaseRepository.Released> group = pending.subList(from, to);
            Path target = target(first.sender(), runId, "XML".equals(first.format()) ? ".xml" : ".edi");
            String sha = "XML".equals(first.format()) ? xml(target, runId, group) : edifact(target, runId, group);
            AtomicFiles.syncDirectories(List.of(target.getParent()));
            CrashPoints.reach("release.notice-written");
            releases.recordNotice(runId, first.sender(), first.format(), target.toString(), sha);
            written++;
            from = to;
        }
        return written;
    }

    private Path target(String sender, long runId, String extension) {
        return props.outbox().resolve(AnswerFiles.bounded(AtomicFiles.safeName(sender)))
                .resolve("CUSRES-" + KIND + "_R" + runId + extension);
    }

    private LocalDate date(ReleaseRepository.Released r) {
        return LocalDate.ofInstant(r.releasedAt(), clock.getZone());
    }

    private static String paymentNumber(ReleaseRepository.Released r) {
        return r.tax() == null || r.tax().signum() <= 0 ? null : PaymentNumber.of(r.originalFileId(), r.originalIndex());
    }

    private String edifact(Path target, long runId, List<ReleaseRepository.Released> group) throws IOException {
        ReleaseRepository.Released first = group.get(0);
        Syntax syntax = Syntax.forAnswer(null, null, first.answerSyntax());
        return AtomicFiles.write(target, out -> {
            EdifactWriter w = new EdifactWriter(out);
            names.startInterchange(w, syntax, first.sender(), "R" + runId + "/" + first.sender(), KIND);
            int n = 1;
            for (ReleaseRepository.Released r : group) {
                ReleaseNoticeBuilder.write(w, Integer.toString(n++), new ReleaseNoticeBuilder.Notice(
                        r.declarationNo(), r.acceptanceNo(), date(r), r.basis(), paymentNumber(r)));
            }
            w.endInterchange();
        });
    }

    private String xml(Path target, long runId, List<ReleaseRepository.Released> group) throws IOException {
        ReleaseRepository.Released first = group.get(0);
        XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(props.ourEdiId(), first.sender(),
                AnswerFiles.controlRef("R" + runId + "/" + first.sender(), KIND),
                OffsetDateTime.ofInstant(first.releasedAt(), clock.getZone()), null, 2);
        List<XmlAnswerWriter.Release> notices = new ArrayList<>(group.size());
        for (ReleaseRepository.Released r : group) {
            notices.add(new XmlAnswerWriter.Release(r.kind(), r.declarationNo(), r.acceptanceNo(), date(r),
                    r.basis(), paymentNumber(r)));
        }
        return AtomicFiles.write(target, out -> XmlAnswerWriter.releases(out, header, notices));
    }
}
