/**
 * What the answer step reads back from the database to write a night's answers ({@code AnswerRepository}),
 * and the answers it records as written.
 */
package org.edibatch.answer;
