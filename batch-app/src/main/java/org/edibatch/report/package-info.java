/**
 * The officers' report of a run: a self-contained HTML page from a Thymeleaf template, the exception CSV
 * and the ledger summary, with the queries behind them in {@code ReportRepository}.
 */
package org.edibatch.report;
