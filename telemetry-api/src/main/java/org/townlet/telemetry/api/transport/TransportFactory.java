package org.townlet.telemetry.api.transport;

/**
 * Creates one kind of transport, chosen by {@link #name()} in {@code telemetry.transport.type}.
 *
 * <p>A factory is public and final, has a public no-argument constructor, and is listed in
 * {@code META-INF/services/org.townlet.telemetry.api.transport.TransportFactory} (or contributed by a plugin's Guice
 * module). It is cheap to construct and does nothing until {@link #create}: only the chosen transport is built.
 *
 * @param <S> the settings record the factory reads, bound from configuration with Jackson (its components carry
 *            {@code @JsonProperty} names); unknown keys are rejected at load
 */
public interface TransportFactory<S> {
    /** The transport's name: lower-case, unique among installed transports; {@code none} is reserved. */
    String name();

    /** The type of the settings record that {@link #create} takes. */
    Class<S> settingsType();

    /**
     * Builds the transport. Validates the settings (throwing {@link IllegalArgumentException} with a message that
     * names the setting and the bad value); opens nothing and starts no thread.
     */
    Transport create(S settings, TransportContext context);
}
