package org.edibatch.job.procurement;

import org.springframework.batch.core.job.Job;

/** The procurement jobs by role, for callers that hold the context but not a job registry (CLI, tests). */
public record ProcurementJobs(Job bidIntake, Job tenderLoad, Job bidOpening) {

    public Job byName(String name) {
        return switch (name) {
            case ProcurementJobConfig.INTAKE_JOB -> bidIntake;
            case ProcurementJobConfig.TENDER_JOB -> tenderLoad;
            case ProcurementJobConfig.OPENING_JOB -> bidOpening;
            default -> throw new IllegalArgumentException("no procurement job " + name);
        };
    }
}
