package org.edibatch.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import java.io.PrintWriter;

/**
 * The rule every command follows before starting a job: a run that did not finish is resumed, not started
 * anew. Callers hold the run lock, so a run still marked as running belongs to a process that died.
 */
public final class Runs {

    private Runs() {
    }

    /** The last execution of the job if it did not finish (failed, stopped, or left running), else null. */
    public static JobExecution unfinished(JobRepository repository, String jobName) {
        JobInstance last = repository.getLastJobInstance(jobName);
        JobExecution e = last == null ? null : repository.getLastJobExecution(last);
        boolean unfinished = e != null && (e.getStatus().isRunning() || e.getStatus() == BatchStatus.FAILED
                || e.getStatus() == BatchStatus.STOPPED);
        return unfinished ? e : null;
    }

    /** Restarts the job's unfinished run and returns its new execution; null when there is none to resume. */
    public static JobExecution resume(JobOperator operator, JobRepository repository, String jobName, PrintWriter out)
            throws Exception {
        JobExecution e = unfinished(repository, jobName);
        if (e == null) {
            return null;
        }
        long run = e.getJobInstance().getInstanceId();
        if (e.getStatus().isRunning()) {
            // We hold the run lock, so nobody runs it: the process that did died (kill -9, power loss).
            out.println("run " + run + " was interrupted; marking it failed to resume it");
            e = operator.recover(e);
        }
        out.println("resuming run " + run);
        return operator.restart(e);
    }
}
