package org.edibatch.cli;

import org.edibatch.config.ConfigurationRefused;
import org.edibatch.job.customs.remote.PartitionWorker;
import org.edibatch.job.customs.remote.RemoteWorkers;
import org.edibatch.run.ExitCodes;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code worker}: runs customs partitions sent by a manager ({@code run customs --workers=remote}) until stopped
 * (SIGTERM lets the running partitions finish). Always in remote mode: same database, broker and shared folders as
 * the manager.
 */
@Command(name = "worker",
        description = "run customs partitions sent by 'run customs --workers=remote' until stopped (SIGTERM)")
public class WorkerCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public WorkerCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        WorkersOption.remote(spring);
        if (!RemoteWorkers.from(spring.bean(Environment.class)).remote()) {
            throw new ConfigurationRefused("worker: edibatch.workers=local: a worker takes partitions only in remote "
                    + "mode");
        }
        spring.bean(PartitionWorker.class).runUntilStopped(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
