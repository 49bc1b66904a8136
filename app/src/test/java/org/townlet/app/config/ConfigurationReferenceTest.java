package org.townlet.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/CONFIGURATION.md} holds, between its markers, exactly what the binder declares: every key, default and
 * bound. When a key changes, this test fails and writes the new reference next to the build output.
 */
class ConfigurationReferenceTest {
    @Test
    void configurationReferenceMatchesTheBinder() throws IOException {
        Path docs = repositoryRoot().resolve("docs/CONFIGURATION.md");
        String expected = ConfigurationReference.markdown();
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = text.indexOf(ConfigurationReference.BEGIN);
        int end = text.indexOf(ConfigurationReference.END);
        String actual = begin < 0 || end < 0 ? "" : text.substring(begin, end + ConfigurationReference.END.length())
                + "\n";
        if (!actual.equals(expected)) {
            Path generated = Path.of("target", "CONFIGURATION.generated.md");
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, expected, StandardCharsets.UTF_8);
        }
        assertThat(actual)
                .as("docs/CONFIGURATION.md is out of date; replace its generated part with app/target/"
                        + "CONFIGURATION.generated.md")
                .isEqualTo(expected);
    }

    @Test
    void referenceListsEveryKeyOfTheSpecWithItsDefault() {
        String reference = ConfigurationReference.markdown();

        assertThat(reference)
                .contains("| `telemetry.transport.buffer.max_buffer_bytes` | integer | `4194304` | 1024–16777216 |")
                .contains("| `telemetry.worker.backpressure` | string | `drop_oldest` | one of drop_oldest, block, "
                        + "fan_out |")
                .contains("| `telemetry.keyframe_interval_ticks` | integer | `100` | 0–1000000; 0 = forced keyframes "
                        + "only |")
                .contains("`runtime.telemetry.provider`", "`config_id`", "`console_auth.enabled`",
                        "`snapshot.capture_on_failure`", "`monitor.health_log_every_ticks`", "`simulation.scenario`",
                        "`telemetry.transport.<type>`", "`telemetry.transforms.pipeline`",
                        "`telemetry.console.audit_path`", "`telemetry.transport.file.rotate_keep`");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs")) && !Files.exists(dir.resolve("townlet"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("..") : dir;
    }
}
