/**
 * UN/EDIFACT reading and writing: the streaming interchange reader on StAEDI, the byte-level envelope
 * scanner of the intake, the answer writer and the 0085 syntax error codes.
 */
package org.edibatch.edifact;
