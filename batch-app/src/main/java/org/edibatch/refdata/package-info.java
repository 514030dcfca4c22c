/**
 * Reference data (tariff, exchange rates, parties, rules): dated CSV files loaded into PostgreSQL when their
 * SHA-256 changes, and an in-memory snapshot per step.
 */
package org.edibatch.refdata;
