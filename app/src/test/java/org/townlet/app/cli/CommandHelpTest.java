package org.townlet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} renders cleanly: picocli reports a bad format string on stderr, not as a failure. */
class CommandHelpTest {
    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> usages = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            collectUsages(new CommandLine(new TownletCommand()), usages);
        } finally {
            System.setErr(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(usages).hasSizeGreaterThan(5).allSatisfy(usage -> assertThat(usage).contains("Usage: townlet"));
        // the % survived formatting (help lines wrap, so compare with the whitespace collapsed)
        assertThat(String.join(" ", usages).replaceAll("\\s+", " ")).contains("at most 5% of their time compiling");
    }

    private static void collectUsages(CommandLine command, List<String> usages) {
        usages.add(command.getUsageMessage());
        command.getSubcommands().values().forEach(sub -> collectUsages(sub, usages));
    }
}
