package dev.atoll.inspector;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.List;

/** A {@link BrowserPage} on a Selenium {@link WebDriver} (the browser tests' headless Chromium). */
final class SeleniumPage implements BrowserPage {
    private final WebDriver driver;
    private final String name;

    SeleniumPage(WebDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    @Override
    public String browserName() {
        return name;
    }

    @Override
    public void open(String url) {
        driver.get(url);
    }

    @Override
    public String title() {
        return driver.getTitle();
    }

    @Override
    public String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getText().trim();
    }

    @Override
    public List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
    }

    @Override
    public List<String> attributes(String css, String name) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(name)).toList();
    }

    @Override
    public int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    @Override
    public boolean displayed(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    private WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (NoSuchElementException e) {
            throw new AssertionError(name + ": no element matches " + css, e);
        }
    }

    @Override
    public void click(String css) {
        find(css).click();
    }

    @Override
    public void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    @Override
    public void type(String css, String keys) {
        WebElement element = find(css);
        element.click();
        element.sendKeys(keys);
    }

    @Override
    public String script(String body) {
        Object result = ((JavascriptExecutor) driver).executeScript(body);
        return result == null ? null : String.valueOf(result);
    }

    @Override
    public Path screenshot(String name) {
        return Browser.screenshot(driver, name);
    }
}
