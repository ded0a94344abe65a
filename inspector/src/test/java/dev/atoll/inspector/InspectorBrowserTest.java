package dev.atoll.inspector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The inspector's page in headless Chromium through Selenium (Debian's {@code chromium} and
 * {@code chromium-driver}, see {@link Browser}): every scenario of {@link InspectorPageScenarios}, the same ones
 * {@link InspectorFirefoxTest} runs in Firefox.
 */
class InspectorBrowserTest extends InspectorPageScenarios {
    private static ChromeDriver browser;
    private static BrowserPage page;

    @BeforeAll
    static void browser() {
        browser = Browser.start();
        page = new SeleniumPage(browser, "chromium");
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Override
    BrowserPage page() {
        return page;
    }
}
