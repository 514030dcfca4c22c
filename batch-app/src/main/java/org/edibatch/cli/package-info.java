/**
 * The command line on picocli: one class per command, usage errors as exit 64, and the beans that run
 * the customs and procurement jobs under the run lock. Nothing outside this package imports it.
 */
package org.edibatch.cli;
