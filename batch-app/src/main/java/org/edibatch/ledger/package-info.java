/**
 * The double-entry ledger: entries balanced by construction, the postings of customs assessments and of
 * awards, and the idempotent, append-only store.
 */
package org.edibatch.ledger;
