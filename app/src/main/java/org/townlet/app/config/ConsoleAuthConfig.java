package org.townlet.app.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code console_auth} (SPEC §15.2): whether console commands must carry a token; feeds {@code auth_enabled}.
 *
 * @param enabled {@code enabled}; needs at least one token
 * @param tokens  {@code tokens}: the accepted tokens
 */
public record ConsoleAuthConfig(boolean enabled, List<Token> tokens) {
    public static final ConsoleAuthConfig DEFAULTS = new ConsoleAuthConfig(false, List.of());

    public ConsoleAuthConfig {
        tokens = List.copyOf(tokens);
        if (enabled && tokens.isEmpty()) {
            throw new IllegalArgumentException("console_auth.enabled needs at least one console_auth.tokens entry");
        }
    }

    /**
     * One accepted token.
     *
     * @param token    {@code token}: the token itself, or {@code null} when {@code token_env} names it
     * @param tokenEnv {@code token_env}: the environment variable holding the token, or {@code null}
     * @param role     {@code role}: {@code viewer} or {@code admin}
     * @param label    {@code label}: a name for logs, or {@code null}
     */
    public record Token(String token, String tokenEnv, String role, String label) {
        public Token {
            Objects.requireNonNull(role, "role");
            if (token == null && tokenEnv == null) {
                throw new IllegalArgumentException("a console token needs token or token_env");
            }
        }

        /** Hides the secret. */
        @Override
        public String toString() {
            return "Token[" + (label == null ? "" : label + ", ") + "role=" + role + "]";
        }
    }
}
