/**
 * The claim step: inbound files moved out of the inbox, hashed, signature-checked and envelope-checked,
 * and registered in order ({@code InboundFileRepository}).
 */
package org.edibatch.intake;
