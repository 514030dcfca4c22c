package org.edibatch.job.customs.remote;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A rerun's guard in remote mode. The run lock proves that no manager is alive, not that no worker is: a manager
 * killed (or timed out) while workers run its partitions leaves them running, and a rerun that marked them failed
 * and sent them again would run a partition twice at once. So before it takes over, a rerun waits until no
 * partition of the unfinished run is live: a partition is live while it is STARTED and its worker recorded progress
 * (a chunk commit stamps the step execution) within {@code edibatch.workers.stale-after}, and a partition still in
 * the queue is live while the run's workers are (one of them takes it next). What the workers complete meanwhile
 * is not sent again. Progress is stamped by the worker's clock: the machines' clocks must agree (NTP)
 * to well within that interval.
 */
public final class LivePartitions {

    private LivePartitions() {
    }

    /**
     * Waits, at most {@code settings.timeout()}, until the job's unfinished run has no live partition.
     *
     * @return true when none is live (the rerun may go on), false when some still were at the timeout
     */
    public static boolean awaitIdle(JobRepository repository, String jobName, RemoteWorkers settings, PrintWriter out)
            throws InterruptedException {
        JobInstance instance = repository.getLastJobInstance(jobName);
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        if (last == null) {
            return true;
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        boolean waiting = false;
        while (true) {
            List<StepExecution> live = live(repository.getJobExecution(last.getId()), settings.staleAfter(),
                    LocalDateTime.now());
            if (live.isEmpty()) {
                if (waiting) {
                    out.println("run " + instance.getInstanceId() + ": the workers are idle; resuming");
                    out.flush();
                }
                return true;
            }
            if (System.nanoTime() > deadline) {
                out.println("run " + instance.getInstanceId() + ": " + live.size() + " partition(s) still running on "
                        + "workers after " + settings.timeout() + "; nothing done (a second manager would run them "
                        + "twice at once)");
                out.flush();
                return false;
            }
            if (!waiting) {
                out.println("run " + instance.getInstanceId() + ": " + live.size() + " partition(s) of it still "
                        + "running on workers; waiting until they end or make no progress for "
                        + settings.staleAfter().toSeconds() + " s");
                out.flush();
                waiting = true;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    /**
     * The partitions of {@code execution} a worker runs or may still take: those STARTED and stamped within
     * {@code staleAfter} of now, and, while any partition was stamped that recently (the run's workers are active),
     * those still waiting in the queue (STARTING), which a worker takes next.
     */
    static List<StepExecution> live(JobExecution execution, Duration staleAfter, LocalDateTime now) {
        List<StepExecution> live = new ArrayList<>();
        if (execution == null) {
            return live;
        }
        LocalDateTime since = now.minus(staleAfter);
        boolean active = false;
        List<StepExecution> queued = new ArrayList<>();
        for (StepExecution s : execution.getStepExecutions()) {
            if (!s.getStepName().startsWith(RemotePartitioningConfig.WORKER_STEP + ":")) {
                continue;
            }
            LocalDateTime stamp = s.getLastUpdated() != null ? s.getLastUpdated() : s.getStartTime();
            boolean recent = stamp != null && stamp.isAfter(since);
            active |= recent;
            if (s.getStatus() == BatchStatus.STARTED && recent) {
                live.add(s);
            } else if (s.getStatus() == BatchStatus.STARTING) {
                queued.add(s);
            }
        }
        if (active) {
            live.addAll(queued);
        }
        return live;
    }
}
