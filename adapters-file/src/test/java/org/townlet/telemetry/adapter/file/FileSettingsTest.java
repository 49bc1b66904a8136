package org.townlet.telemetry.adapter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.transport.TransportFactory;

class FileSettingsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void blankPathIsRejected() {
        assertThatThrownBy(() -> FileSettings.of("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file_path must not be blank");
    }

    @Test
    void missingPathIsRejected() {
        assertThatThrownBy(() -> new FileSettings(null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file_path is required");
    }

    @Test
    void absentOptionsTakeTheirDefaults() throws Exception {
        FileSettings settings = mapper.readValue("{\"file_path\":\"out.ndjson\"}", FileSettings.class);

        assertThat(settings.filePath()).isEqualTo("out.ndjson");
        assertThat(settings.file()).isEqualTo(new FileSettings.FileOptions(0, 5, false));
        assertThat(FileSettings.of("out.ndjson").file()).isEqualTo(FileSettings.FileOptions.DEFAULTS);
    }

    @Test
    void partialOptionsKeepTheOtherDefaults() throws Exception {
        FileSettings settings = mapper.readValue(
                "{\"file_path\":\"out.ndjson\",\"file\":{\"fsync\":true}}", FileSettings.class);

        assertThat(settings.file()).isEqualTo(new FileSettings.FileOptions(0, 5, true));
    }

    @Test
    void everyOptionBinds() throws Exception {
        FileSettings settings = mapper.readValue("{\"file_path\":\"out.ndjson\",\"file\":"
                + "{\"rotate_max_bytes\":1048576,\"rotate_keep\":3,\"fsync\":true}}", FileSettings.class);

        assertThat(settings.file()).isEqualTo(new FileSettings.FileOptions(1_048_576, 3, true));
    }

    @Test
    void serialisesUnderTheConfigNames() throws Exception {
        String json = mapper.writeValueAsString(FileSettings.of("out.ndjson"));

        assertThat(json).isEqualTo("{\"file_path\":\"out.ndjson\",\"file\":"
                + "{\"rotate_max_bytes\":0,\"rotate_keep\":5,\"fsync\":false}}");
        assertThat(mapper.readValue(json, FileSettings.class)).isEqualTo(FileSettings.of("out.ndjson"));
    }

    @Test
    void nullOptionsBlockTakesTheDefaults() throws Exception {
        assertThat(mapper.readValue("{\"file_path\":\"a\",\"file\":null}", FileSettings.class).file())
                .isEqualTo(FileSettings.FileOptions.DEFAULTS);
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"file_path\":\"a\",\"file\":{\"rotate\":1}}", FileSettings.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"rotate\"");
        assertThatThrownBy(() -> mapper.readValue("{\"file_path\":\"a\",\"path\":\"b\"}", FileSettings.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"path\"");
    }

    @Test
    void bindingErrorsCarryTheValidationMessage() {
        assertThatThrownBy(() -> mapper.readValue("{\"file_path\":\"\"}", FileSettings.class))
                .isInstanceOf(ValueInstantiationException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file_path must not be blank");
    }

    @Test
    void rotateMaxBytesIsZeroOrAtLeastOneMebibyte() {
        assertThat(new FileSettings.FileOptions(0, 5, false).rotateMaxBytes()).isZero();
        assertThat(new FileSettings.FileOptions(1L << 20, 5, false).rotateMaxBytes()).isEqualTo(1L << 20);
        assertThatThrownBy(() -> new FileSettings.FileOptions(1000, 5, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file.rotate_max_bytes must be 0 or between 1048576 and 1099511627776; got 1000");
        assertThatThrownBy(() -> new FileSettings.FileOptions(-1, 5, false))
                .hasMessage("file.rotate_max_bytes must be 0 or between 1048576 and 1099511627776; got -1");
        assertThatThrownBy(() -> new FileSettings.FileOptions((1L << 40) + 1, 5, false))
                .hasMessage("file.rotate_max_bytes must be 0 or between 1048576 and 1099511627776; got "
                        + ((1L << 40) + 1));
    }

    @Test
    void rotateKeepIsBetweenOneAndHundred() {
        assertThat(new FileSettings.FileOptions(0, 1, false).rotateKeep()).isEqualTo(1);
        assertThat(new FileSettings.FileOptions(0, 100, false).rotateKeep()).isEqualTo(100);
        assertThatThrownBy(() -> new FileSettings.FileOptions(0, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file.rotate_keep must be between 1 and 100; got 0");
        assertThatThrownBy(() -> new FileSettings.FileOptions(0, 101, false))
                .hasMessage("file.rotate_keep must be between 1 and 100; got 101");
    }

    @Test
    void tildeExpandsToTheHomeDirectory() {
        assertThat(FileSettings.expandHome("~/logs/t.ndjson", "/home/ann"))
                .isEqualTo(Path.of("/home/ann/logs/t.ndjson"));
        assertThat(FileSettings.expandHome("~", "/home/ann")).isEqualTo(Path.of("/home/ann"));
        assertThat(FileSettings.expandHome("logs/~x", "/home/ann")).isEqualTo(Path.of("logs/~x"));
        assertThat(FileSettings.expandHome("~bob/t", "/home/ann")).isEqualTo(Path.of("~bob/t"));
        assertThat(FileSettings.of("~/t.ndjson").resolvedPath())
                .isEqualTo(Path.of(System.getProperty("user.home"), "t.ndjson"));
    }

    @Test
    void factoryIsInstalledAsFile() {
        List<String> names = new ArrayList<>();
        for (TransportFactory<?> factory : ServiceLoader.load(TransportFactory.class)) {
            names.add(factory.name());
        }

        assertThat(names).contains("file");
        assertThat(new FileTransportFactory().settingsType()).isEqualTo(FileSettings.class);
    }
}
