package org.townlet.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration that loaded without errors.
 *
 * @param source    the file it came from; {@code null} for built-in defaults and flags only
 * @param config    the bound records
 * @param effective every key with its effective value (defaults filled in, flags applied, secrets masked)
 */
public record LoadedConfig(Path source, TownletConfig config, JsonNode effective) {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        effective = effective.deepCopy();
    }

    @Override
    public JsonNode effective() {
        return effective.deepCopy();
    }

    /** The effective configuration as YAML, the form {@code validate-config} prints. */
    public String effectiveYaml() {
        try {
            return YAML.writeValueAsString(effective);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the effective configuration", e);
        }
    }
}
