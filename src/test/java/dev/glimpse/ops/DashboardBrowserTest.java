package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real browser, fed directly (no broker): rendering, live updates, filtering,
 * hover values and the markup-safety guarantee. {@code DashboardPipelineIT} runs the same page
 * against the real pipeline on the embedded broker.
 */
class DashboardBrowserTest {

    private final AttentionFeed feed = new AttentionFeed(100);
    private OpsMetrics metrics;
    private OpsServer server;
    /** One browser for the class: starting Chromium costs seconds, a fresh page per test is enough. */
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.startOrSkip();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) browser.close();
    }

    @BeforeEach
    void start() {
        metrics = new OpsMetrics();
        server = OpsServer.builder().port(0).host("127.0.0.1").metrics(metrics).feed(feed).start();
    }

    @AfterEach
    void stop() {
        browser.driver.get("about:blank"); // closes the page's event stream before the server stops
        if (server != null) server.close();
        if (metrics != null) metrics.close();
    }

    private void open() {
        browser.driver.get("http://127.0.0.1:" + server.port() + "/");
        await().atMost(Duration.ofSeconds(15)).until(() -> "true".equals(
                browser.driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        await().atMost(Duration.ofSeconds(15)).until(() -> feed.subscriberCount() == 1);
    }

    @Test
    void shouldShowEachLiveTranslationWithAHeatmapOfOutputByInputCharacters() throws Exception {
        feed.publish(TestViews.reversed("history-1", "cat")); // before the page opens: loaded from /api/recent
        open();
        AttentionView live = TestViews.reversed("live-2", "glimpse");
        feed.publish(live);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElements(By.cssSelector("#recent li")).size() == 2);
        List<WebElement> items = browser.driver.findElements(By.cssSelector("#recent li"));
        assertThat(items.get(0).getDomAttribute("data-id")).isEqualTo("live-2");
        assertThat(items.get(1).getDomAttribute("data-id")).isEqualTo("history-1");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "live-2".equals(browser.driver.findElement(By.id("heatmap")).getDomAttribute("data-id")));
        assertHeatmapShows(live);
        assertThat(browser.driver.findElement(By.id("sel-source")).getText()).isEqualTo("glimpse");
        assertThat(browser.driver.findElement(By.id("sel-target")).getText()).isEqualTo("espmilg");

        WebElement cell = browser.driver.findElement(By.cssSelector("#heatmap td[data-row='0'][data-col='6']"));
        new Actions(browser.driver).moveToElement(cell).perform();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                browser.driver.findElement(By.id("cell-info")).getText().contains("0.9000"));
        assertThat(browser.driver.findElement(By.id("cell-info")).getText()).isEqualTo("output \"e\" ← input \"e\": 0.9000");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElement(By.id("stat-translations")).getText().equals("2"));
        browser.screenshot("dashboard-fed");
    }

    @Test
    void shouldFilterTheRecentListByIdOrTextAndShowTheChosenOne() {
        feed.publish(TestViews.reversed("order-17", "apple"));
        feed.publish(TestViews.reversed("order-18", "pear"));
        open();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElements(By.cssSelector("#recent li")).size() == 2);

        browser.driver.findElement(By.id("filter")).sendKeys("appl");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                browser.driver.findElements(By.cssSelector("#recent li")).size() == 1);
        WebElement only = browser.driver.findElement(By.cssSelector("#recent li"));
        assertThat(only.getDomAttribute("data-id")).isEqualTo("order-17");

        only.click();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "order-17".equals(browser.driver.findElement(By.id("heatmap")).getDomAttribute("data-id")));
        assertHeatmapShows(TestViews.reversed("order-17", "apple"));
    }

    @Test
    void shouldShowMarkupInASentenceAsTextAndNeverRunIt() throws Exception {
        open();
        String title = browser.driver.getTitle();
        String img = "<img src=x onerror=\"window.glimpsePwned=1\">";
        String script = "<script>window.glimpsePwned=2</script>";
        feed.publish(TestViews.reversed("xss-img", img));
        feed.publish(TestViews.reversed("xss-script", script));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                browser.driver.findElements(By.cssSelector("#recent li")).size() == 2);

        assertThat(browser.driver.findElement(By.cssSelector("#recent li[data-id='xss-img'] .rtext")).getText()).startsWith(img);
        browser.driver.findElement(By.cssSelector("#recent li[data-id='xss-img']")).click();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                browser.driver.findElement(By.id("sel-source")).getText().equals(img));

        assertThat(browser.driver.executeScript("return window.glimpsePwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.getTitle()).isEqualTo(title);
        assertThat(browser.driver.findElements(By.cssSelector("body img"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("script"))).hasSize(1); // app.js only
        browser.screenshot("dashboard-markup");
    }

    /** Rows × columns = output × input characters, and each cell's weight equals the attention map's. */
    private void assertHeatmapShows(AttentionView view) {
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#heatmap tbody tr"));
        assertThat(rows).hasSize(view.targetTokens().size());
        assertThat(browser.driver.findElements(By.cssSelector("#heatmap thead th.col"))).hasSize(view.sourceTokens().size());
        for (int r = 0; r < rows.size(); r++) {
            List<WebElement> cells = rows.get(r).findElements(By.tagName("td"));
            assertThat(cells).hasSize(view.sourceTokens().size());
            assertThat(rows.get(r).findElement(By.tagName("th")).getText()).isEqualTo(view.targetTokens().get(r));
            for (int c = 0; c < cells.size(); c++) {
                float expected = view.weights().get(r).get(c);
                assertThat(Float.parseFloat(cells.get(c).getDomAttribute("data-weight"))).isEqualTo(expected);
                assertThat(cells.get(c).getDomAttribute("title")).endsWith(String.format(java.util.Locale.ROOT, ": %.4f", expected));
            }
        }
    }
}
