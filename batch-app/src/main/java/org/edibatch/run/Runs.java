package org.edibatch.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule every command follows before starting a job: a run that did not finish is resumed, not started
 * anew. Callers hold the run lock, so a run still marked as running belongs to a process that died.
 */
public final class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);

    private Runs() {
    }

    /**
     * Marks FAILED every execution of the job, and every step execution of its last run, still STARTING, STARTED
     * or STOPPING. The caller holds the run lock, which proves that no live process owns them (a process killed,
     * or a step that died before it could record its end); left as they are, Spring Batch would refuse to
     * restart the run for good. Spring Batch's own {@code JobOperator.recover} is not used: it marks the
     * execution context as recovered, the mark is carried into the restarted execution, and a second crash of
     * the same run would then not be recovered.
     *
     * @return how many executions (job and step) were marked
     */
    public static int failStale(JobRepository repository, String jobName) {
        Map<Long, JobExecution> executions = new LinkedHashMap<>();
        JobInstance last = repository.getLastJobInstance(jobName);
        JobExecution lastExecution = last == null ? null : repository.getLastJobExecution(last);
        if (lastExecution != null) {
            executions.put(lastExecution.getId(), lastExecution);
        }
        for (JobExecution running : repository.findRunningJobExecutions(jobName)) {
            executions.computeIfAbsent(running.getId(), repository::getJobExecution);
        }
        int marked = 0;
        for (JobExecution e : executions.values()) {
            // Spring Batch stamps its executions with the system time; so do we, whatever the business clock says
            LocalDateTime now = LocalDateTime.now();
            List<String> steps = new ArrayList<>();
            for (StepExecution step : e.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    BatchStatus was = step.getStatus();
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription("left " + was + " with no live owner"));
                    step.setEndTime(now);
                    repository.update(step);
                    steps.add(step.getStepName() + " (" + was + ")");
                }
            }
            BatchStatus was = e.getStatus();
            if (was.isRunning()) {
                e.setStatus(BatchStatus.FAILED);
                e.setExitStatus(ExitStatus.FAILED.addExitDescription("left " + was + " with no live owner"));
                e.setEndTime(now);
                repository.update(e);
            }
            if (was.isRunning() || !steps.isEmpty()) {
                marked += steps.size() + (was.isRunning() ? 1 : 0);
                log.warn("run {} ({}): execution {} was left {} with step(s) {} still running and no live owner "
                                + "(the run lock was free); marked FAILED so that it can be resumed",
                        e.getJobInstance().getInstanceId(), jobName, e.getId(), was, steps);
            }
        }
        return marked;
    }

    /**
     * Marks the job's unfinished run ABANDONED (after {@link #failStale}): Spring Batch then never restarts it, and
     * the next run of the job starts a new one. The caller holds the run lock and has dealt with the run's files.
     *
     * @return the abandoned execution, or null when the last run finished
     */
    public static JobExecution abandon(JobRepository repository, String jobName) {
        failStale(repository, jobName);
        JobExecution e = unfinished(repository, jobName);
        if (e == null) {
            return null;
        }
        BatchStatus was = e.getStatus();
        e.setStatus(BatchStatus.ABANDONED);
        e.setExitStatus(new ExitStatus("ABANDONED", "abandoned by the operator (was " + was + ")"));
        if (e.getEndTime() == null) {
            e.setEndTime(LocalDateTime.now());
        }
        repository.update(e);
        log.warn("run {} ({}): execution {} ({}) abandoned by the operator; it will not be resumed",
                e.getJobInstance().getInstanceId(), jobName, e.getId(), was);
        return e;
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
        JobExecution before = unfinished(repository, jobName);
        if (before == null) {
            return null;
        }
        long run = before.getJobInstance().getInstanceId();
        if (failStale(repository, jobName) > 0) {
            // We hold the run lock, so nobody runs it: the process that did died (kill -9, power loss).
            out.println("run " + run + " was interrupted; marked failed to resume it");
        }
        out.println("resuming run " + run);
        return operator.restart(repository.getLastJobExecution(before.getJobInstance()));
    }
}
