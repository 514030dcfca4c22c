/**
 * Not API: secure StAX set-up, the validating bridge, size limits and the assembly of declarations from
 * XML events.
 */
package org.edibatch.xml.internal;
