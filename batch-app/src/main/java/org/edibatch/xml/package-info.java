/**
 * XML declarations: a hardened streaming reader validating against the XSD in the same pass, its error
 * codes and limits, and the XML answer writer.
 */
package org.edibatch.xml;
