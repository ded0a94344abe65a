package dev.atoll.inspector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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

    @AfterAll
    static void quit() {
        if (firefox != null) {
            firefox.close();
        }
    }

    @Override
    BrowserPage page() {
        return firefox;
    }
}
