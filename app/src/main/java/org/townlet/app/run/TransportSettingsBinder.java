package org.townlet.app.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.api.transport.TransportFactory;

/** Binds a transport's settings subtree to its factory's settings record; unknown keys are rejected. */
final class TransportSettingsBinder {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    <S> S bind(TransportFactory<S> factory, Map<String, Object> values) {
        try {
            return mapper.convertValue(values, factory.settingsType());
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnrecognizedPropertyException unknown) {
                throw new ConfigurationException("telemetry.transport." + unknown.getPropertyName()
                        + ": unknown key for transport '" + factory.name() + "'; allowed: "
                        + unknown.getKnownPropertyIds(), e);
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ConfigurationException("telemetry.transport: invalid settings for transport '"
                    + factory.name() + "': " + root.getMessage(), e);
        }
    }
}
