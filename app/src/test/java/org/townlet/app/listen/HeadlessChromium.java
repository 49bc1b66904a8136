package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, for the dashboard's end-to-end tests ({@code .ci/run} installs it). Each
 * call runs one browser to completion with its own profile directory.
 */
final class HeadlessChromium {
    private final Path dir;
    private final List<Process> processes;

    /**
     * @param dir       where profiles and output files go (a test's temporary directory)
     * @param processes where each started browser is registered, for the test to stop leftovers
     */
    HeadlessChromium(Path dir, List<Process> processes) {
        this.dir = dir;
        this.processes = processes;
    }

    /** The {@code chromium} executable on the PATH; null when it is not installed. */
    static String executable() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** The page at {@code url} after its scripts ran for about three seconds, as HTML. */
    String dumpDom(String name, String url) throws Exception {
        return Files.readString(run(dir.resolve(name + "-profile"), "--dump-dom", url));
    }

    /**
     * Runs headless Chromium to completion and returns the file with its stdout. {@code --timeout} rather than
     * {@code --virtual-time-budget}: the never-ending event stream keeps virtual time from running out, whereas the
     * page renders the update the server put into it before the load event.
     */
    Path run(Path profile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--timeout=3000"));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Path stderr = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(process);
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0).as("chromium %s ended with 0; stderr:%n%s", args,
                Files.readString(stderr)).isTrue();
        return stdout;
    }
}
