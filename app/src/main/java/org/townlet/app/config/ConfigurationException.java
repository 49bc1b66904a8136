package org.townlet.app.config;

/**
 * A user's mistake in configuration or on the command line: reported as one line without a stack trace, exit code 2.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
