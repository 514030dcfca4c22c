/**
 * The procurement jobs' wiring (bid intake, tender load, bid opening and notices); the rules live in
 * {@code procurement}, the SQL in its repositories.
 */
package org.edibatch.job.procurement;
