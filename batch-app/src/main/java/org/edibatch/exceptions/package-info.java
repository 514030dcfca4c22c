/**
 * Exception items: what officers see in the report for every refused file, rejected message and selected
 * declaration, with their categories and texts.
 */
package org.edibatch.exceptions;
