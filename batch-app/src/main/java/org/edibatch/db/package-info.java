/**
 * Rows for one PostgreSQL COPY in its text format, sent on the transaction's own connection.
 */
package org.edibatch.db;
