/**
 * Applying the officers' decisions in the nightly run: {@code DecisionRules} (plain Java: a decision and the
 * declaration it was taken on become a new version by the rules of amendments, or nothing), {@code StoredMessages}
 * (a declaration read back from the file it came in) and {@code AppliedDecisionRepository} (the SQL: where a
 * decided message is, the officer's versions, what was applied and answered). The customs job's {@code decisions}
 * step wires them.
 */
package org.edibatch.decision;
