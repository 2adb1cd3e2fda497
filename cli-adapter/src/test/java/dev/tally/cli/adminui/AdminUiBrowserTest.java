package dev.tally.cli.adminui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin UI in headless Chromium against {@code serve --demo} on a free port: each screen's main
 * flow done through the pages and then checked through the JSON API, an API refusal shown to the
 * user, a wrong key refused at sign-in, API values shown as text (never as HTML), the strict
 * Content-Security-Policy, tablet width and the keyboard. Screenshots of each screen are written to
 * {@code target/admin-ui/}. Each test works on data of its own, so their order does not matter.
 */
class AdminUiBrowserTest {
  private static final String[] SCREENS = {"bindings", "links", "subscriptions", "usage", "balances"};

  private static Path workDir;
  private static DemoServer server;
  private static Browser browser;
  private static Map<String, String> productIds;

  @BeforeAll
  static void startTheDemoAndABrowser() throws IOException {
    workDir = Files.createDirectories(Path.of("target", "admin-ui-test"));
    Path run = Files.createTempDirectory(workDir, "run");
    browser = Browser.start(run);
    server = DemoServer.start(run);
    productIds = new HashMap<>();
    server.get("/products?page_size=1000").path("items")
        .forEach(p -> productIds.put(p.path("product_name").asText(), p.path("id").asText()));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void desktopWidth() {
    browser.resize(1366, 900);
  }

  /** A JavaScript error or a policy violation shows in the console: none may. */
  @AfterEach
  void theConsoleShowsNoError() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : browser.consoleLog()) {
      String message = entry.getMessage();
      // the API's refusals (401 at sign-in, 409 for an unbind) are logged by the browser as such
      boolean refusal = message.contains("/api/v1/") && message.contains("Failed to load resource");
      if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue() && !refusal) {
        errors.add(message);
      }
    }
    assertThat(errors).as("console errors").isEmpty();
  }

  // --- sign-in ---------------------------------------------------------------------------------

  @Test
  void refusesSignInWithAWrongKeyAndSaysWhy() {
    signedOut();
    browser.find(By.id("api-key")).sendKeys("tly_not-a-key", Keys.ENTER);

    String shown = browser.find(By.id("sign-in-error")).getText();
    String detail = server.send("GET", "/code-sets", null, "tly_not-a-key").detail();
    assertThat(shown).isEqualTo(detail).isNotBlank();
    assertThat(browser.script("return sessionStorage.getItem('tally.apiKey')")).isNull();
    assertThat(browser.findAll(By.cssSelector("nav[aria-label=Screens]"))).isEmpty();
  }

  @Test
  void keepsTheKeyInTheTabsSessionStorageOnlyAndForgetsItAtSignOut() {
    signIn();

    assertThat(browser.script("return sessionStorage.getItem('tally.apiKey')")).isEqualTo(server.adminKey());
    assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.script("return document.cookie")).isEqualTo("");
    browser.find(By.cssSelector("button.sign-out")).click();
    browser.find(By.id("api-key"));
    assertThat(browser.script("return sessionStorage.getItem('tally.apiKey')")).isNull();
  }

  // --- resource binding ------------------------------------------------------------------------

  @Test
  void bindsAResourceToAProductAndUnbindsItAfterConfirmation() {
    signIn();
    goTo("bindings");
    String search = productIds.get("Search API");
    new Select(browser.find(By.id("binding-product"))).selectByVisibleText("Search API");
    browser.find(By.cssSelector("tr[data-resource-ref='web-search']"));

    WebElement form = browser.find(By.id("bind-form"));
    new Select(form.findElement(By.name("resource_type"))).selectByValue("other");
    form.findElement(By.name("resource_ref_id")).sendKeys("ocr-v2");
    new Select(form.findElement(By.name("billing_mode"))).selectByValue("1");
    WebElement unit = form.findElement(By.name("used_unit"));
    unit.clear();
    unit.sendKeys("image");
    form.findElement(By.name("unit_price")).sendKeys("0.05");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement row = browser.find(By.cssSelector("tr[data-resource-ref='ocr-v2']"));
    assertThat(row.getText()).contains(codeLabel("billing_mode", "1")).contains("image");
    JsonNode bound = resource(search, "ocr-v2");
    assertThat(bound.path("resource_type").asText()).isEqualTo("other");
    assertThat(bound.path("billing_mode").asText()).isEqualTo("1");
    assertThat(bound.path("used_unit").asText()).isEqualTo("image");
    assertThat(new BigDecimal(bound.path("unit_price").asText())).isEqualByComparingTo("0.05");
    assertThat(bound.path("status").asText()).isEqualTo("active");
    assertThat(row.getText()).contains(bound.path("unit_price").asText() + " CNY");
    browser.screenshotWholePage("resource-binding");

    row.findElement(By.xpath(".//button[text()='Unbind']")).click();
    WebElement dialog = browser.find(By.cssSelector("dialog[open]"));
    assertThat(dialog.getText()).contains("ocr-v2").contains("Search API");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    browser.waitForText(
        By.cssSelector("tr[data-resource-ref='ocr-v2']"), codeLabel("resource_status", "unbound"));
    assertThat(resource(search, "ocr-v2").path("status").asText()).isEqualTo("unbound");
  }

  @Test
  void showsTheServersRefusalWhenAnUnbindWouldLeaveASubscriptionWithoutResource() {
    signIn();
    goTo("bindings");
    String translate = productIds.get("Translate Plus");
    new Select(browser.find(By.id("binding-product"))).selectByVisibleText("Translate Plus");
    WebElement row = browser.find(By.cssSelector("tr[data-resource-ref='translate-1']"));
    String resourceId = row.getAttribute("data-resource-id");

    row.findElement(By.xpath(".//button[text()='Unbind']")).click();
    browser.find(By.cssSelector("dialog[open] button[type=submit]")).click();

    String shown = browser.find(By.cssSelector("dialog[open] .error")).getText();
    DemoServer.Reply refusal =
        server.send("DELETE", "/products/" + translate + "/resources/" + resourceId, null);
    assertThat(refusal.status()).isEqualTo(409);
    assertThat(refusal.json().path("code").asText()).isEqualTo("resource_in_use");
    assertThat(shown).isEqualTo(refusal.detail());
    browser.screenshot("resource-binding-refused");
    assertThat(resource(translate, "translate-1").path("status").asText()).isEqualTo("active");
    browser.find(By.xpath("//dialog[@open]//button[text()='Cancel']")).click();
    browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
  }

  // --- supplier links --------------------------------------------------------------------------

  @Test
  void linksEditsAndRemovesSuppliersAndShowsWhichOneAUseWouldPick() {
    signIn();
    goTo("links");
    new Select(browser.find(By.id("links-product"))).selectByVisibleText("Translate Plus");
    browser.waitForText(By.id("supplier-pick"), "OpenMind Models (supplier-openmind)");
    String resourceId = new Select(browser.find(By.id("links-resource"))).getFirstSelectedOption().getAttribute("value");

    WebElement form = browser.find(By.id("link-form"));
    new Select(form.findElement(By.name("supplier_org_id"))).selectByValue("supplier-apihub");
    form.findElement(By.name("unit_cost")).sendKeys("0.000008");
    WebElement priority = form.findElement(By.name("priority"));
    priority.clear();
    priority.sendKeys("1");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    browser.find(By.cssSelector("tr[data-supplier='supplier-apihub']"));
    JsonNode added = link(resourceId, "supplier-apihub");
    assertThat(new BigDecimal(added.path("unit_cost").asText())).isEqualByComparingTo("0.000008");
    assertThat(added.path("priority").asInt()).isEqualTo(1);
    // priority 0 beats the cheaper supplier at priority 1
    assertThat(browser.find(By.id("supplier-pick")).getText()).contains("supplier-openmind");

    browser.find(By.xpath("//tr[@data-supplier='supplier-apihub']//button[text()='Edit']")).click();
    WebElement editedPriority = browser.find(By.cssSelector("tr.editing input[name=priority]"));
    editedPriority.clear();
    editedPriority.sendKeys("0");
    browser.find(By.xpath("//tr[@class='editing']//button[text()='Save']")).click();

    // same priority: the lower cost wins
    browser.waitForText(By.id("supplier-pick"), "API Hub (supplier-apihub)");
    assertThat(link(resourceId, "supplier-apihub").path("priority").asInt()).isZero();
    assertThat(browser.find(By.cssSelector("tr[data-supplier='supplier-apihub'] .badge")).getText())
        .isEqualTo("picked");
    browser.screenshotWholePage("supplier-links");

    browser.find(By.xpath("//tr[@data-supplier='supplier-apihub']//button[text()='Remove']")).click();
    browser.find(By.cssSelector("dialog[open] button[type=submit]")).click();
    browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-supplier='supplier-apihub']")).isEmpty());
    assertThat(links(resourceId)).extracting(l -> l.path("supplier_org_id").asText())
        .containsExactly("supplier-openmind");
    browser.waitForText(By.id("supplier-pick"), "OpenMind Models (supplier-openmind)");
  }

  // --- subscriptions ---------------------------------------------------------------------------

  @Test
  void subscribesFiltersEditsOverageRenewsAndCancels() {
    signIn();
    goTo("subscriptions");
    browser.find(By.id("subscriptions"));
    WebElement form = browser.find(By.id("subscribe-form"));
    new Select(form.findElement(By.name("product_id"))).selectByVisibleText("Search API");
    form.findElement(By.name("user_org_id")).sendKeys("wayne");
    form.findElement(By.name("user_id")).sendKeys("bruce");
    new Select(form.findElement(By.name("billing_mode"))).selectByValue("3");
    replace(form.findElement(By.name("quota_total")), "500");
    replace(form.findElement(By.name("quota_unit")), "call");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    browser.waitForText(By.cssSelector("p.note"), "Subscribed");
    JsonNode created = onlySubscriptionOf("wayne");
    String id = created.path("id").asText();
    assertThat(created.path("product_id").asText()).isEqualTo(productIds.get("Search API"));
    assertThat(created.path("user_id").asText()).isEqualTo("bruce");
    assertThat(created.path("billing_mode").asText()).isEqualTo("3");
    assertThat(created.path("allow_overage").asBoolean()).isFalse();
    assertThat(new BigDecimal(created.path("quota_total").asText())).isEqualByComparingTo("500");
    assertThat(created.path("status").asText()).isEqualTo("active");
    browser.find(By.cssSelector("tr[data-subscription-id='" + id + "']"));
    browser.screenshotWholePage("subscriptions");

    WebElement filters = browser.find(By.id("subscription-filters"));
    filters.findElement(By.name("user_org_id")).sendKeys("wayne");
    new Select(filters.findElement(By.name("status"))).selectByValue("active");
    filters.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitFor(d -> d.findElements(By.cssSelector("#subscriptions tbody tr")).size() == 1 ? true : null);
    WebElement row = browser.find(By.cssSelector("tr[data-subscription-id='" + id + "']"));
    assertThat(row.findElement(By.cssSelector(".quota-text")).getText())
        .isEqualTo(created.path("quota_used").asText() + " / " + created.path("quota_total").asText() + " call");
    assertThat(row.findElement(By.tagName("progress")).getAttribute("max")).isEqualTo("500");

    row.findElement(By.xpath(".//button[text()='Overage']")).click();
    WebElement dialog = browser.find(By.cssSelector("dialog[open]"));
    dialog.findElement(By.name("allow_overage")).click();
    dialog.findElement(By.name("overage_unit_price")).sendKeys("0.02");
    dialog.findElement(By.name("overage_cap")).sendKeys("100");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitForText(By.cssSelector("p.note"), "Overage changed");
    JsonNode overage = server.get("/subscriptions/" + id);
    assertThat(overage.path("allow_overage").asBoolean()).isTrue();
    assertThat(new BigDecimal(overage.path("overage_unit_price").asText())).isEqualByComparingTo("0.02");
    assertThat(new BigDecimal(overage.path("overage_cap").asText())).isEqualByComparingTo("100");
    browser.waitForText(By.cssSelector("tr[data-subscription-id='" + id + "']"), "of " + overage.path("overage_cap").asText());

    browser.find(By.xpath("//tr[@data-subscription-id='" + id + "']//button[text()='Renew']")).click();
    browser.waitForText(By.cssSelector("p.note"), "Renewed");
    JsonNode renewed = server.get("/subscriptions/" + id);
    assertThat(renewed.path("period_end").asText()).isGreaterThan(overage.path("period_end").asText());

    browser.find(By.xpath("//tr[@data-subscription-id='" + id + "']//button[text()='Cancel']")).click();
    browser.find(By.cssSelector("dialog[open] button[type=submit]")).click();
    browser.waitForText(By.cssSelector("p.note"), "Cancelled");
    assertThat(server.get("/subscriptions/" + id).path("status").asText()).isEqualTo("cancelled");
  }

  // --- consumption records ---------------------------------------------------------------------

  @Test
  void listsConsumptionWithCostSellPriceMarginTotalsPagesAChartAndACsv() throws IOException {
    String org = "umbrella";
    server.post("/balances/" + org + "/recharge", "{\"amount\": \"50\"}");
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      items.append(i == 0 ? "" : ",").append(String.format(
          "{\"product_id\": \"%s\", \"user_id\": \"%s\", \"user_org_id\": \"%s\","
              + " \"used_amount\": \"%d\", \"used_unit\": \"token\","
              + " \"usage\": {\"prompt_tokens\": %d, \"completion_tokens\": %d},%s"
              + " \"source_ref_table\": \"ui_test\", \"source_ref_id\": \"use-%d\"}",
          productIds.get("Chat Pro"), i % 3 == 0 ? "bob" : "ada", org, 1000 + i * 37,
          800 + i * 30, 200 + i * 7, i % 5 == 0 ? " \"supplier_org_id\": \"supplier-apihub\"," : "", i));
    }
    JsonNode batch = server.post("/usage/batch", "{\"items\": [" + items + "]}");
    batch.path("results").forEach(result -> assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201));
    List<JsonNode> logged = new ArrayList<>();
    server.get("/usage?user_org_id=" + org + "&page_size=1000").path("items").forEach(logged::add);
    assertThat(logged).hasSize(25);

    signIn();
    goTo("usage");
    WebElement filters = browser.find(By.id("usage-filters"));
    filters.findElement(By.name("user_org_id")).sendKeys(org);
    filters.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitForText(By.cssSelector(".pager-status"), "25 in all");
    browser.waitForText(By.id("all-total-CNY"), "All 25 matching");

    List<WebElement> rows = browser.findAll(By.cssSelector("#usage tbody tr"));
    assertThat(rows).hasSize(20);
    for (WebElement row : rows) {
      JsonNode use = byId(logged, row.getAttribute("data-usage-id"));
      List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
      assertThat(cells.get(4)).isEqualTo(use.path("used_amount").asText());
      assertThat(cells.get(5)).isEqualTo("token");
      assertThat(cells.get(6)).isEqualTo(use.path("unit_cost").asText());
      assertThat(cells.get(7)).isEqualTo(use.path("total_cost").asText());
      assertThat(cells.get(8)).isEqualTo(use.path("sell_price").asText());
      assertThat(cells.get(9)).isEqualTo(margin(use));
      assertThat(cells.get(3)).isEqualTo(use.path("supplier_org_id").asText().equals("supplier-apihub") ? "API Hub" : "OpenMind Models");
    }
    List<String> all = cellsOf(browser.find(By.id("all-total-CNY")));
    assertThat(all.get(1)).isEqualTo(sum(logged, "used_amount"));
    assertThat(all.get(4)).isEqualTo(sum(logged, "total_cost"));
    assertThat(all.get(5)).isEqualTo(sum(logged, "sell_price"));
    assertThat(all.get(6)).isEqualTo(new BigDecimal(sum(logged, "sell_price")).subtract(new BigDecimal(sum(logged, "total_cost"))).toPlainString());
    browser.find(By.id("daily-chart"));
    browser.screenshotWholePage("consumption-records");

    List<String> firstPage = rows.stream().map(row -> row.getAttribute("data-usage-id")).toList();
    browser.find(By.xpath("//nav[@aria-label='Consumption record pages']//button[text()='Next']")).click();
    browser.waitForText(By.cssSelector(".pager-status"), "Page 2 of 2");
    browser.waitFor(d -> d.findElements(By.cssSelector("#usage tbody tr")).size() == 5 ? true : null);
    List<String> bothPages = new ArrayList<>(firstPage);
    browser.findAll(By.cssSelector("#usage tbody tr"))
        .forEach(row -> bothPages.add(row.getAttribute("data-usage-id")));
    assertThat(bothPages)
        .containsExactlyInAnyOrderElementsOf(logged.stream().map(u -> u.path("id").asText()).toList());

    // the chart's figures: revenue and cost per business day add up to the totals
    List<String> dayRevenue = new ArrayList<>();
    List<String> dayCost = new ArrayList<>();
    for (WebElement day : browser.findAll(By.cssSelector("#daily tbody tr"))) {
      List<String> cells = day.findElements(By.tagName("td")).stream().map(e -> e.getAttribute("textContent")).toList();
      dayRevenue.add(cells.get(1));
      dayCost.add(cells.get(2));
    }
    assertThat(sum(dayRevenue)).isEqualByComparingTo(sum(logged, "sell_price"));
    assertThat(sum(dayCost)).isEqualByComparingTo(sum(logged, "total_cost"));
    Object series = browser.script(
        "const c = Chart.getChart(document.getElementById('daily-chart'));"
            + " return [c.data.labels.length, c.data.datasets.length];");
    assertThat(series).isEqualTo(List.of((long) dayRevenue.size(), 2L));

    browser.find(By.id("usage-export")).click();
    Path csv = browser.downloads().resolve("tally-consumption.csv");
    browser.waitFor(d -> Files.exists(csv) ? true : null);
    List<String> lines = browser.waitFor(d -> {
      try {
        List<String> read = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return read.size() == 26 ? read : null;
      } catch (IOException e) {
        return null;
      }
    });
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      List<String> values = List.of(line.split(",", -1));
      JsonNode use = byId(logged, values.get(header.indexOf("id")));
      assertThat(values.get(header.indexOf("sell_price"))).isEqualTo(use.path("sell_price").asText());
      assertThat(values.get(header.indexOf("total_cost"))).isEqualTo(use.path("total_cost").asText());
      assertThat(values.get(header.indexOf("margin"))).isEqualTo(margin(use));
      assertThat(values.get(header.indexOf("product_name"))).isEqualTo("Chat Pro");
    }

    // one more filter: a user, over the same org
    WebElement byUser = browser.find(By.id("usage-filters"));
    byUser.findElement(By.name("user_id")).sendKeys("bob");
    byUser.findElement(By.cssSelector("button[type=submit]")).click();
    long bobs = logged.stream().filter(u -> u.path("user_id").asText().equals("bob")).count();
    browser.waitForText(By.cssSelector(".pager-status"), bobs + " in all");
  }

  // --- balances --------------------------------------------------------------------------------

  @Test
  void listsArrearsFirstRechargesSetsCreditLimitSuspendsResumesAndShowsTheLedger() {
    server.post("/balances/hooli/recharge", "{\"amount\": \"10\"}");
    server.send("PUT", "/balances/hooli/credit-limit", "{\"credit_limit\": \"20\"}");
    server.post("/balances/hooli/adjust", "{\"amount\": \"-15\", \"reason\": \"ui test arrears\"}");
    List<String> inArrears = new ArrayList<>();
    server.get("/balances?status=arrears&page_size=1000").path("items")
        .forEach(b -> inArrears.add(b.path("customer_id").asText()));
    assertThat(inArrears).contains("hooli");

    signIn();
    goTo("balances");
    browser.find(By.cssSelector("#balances tbody tr"));
    List<String> shown = browser.findAll(By.cssSelector("#balances tbody tr")).stream()
        .map(r -> r.getAttribute("data-customer")).toList();
    assertThat(shown.subList(0, inArrears.size())).containsExactlyElementsOf(inArrears);
    assertThat(shown).contains("acme", "globex", "initech");

    String before = server.get("/balances/initech").path("balance").asText();
    browser.find(By.xpath("//tr[@data-customer='initech']//button[text()='Open']")).click();
    WebElement recharge = browser.find(By.id("recharge-form"));
    recharge.findElement(By.name("amount")).sendKeys("25");
    recharge.findElement(By.name("memo")).sendKeys("ui top-up");
    recharge.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitForText(By.cssSelector("#account p.note"), "Recharged 25");
    JsonNode recharged = server.get("/balances/initech");
    assertThat(new BigDecimal(recharged.path("balance").asText()))
        .isEqualByComparingTo(new BigDecimal(before).add(new BigDecimal("25")));
    browser.waitForText(By.id("account"), "Balance " + recharged.path("balance").asText());
    JsonNode newest = server.get("/accounting/records?customer_id=initech&page_size=1").path("items").get(0);
    browser.waitForText(By.cssSelector("#ledger tbody tr"), codeLabel("ledger_operation", "RECHARGE"));
    List<String> ledgerRow = cellsOf(browser.find(By.cssSelector("#ledger tbody tr")));
    assertThat(ledgerRow.get(1)).isEqualTo(codeLabel("ledger_operation", newest.path("operation").asText()));
    assertThat(ledgerRow.get(2)).isEqualTo(newest.path("amount").asText() + " " + newest.path("currency").asText());
    assertThat(ledgerRow.get(3)).isEqualTo(newest.path("balance_after").asText());
    assertThat(ledgerRow.get(5)).isEqualTo("ui top-up");
    browser.screenshotWholePage("balances");

    WebElement credit = browser.find(By.id("credit-form"));
    replace(credit.findElement(By.name("credit_limit")), "150");
    credit.findElement(By.cssSelector("button[type=submit]")).click();
    browser.waitForText(By.cssSelector("#account p.note"), "Credit limit now");
    assertThat(new BigDecimal(server.get("/balances/initech").path("credit_limit").asText()))
        .isEqualByComparingTo("150");

    browser.find(By.id("status-button")).click();
    browser.waitForText(By.id("status-button"), "Resume");
    assertThat(server.get("/balances/initech").path("status").asText()).isEqualTo("suspended");
    browser.find(By.id("status-button")).click();
    browser.waitForText(By.id("status-button"), "Suspend");
    assertThat(server.get("/balances/initech").path("status").asText()).isEqualTo("active");

    new Select(browser.find(By.cssSelector("main select"))).selectByValue("arrears");
    browser.waitFor(d -> d.findElements(By.cssSelector("#balances tbody tr")).size() == inArrears.size() ? true : null);
  }

  // --- safety, layout, keyboard ----------------------------------------------------------------

  @Test
  void showsValuesFromTheApiAsTextNeverAsHtml() {
    String hostile = "<img src=x onerror=alert(1)>";
    server.post("/products", "{\"product_name\": \"" + hostile.replace("\"", "\\\"") + "\","
        + " \"owner_org_id\": \"reseller-demo\", \"description\": \"<b>bold</b><script>alert(2)</script>\"}");

    signIn();
    goTo("bindings");
    Select products = new Select(browser.find(By.id("binding-product")));
    browser.waitFor(d -> products.getOptions().stream().anyMatch(o -> o.getText().equals(hostile)) ? true : null);
    products.selectByVisibleText(hostile);

    browser.waitForText(By.cssSelector(".product-about"), "<b>bold</b><script>alert(2)</script>");
    assertThat(browser.findAll(By.tagName("img"))).isEmpty();
    assertThat(browser.findAll(By.cssSelector("main b, main script"))).isEmpty();
    assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    goTo("subscriptions");
    WebElement filter = browser.find(By.cssSelector("#subscription-filters select[name=product_id]"));
    assertThat(new Select(filter).getOptions()).extracting(WebElement::getText).contains(hostile);
    assertThat(browser.findAll(By.tagName("img"))).isEmpty();
    browser.screenshot("text-not-html");
  }

  @Test
  void servesEveryFileWithAStrictContentSecurityPolicyAndNoInlineCode() {
    for (String path : List.of("/admin/", "/admin/js/app.js", "/admin/admin.css",
        "/admin/lib/chart.js/dist/chart.umd.min.js", "/admin/lib/htm/preact/standalone.module.js")) {
      HttpResponse<String> response = server.fetch(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy).as(path)
          .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
              "frame-ancestors 'none'", "require-trusted-types-for 'script'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
    }
    String page = server.fetch("/admin/").body();
    assertThat(page).doesNotContain("style=").doesNotContain("<style").doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    assertThat(page).doesNotContain("http://", "https://", "//cdn");
    HttpResponse<String> bare = server.fetch("/admin");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.headers().firstValue("Location")).contains("/admin/");

    // what the pages asked for, all from this server
    signIn();
    for (String screen : SCREENS) {
      goTo(screen);
    }
    Object resources = browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat((List<?>) resources).isNotEmpty()
        .allSatisfy(url -> assertThat(url.toString()).startsWith(server.baseUrl() + "/"));
  }

  @Test
  void fitsATabletAndLabelsEveryControl() {
    browser.resize(820, 1180);
    signIn();
    for (String screen : SCREENS) {
      goTo(screen);
      browser.find(By.cssSelector("main form, main table"));
      // tables may scroll sideways inside their box; nothing else may stick out of the window
      Object sticksOut = browser.script(
          "return document.documentElement.scrollWidth <= window.innerWidth ? [] :"
              + " [...document.querySelectorAll('body *')]"
              + ".filter(e => !e.closest('.table-box') && e.getBoundingClientRect().right > window.innerWidth)"
              + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
      assertThat((List<?>) sticksOut).as("%s fits 820 px without sideways scrolling", screen).isEmpty();
      Object unlabelled = browser.script(
          "return [...document.querySelectorAll('input, select, textarea')]"
              + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))"
              + ".map(e => e.name || e.id || e.outerHTML)");
      assertThat((List<?>) unlabelled).as("controls without a label on %s", screen).isEmpty();
      Object headingFirst = browser.script(
          "const h1 = document.querySelector('main h1');"
              + " return [...document.querySelectorAll('main form, main table, main p')]"
              + ".every(e => h1.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)");
      assertThat(headingFirst).as("%s starts with its heading", screen).isEqualTo(true);
    }
    goTo("subscriptions");
    browser.find(By.id("subscriptions"));
    browser.screenshot("subscriptions-tablet");
  }

  @Test
  void signsInAndMovesBetweenScreensWithTheKeyboardAlone() {
    signedOut();
    WebElement focused = browser.driver().switchTo().activeElement();
    assertThat(focused.getAttribute("id")).isEqualTo("api-key");
    focused.sendKeys(server.adminKey(), Keys.ENTER);
    browser.find(By.id("nav-bindings"));

    for (int tabs = 0; tabs < 10; tabs++) {
      WebElement active = browser.driver().switchTo().activeElement();
      if ("nav-balances".equals(active.getAttribute("id"))) {
        break;
      }
      active.sendKeys(Keys.TAB);
    }
    WebElement link = browser.driver().switchTo().activeElement();
    assertThat(link.getAttribute("id")).isEqualTo("nav-balances");
    link.sendKeys(Keys.ENTER);
    browser.find(By.cssSelector("main[data-screen='balances']"));
    assertThat(browser.find(By.id("nav-balances")).getAttribute("aria-current")).isEqualTo("page");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The sign-in page of a tab that holds no key. */
  private static void signedOut() {
    browser.open(server.baseUrl() + "/admin/");
    browser.script("sessionStorage.clear()");
    browser.open(server.baseUrl() + "/admin/#/bindings");
    browser.driver().navigate().refresh();
    browser.find(By.id("api-key"));
  }

  private static void signIn() {
    signedOut();
    browser.find(By.id("api-key")).sendKeys(server.adminKey(), Keys.ENTER);
    browser.find(By.cssSelector("main[data-screen]"));
  }

  /** Opens a screen from the menu and waits until it has loaded what it shows. */
  private static void goTo(String screen) {
    browser.find(By.id("nav-" + screen)).click();
    browser.find(By.cssSelector("main[data-screen='" + screen + "'] h1"));
    browser.waitFor(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
  }

  private static void replace(WebElement input, String text) {
    input.clear();
    input.sendKeys(text);
  }

  private static String codeLabel(String set, String code) {
    for (JsonNode codeSet : server.get("/code-sets?page_size=1000").path("items")) {
      if (codeSet.path("id").asText().equals(set)) {
        for (JsonNode label : codeSet.path("codes")) {
          if (label.path("code").asText().equals(code)) {
            return label.path("label").asText();
          }
        }
      }
    }
    throw new AssertionError("no label for " + set + " " + code);
  }

  private static JsonNode resource(String productId, String ref) {
    for (JsonNode resource : server.get("/products/" + productId + "/resources?page_size=1000").path("items")) {
      if (resource.path("resource_ref_id").asText().equals(ref)) {
        return resource;
      }
    }
    throw new AssertionError("product " + productId + " has no resource " + ref);
  }

  private static List<JsonNode> links(String resourceId) {
    List<JsonNode> links = new ArrayList<>();
    server.get("/resources/" + resourceId + "/suppliers?page_size=1000").path("items").forEach(links::add);
    return links;
  }

  private static JsonNode link(String resourceId, String supplier) {
    return links(resourceId).stream()
        .filter(l -> l.path("supplier_org_id").asText().equals(supplier))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no link of " + supplier));
  }

  private static JsonNode onlySubscriptionOf(String org) {
    JsonNode items = server.get("/subscriptions?user_org_id=" + org).path("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static JsonNode byId(List<JsonNode> rows, String id) {
    return rows.stream().filter(r -> r.path("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no usage row " + id));
  }

  /** Sell price less total cost, exactly, at the larger scale of the two (as the API sent them). */
  private static String margin(JsonNode use) {
    return new BigDecimal(use.path("sell_price").asText())
        .subtract(new BigDecimal(use.path("total_cost").asText()))
        .toPlainString();
  }

  private static String sum(List<JsonNode> rows, String field) {
    return rows.stream().map(r -> new BigDecimal(r.path(field).asText()))
        .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
  }

  private static BigDecimal sum(List<String> values) {
    return values.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The texts of a row's header and data cells, in order. */
  private static List<String> cellsOf(WebElement row) {
    return Stream.concat(
            row.findElements(By.tagName("th")).stream(), row.findElements(By.tagName("td")).stream())
        .map(WebElement::getText)
        .toList();
  }
}
