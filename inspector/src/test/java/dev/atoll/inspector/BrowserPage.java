package dev.atoll.inspector;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.FluentWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One browser tab, seen the way the inspector's page scenarios ({@link InspectorPageScenarios}) need it, so
 * that each scenario is written once and runs in every browser: Chromium through Selenium
 * ({@link SeleniumPage}) and Firefox through WebDriver BiDi ({@link FirefoxBiDiPage}).
 *
 * <p>Elements are named by CSS selectors and every call acts on the page as it is at that moment (no element
 * handles that could go stale). Reading a selector that matches nothing gives {@code null} (or an empty list),
 * never an exception, so that a {@link #waitUntil} can poll for an element that is still to come; acting on one
 * (click, select, type) fails with a message naming the selector.
 */
interface BrowserPage {
    /** The browser's name, for messages and screenshot names ({@code chromium}, {@code firefox}). */
    String browserName();

    /** Loads {@code url} in the tab and returns once the document is loaded. */
    void open(String url);

    /** The document's title. */
    String title();

    /**
     * The rendered text of the first element matching {@code css}, trimmed, as WebDriver's "get element text"
     * gives it (a table's cells separated by a space); {@code null} when none matches.
     */
    String text(String css);

    /** The rendered text of every element matching {@code css}, trimmed, in document order. */
    List<String> texts(String css);

    /** The attribute {@code name} of every element matching {@code css}, in document order. */
    List<String> attributes(String css, String name);

    /** How many elements match {@code css}. */
    int count(String css);

    /**
     * Whether the first element matching {@code css} is shown ({@code false} when none matches): WebDriver's
     * "is displayed" in Selenium, {@code checkVisibility()} in Firefox.
     */
    boolean displayed(String css);

    /** Clicks the middle of the first element matching {@code css}, scrolled into view, as a user would. */
    void click(String css);

    /** Picks the option whose value is {@code value} in the {@code <select>} matching {@code css}. */
    void select(String css, String value);

    /** Types {@code keys} into the first element matching {@code css} (after clicking it to give it the focus). */
    void type(String css, String keys);

    /**
     * Runs {@code body} as the body of a JavaScript function in the page and returns its result as a string
     * ({@code null} when it returns {@code null} or {@code undefined}).
     */
    String script(String body);

    /** Saves a screenshot of the viewport as a PNG under {@code target/screenshots/} and returns its path. */
    Path screenshot(String name);

    /**
     * Polls {@code condition} on this page until it holds, and fails with {@code what} once {@code timeout} has
     * passed without it holding.
     */
    default void waitUntil(Duration timeout, String what, Predicate<BrowserPage> condition) {
        new FluentWait<BrowserPage>(this).withTimeout(timeout).pollingEvery(Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class) // Selenium: the table was redrawn meanwhile
                .withMessage(() -> browserName() + ": " + what).until(condition::test);
    }
}
