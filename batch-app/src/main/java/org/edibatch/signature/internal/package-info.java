/**
 * Not API: BouncyCastle set-up, algorithm policy, certificate issuing and hardened XML parsing behind the
 * {@code signature} package.
 */
package org.edibatch.signature.internal;
