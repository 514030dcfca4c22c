/**
 * The officers' console ({@code serve}): server-rendered pages (review queue, exceptions, declarations, runs) and
 * the officers' decisions, behind TLS client certificates of the officers' trust anchor with an OFFICER or AUDITOR
 * policy. Rules are plain classes ({@link org.edibatch.console.OfficerCertificates},
 * {@link org.edibatch.console.DecisionForm}); SQL lives in {@link org.edibatch.console.ConsoleRepository} and
 * {@link org.edibatch.console.DecisionRepository}; the web parts start only in a servlet context.
 */
package org.edibatch.console;
