/**
 * The one interface every code list implements (a code and its text), so answers, reports and tests treat
 * UN/EDIFACT 0085, content, XML, signature and procurement codes alike.
 */
package org.edibatch.codes;
