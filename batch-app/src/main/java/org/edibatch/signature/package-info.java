/**
 * Signature verification (CMS and XML-DSig) against a trust store with CRLs, with structured outcomes;
 * signing and the demo PKI. Implementation details in {@code internal}.
 */
package org.edibatch.signature;
