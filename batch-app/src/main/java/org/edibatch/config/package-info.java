/**
 * Spring configuration shared by every job: properties, the clock, the embedded PostgreSQL and the crash
 * points the kill harness freezes at.
 */
package org.edibatch.config;
