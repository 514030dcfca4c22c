package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.run.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.time.LocalDateTime;
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
        try (RunLock lock = RunLock.tryAcquire(spring.bean(DataSource.class))) {
            out.println(lock == null ? "a run is in progress (the run lock is held)" : "no run in progress");
        }
        String format = "%-6s %-10s %-20s %-20s %6s %9s %11s";
        out.println(String.format(format, "run", "status", "started", "ended", "files", "accepted", "rejections"));
        for (RunRepository.RunSummary r : spring.bean(RunRepository.class).lastRuns(10)) {
            out.println(String.format(format, r.run(), r.status(), time(r.started()), time(r.ended()), r.files(),
                    r.accepted(), r.rejections()));
        }
        return ExitCodes.OK;
    }

    private static String time(LocalDateTime t) {
        return t == null ? "-" : TIME.format(t);
    }
}
