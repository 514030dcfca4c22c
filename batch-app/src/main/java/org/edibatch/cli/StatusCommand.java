package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.run.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "status", description = "the last runs, their outcome and counts, and whether a run holds the lock")
public class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public StatusCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(RunLock.held(spring.bean(DataSource.class)) ? "a run is in progress (the run lock is held)"
                : "no run in progress");
        ZoneId zone = spring.bean(EdiBatchProperties.class).zone();
        out.println("times in " + zone + " (edibatch.zone)");
        String format = "%-6s %-10s %-20s %-20s %6s %9s %11s";
        out.println(String.format(format, "run", "status", "started", "ended", "files", "accepted", "rejections"));
        for (RunRepository.RunSummary r : spring.bean(RunRepository.class).lastRuns(10)) {
            out.println(String.format(format, r.run(), r.status(), time(r.started(), zone), time(r.ended(), zone),
                    r.files(), r.accepted(), r.rejections()));
        }
        return ExitCodes.OK;
    }

    /** Spring Batch records its times in the JVM's zone, without saying which: shown in the business zone. */
    private static String time(LocalDateTime t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone));
    }
}
