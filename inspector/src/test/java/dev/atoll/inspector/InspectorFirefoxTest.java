package dev.atoll.inspector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The inspector's page in headless Firefox (Debian's {@code firefox-esr}, which {@code .ci/run} installs when
 * missing), driven through WebDriver BiDi by {@link FirefoxBiDiPage}: every scenario of
 * {@link InspectorPageScenarios}, the same ones {@link InspectorBrowserTest} runs in Chromium. Without Firefox
 * it fails (naming the package to install) rather than skipping, as the Chromium tests do.
 */
class InspectorFirefoxTest extends InspectorPageScenarios {
    private static FirefoxBiDiPage firefox;

    @BeforeAll
    static void browser() {
        firefox = FirefoxBiDiPage.start();
    }

    /** Closes Firefox, and checks that nothing of it is left: no process of its tree, no profile. */
    @AfterAll
    static void quit() {
        if (firefox != null) {
            List<ProcessHandle> processes = firefox.processes();
            Path profile = firefox.profile();
            firefox.close();
            assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                    "Firefox processes still alive");
            assertFalse(Files.exists(profile), "the profile is deleted: " + profile);
        }
    }

    @Override
    BrowserPage page() {
        return firefox;
    }
}
