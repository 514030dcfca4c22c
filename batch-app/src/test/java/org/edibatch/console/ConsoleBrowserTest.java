package org.edibatch.console;

import org.edibatch.samples.SampleSet;
import org.edibatch.signature.OfficerPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in headless Chromium, driven by chromedriver, each browser with its own client certificate: an
 * officer filters the queue, opens a red declaration and records a reassessment, which the next run applies (the
 * ledger's reversal and new entry on the page, the CUSRES with the new amounts in the outbox); an auditor sees the
 * same page without the form. Screenshots of the queue and the declaration page go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private TestApp app;
    private OfficerPki pki;
    private int port;
    private Path home;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)");
        assumeTrue(ChromiumProfile.toolsAvailable(),
                "NSS's certutil and pk12util are not installed (Debian: apt-get install libnss3-tools)");
        this.home = home;
        pki = OfficerPki.create(home.resolve("pki"), Instant.now());
        app = TestApp.start(home, "spring.main.web-application-type=servlet", "edibatch.console.port=0",
                "edibatch.console.page-size=10");
        SampleSet.write(app.inbox(), SampleSet.generate());
        assertThat(app.runCustoms("browser").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        port = ((WebServerApplicationContext) app.context()).getWebServer().getPort();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anOfficerReassessesARedDeclarationAndAnAuditorOnlyReads() throws Exception {
        String hs = app.jdbc().queryForObject("SELECT MAX(hs_code) FROM ref_tariff", String.class);
        String declarationUrl;
        WebDriver officer = browser(OfficerPki.OFFICER);
        try {
            officer.get(base() + "/queue");
            assertThat(officer.findElement(By.cssSelector(".who .role")).getText()).isEqualTo("OFFICER");
            List<WebElement> all = officer.findElements(By.cssSelector("#queue tbody tr[data-channel]"));
            assertThat(all).isNotEmpty();
            screenshot(officer, "console-queue.png");
            new Select(officer.findElement(By.name("channel"))).selectByValue("RED");
            officer.findElement(By.cssSelector("form.filters button")).click();
            List<WebElement> red = officer.findElements(By.cssSelector("#queue tbody tr[data-channel]"));
            assertThat(red).isNotEmpty().allMatch(r -> "RED".equals(r.getDomAttribute("data-channel")));
            assertThat(officer.getCurrentUrl()).contains("channel=RED");

            WebElement first = red.get(0).findElement(By.cssSelector("a[href^='/declarations/']"));
            String number = first.getText();
            first.click();
            declarationUrl = officer.getCurrentUrl();
            assertThat(officer.findElement(By.id("declaration-no")).getText()).isEqualTo(number);
            WebElement form = officer.findElement(By.id("decide"));
            form.findElement(By.cssSelector("input[name=kind][value=REASSESS]")).click();
            form.findElement(By.name("hsCode")).sendKeys(hs);
            form.findElement(By.name("reason")).sendKeys("Inspection found goods of another heading.");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            WebElement decision = officer.findElement(By.cssSelector("#decisions tbody tr"));
            assertThat(decision.getDomAttribute("data-kind")).isEqualTo("REASSESS");
            assertThat(decision.getText()).contains("HS " + hs).contains("CN=Kim Officer")
                    .contains("Inspection found goods of another heading.");
            assertThat(officer.getCurrentUrl()).isEqualTo(declarationUrl);
            Map<String, Object> row = app.jdbc().queryForMap("SELECT id, kind, hs_code FROM officer_decision "
                    + "WHERE declaration_no = ?", number);
            assertThat(row).containsEntry("kind", "REASSESS").containsEntry("hs_code", hs);

            // The next run applies it: the reversal of version 1 and version 2's entry, a CUSRES with the new amounts.
            assertThat(app.runCustoms("browser-after-decision").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            Map<String, Object> v2 = app.jdbc().queryForMap("SELECT sender, acceptance_no, customs_value_krw, duty_krw, "
                    + "vat_krw, previous_duty + previous_vat AS previous_tax FROM declaration_version "
                    + "WHERE declaration_no = ? AND version = 2", number);
            String sender = (String) v2.get("sender");
            String key = "CUSDEC:" + sender + ":" + number;
            officer.navigate().refresh();
            List<String> keys = officer.findElements(By.cssSelector("#ledger tbody td[title]")).stream()
                    .map(td -> td.getDomAttribute("title")).distinct().toList();
            assertThat(keys).containsExactly(key, key + ":v1:reversal", key + ":v2");
            String decisionId = row.get("id").toString();
            WebElement answer = officer.findElement(By.cssSelector(
                    "#answers a[href$='/CUSRES-D" + decisionId + "']"));
            assertThat(answer.getText()).startsWith("CUSRES_D" + decisionId + "_");
            screenshot(officer, "console-declaration.png");
            answer.click();
            String cusres = officer.findElement(By.tagName("body")).getText().replace("\n", "");
            assertThat(cusres).contains("BGM+962+" + v2.get("acceptance_no") + "+30+AP'")
                    .contains("MOA+124:" + plain(v2.get("duty_krw")) + ":KRW'")
                    .contains("MOA+124:" + plain(v2.get("vat_krw")) + ":KRW'")
                    .contains("MOA+40:" + plain(v2.get("customs_value_krw")) + ":KRW'")
                    .contains("MOA+176:" + plain(v2.get("previous_tax")) + ":KRW'");
            try (var files = Files.list(app.home().resolve("outbox").resolve(sender))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("CUSRES_D" + decisionId + "_"));
            }
        } finally {
            officer.quit();
        }

        WebDriver auditor = browser(OfficerPki.AUDITOR);
        try {
            auditor.get(declarationUrl);
            assertThat(auditor.findElement(By.cssSelector(".who .role")).getText()).isEqualTo("AUDITOR");
            assertThat(auditor.findElements(By.cssSelector("#decisions tbody tr"))).hasSize(1);
            assertThat(auditor.findElements(By.id("decide"))).as("no decision form for an auditor").isEmpty();
        } finally {
            auditor.quit();
        }
    }

    private static String plain(Object amount) {
        return ((java.math.BigDecimal) amount).toPlainString();
    }

    private String base() {
        return "https://127.0.0.1:" + port;
    }

    /** A headless Chromium of its own profile, presenting the given certificate and trusting the officers' root. */
    private WebDriver browser(String alias) throws Exception {
        Path userHome = Files.createTempDirectory(home, "browser-" + alias);
        Path profile = userHome.resolve("profile");
        ChromiumProfile.create(userHome, profile, pki.p12(alias), pki.trustDir().resolve("gov-root-ca.pem"), port);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("HOME", userHome.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        long height = (Long) ((ChromeDriver) driver).executeScript("return document.body.scrollHeight");
        driver.manage().window().setSize(new Dimension(1400, (int) Math.min(Math.max(height + 40, 600), 2400)));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
