package org.edibatch.config;

/**
 * A configuration that cannot work, found before any work starts; the command line prints its message as the
 * one line and exits with the usage code, as for a property value that does not bind.
 */
public class ConfigurationRefused extends RuntimeException {
    public ConfigurationRefused(String message) {
        super(message);
    }
}
