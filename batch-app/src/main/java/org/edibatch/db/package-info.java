/**
 * Database support shared by the repositories: rows for one PostgreSQL COPY in its text format, sent on the
 * transaction's own connection; the rights of the application's role, granted by the schema owner.
 */
package org.edibatch.db;
