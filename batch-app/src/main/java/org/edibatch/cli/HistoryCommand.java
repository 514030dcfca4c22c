package org.edibatch.cli;

import org.edibatch.customs.HistoryRepository;
import org.edibatch.customs.MessageFunction;
import org.edibatch.run.ExitCodes;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", description = "a declaration's versions, amounts and answers sent: every message of "
        + "SENDER that carried NUMBER and every version an officer's decision made, in the order they were applied "
        + "(exit 2 when there is none)")
public class HistoryCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SENDER", description = "the sender's EDI id (UNB sender, XML SenderID)")
    String sender;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "the declaration number")
    String number;

    public HistoryCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HistoryRepository history = new HistoryRepository(spring.bean(JdbcTemplate.class));
        List<HistoryRepository.Message> messages = history.messages(sender, number);
        if (messages.isEmpty()) {
            out.println("no declaration " + number + " from " + sender);
            return ExitCodes.DONE_WITH_REJECTIONS;
        }
        long decided = messages.stream().filter(HistoryRepository.Message::decision).count();
        out.println("declaration " + number + " from " + sender + ": " + (messages.size() - decided) + " message(s)"
                + (decided == 0 ? "" : ", " + decided + " officer's decision(s)"));
        String format = "%-7s %-12s %-9s %5s %7s %5s  %-17s %14s %12s %12s %12s  %s";
        out.println(String.format(format, "version", "function", "status", "file", "message", "run", "acceptance",
                "customs value", "duty", "VAT", "total", "channel / codes"));
        for (HistoryRepository.Message m : messages) {
            if (m.decision()) {
                // a version an officer made: the file and message it was decided on, the decision in the last column
                boolean refused = "REFUSED".equals(m.status());
                out.println(String.format(format, Integer.toString(m.version()),
                        refused ? "refusal" : "reassessment", m.status(), m.fileId(), m.index(), m.runId(),
                        refused ? "-" : m.acceptanceNo(), amount(true, m.customsValue()),
                        amount(true, m.duty()), amount(true, m.vat()),
                        m.duty() == null || m.vat() == null ? "-" : m.duty().add(m.vat()).toPlainString(),
                        (refused ? m.codes() : m.channel() == null ? "-" : m.channel())
                                + " by officer's decision " + m.decisionId()));
                continue;
            }
            boolean accepted = m.version() != null;
            String status = !accepted ? "REJECTED" : m.cancelled() ? "CANCELLED" : "ACCEPTED";
            out.println(String.format(format, accepted ? Integer.toString(m.version()) : "-",
                    MessageFunction.ofCode(m.function()).name().toLowerCase(), status, m.fileId(), m.index(),
                    m.runId(), accepted ? m.acceptanceNo() : "-", amount(accepted, m.customsValue()),
                    amount(accepted, m.duty()), amount(accepted, m.vat()),
                    accepted ? m.duty().add(m.vat()).toPlainString() : "-",
                    accepted ? (m.channel() == null ? "-" : m.channel()) : m.codes() == null ? "-" : m.codes()));
        }
        out.println("answers sent:");
        for (HistoryRepository.Answer a : history.answers(sender, number)) {
            out.println("  file " + a.fileId() + " " + a.kind() + " " + a.path());
        }
        return ExitCodes.OK;
    }

    private static String amount(boolean accepted, BigDecimal value) {
        return accepted && value != null ? value.toPlainString() : "-";
    }
}
