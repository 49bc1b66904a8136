package org.townlet.app.config;

import java.util.List;

/**
 * A user's mistake in configuration or on the command line: reported without a stack trace (unless {@code --debug}),
 * one line per error, exit code 2.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public ConfigurationException(String message) {
        this(message, (Throwable) null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
        this.errors = List.of(message);
    }

    /** Several errors found together, each one line. */
    public ConfigurationException(List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors must not be empty");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every error, one line each. */
    public List<String> errors() {
        return errors;
    }
}
