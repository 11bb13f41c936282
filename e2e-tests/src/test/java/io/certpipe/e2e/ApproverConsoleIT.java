package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CsrCondition;

/**
 * The approvers' console in a real browser: Debian's Chromium, headless, driven by Selenium, signing in through the
 * stack's real Keycloak login page as the realm's demo users, while kubectl (the admin kubeconfig) makes the
 * requests. The console acts with each user's own token, so what they may do is what intake's RBAC and four-eyes
 * rules let them do.
 *
 * <p>Needs a stack started with {@code ./certpipe up --keycloak} (Keycloak, its realm {@code certpipe} with the demo
 * users, and console-service); {@code ./certpipe test} runs it in a phase of its own (tag {@value #TAG}). Against a
 * stack without them every test is skipped. Each step leaves a screenshot in {@code target/screenshots/}, and the
 * load time of every page is printed.
 */
@Tag(ApproverConsoleIT.TAG)
class ApproverConsoleIT {

    static final String TAG = "keycloak";

    /** Ports of the browser's driver and of its debugging endpoint, shifted like the stack's so stacks never meet. */
    private static final int DRIVER_PORT = 9515;
    private static final int DEVTOOLS_PORT = 9222;
    /** The realm's public client of the command line, which the requester uses to make a request of their own. */
    private static final String CLI_CLIENT = "kubectl";
    private static final String APPROVER = "approver";
    private static final String REQUESTER = "requester";
    private static final String PRIVILEGED_SIGNER = "example.com/privileged-client";
    private static final String SERVING_SIGNER = "example.com/serving";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "ApproverConsoleIT");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Lets the requesters approve for the privileged signer by RBAC, so that what refuses the requester's own
     * approval is the signer's four-eyes rule and nothing else.
     */
    private static final String REQUESTERS_MAY_APPROVE_PRIVILEGED = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: console-it-privileged-approver
            rules:
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests]
              verbs: [create, get, list, watch]
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests/approval]
              verbs: [update]
            - apiGroups: [certificates.k8s.io]
              resources: [signers]
              resourceNames: [example.com/privileged-client]
              verbs: [approve]
            - apiGroups: [certpipe.io]
              resources: [signers]
              verbs: [get, list]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: console-it-requesters-privileged-approver
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: console-it-privileged-approver}
            subjects:
            - {kind: Group, name: oidc:csr-requesters}
            """;

    private static final List<String> PAGE_LOADS = new ArrayList<>();

    @TempDir
    static Path work;

    private final Kubectl admin = Kubectl.admin();

    /** Each test is reported skipped, with the reason, on a stack without them. */
    @BeforeEach
    void requireTheConsoleAndKeycloak() {
        Assumptions.assumeTrue(Files.isRegularFile(demoUsersFile()) && portOpen(consolePort())
                        && portOpen(URI.create(Stack.keycloak()).getPort()),
                "the stack runs without Keycloak and the console (./certpipe up --keycloak starts them)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Chromium and its driver are not installed (apt-get install chromium chromium-driver)");
    }

    @AfterAll
    static void printPageLoads() {
        if (!PAGE_LOADS.isEmpty()) {
            System.out.println("ApproverConsoleIT page loads (navigation timing, ms):");
            PAGE_LOADS.forEach(line -> System.out.println("  " + line));
        }
    }

    @Test
    void anApproverSeesANewRequestLiveReadsItDecodedApprovesItAndDownloadsTheCertificate(TestInfo test)
            throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.open(test)) {
            browser.signIn(APPROVER);
            browser.waitForLiveUpdates();
            browser.screenshot("signed-in-list");
            browser.markPage();

            String name = Csrs.uniqueName("console-web");
            Path key = Openssl.newKey(work.resolve(name + ".key"));
            admin.create(new Csrs.Manifest(name, Openssl.newRequestWithAlternativeNames(key, "/CN=web.team-a.svc",
                    List.of("DNS:web.team-a.svc", "DNS:web.team-a.svc.cluster.local", "IP:10.0.0.5")),
                    SERVING_SIGNER, List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT,
                            KeyUsages.SERVER_AUTH), Csrs.ONE_DAY_SECONDS).yaml());

            WebElement row = browser.waitFor(By.cssSelector("#request-rows tr[data-key='" + Stack.CLUSTER + "/"
                    + name + "']"));
            assertTrue(browser.isSamePage(), "the row arrived without a reload");
            assertTrue(row.getText().contains("Pending") && row.getText().contains(SERVING_SIGNER), row.getText());
            browser.screenshot("new-request-live");

            row.findElement(By.cssSelector("a.request-link")).click();
            browser.waitForTitle(name);
            browser.recordLoad("request page");
            assertEquals("web.team-a.svc", browser.text("#common-name"));
            String names = browser.text("#alternative-names");
            assertTrue(names.contains("DNS name web.team-a.svc") && names.contains("web.team-a.svc.cluster.local")
                    && names.contains("IP address 10.0.0.5"), names);
            assertTrue(browser.text("#key").startsWith("EC P-256"), browser.text("#key"));
            assertEquals("1d (expirationSeconds 86400)", browser.text("#lifetime"));
            browser.screenshot("request-decoded");

            browser.type("#approve-reason", "VerifiedWithTeamA");
            browser.type("#approve-message", "web.team-a confirmed by phone");
            browser.click("#approve-button");
            browser.waitFor(By.id("flash"));
            browser.recordLoad("request page after approving");
            assertTrue(browser.text("#flash").startsWith("Approved " + name), browser.text("#flash"));
            browser.screenshot("approved");

            browser.reloadUntil("the certificate on the page", () -> browser.text("#request-state").equals("Issued"));
            assertTrue(browser.text("#certificate-subject").contains("CN=web.team-a.svc"));
            browser.screenshot("issued");
            Path downloaded = browser.download("#download-certificate", name + ".crt");
            assertTrue(Openssl.verify(Stack.signerCa(SERVING_SIGNER), downloaded).succeeded(),
                    "the downloaded PEM is the certificate the signer issued");

            JsonNode approved = Csrs.condition(admin.get(name), CsrCondition.APPROVED).orElseThrow();
            assertEquals("VerifiedWithTeamA", approved.path("reason").asText(), approved.toString());
            assertEquals("web.team-a confirmed by phone", approved.path("message").asText());
            String described = admin.run("describe", "csr", name).requireSuccess("describe").stdout();
            assertTrue(described.contains("user/oidc:" + APPROVER), "intake's audit names the approver: "
                    + described);
        }
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestOnASignerThatNeedsTwoOtherApprovers(TestInfo test)
            throws Exception {
        admin.runWithInput(REQUESTERS_MAY_APPROVE_PRIVILEGED, "apply", "-f", "-").requireSuccess("the role");
        try (ConsoleBrowser browser = ConsoleBrowser.open(test)) {
            String name = Csrs.uniqueName("console-break-glass");
            createAs(REQUESTER, name, Openssl.newRequest(Openssl.newKey(work.resolve(name + ".key")),
                    "/CN=" + REQUESTER + "/O=operators"), PRIVILEGED_SIGNER);

            browser.signIn(REQUESTER);
            browser.get(requestPath(name));
            browser.waitForTitle(name);
            assertTrue(browser.text("#approval-rules").contains("2 different approvers, and the requester may not "
                    + "be one of them"), browser.text("#approval-rules"));
            browser.screenshot("own-request");

            browser.type("#approve-reason", "SelfApproval");
            browser.click("#approve-button");
            browser.waitFor(By.id("problem-title"));
            browser.recordLoad("refused approval");
            assertEquals(403, browser.responseStatus());
            assertEquals("Not allowed", browser.text("#problem-title"));
            assertTrue(browser.text("#problem-detail").contains("they requested it, and signer " + PRIVILEGED_SIGNER
                    + " needs it approved by someone else"), browser.text("#problem-detail"));
            browser.screenshot("refused");
            assertEquals("Pending", admin.tableRow(name).cell("CONDITION"));
        } finally {
            admin.run("delete", "clusterrolebinding", "console-it-requesters-privileged-approver");
            admin.run("delete", "clusterrole", "console-it-privileged-approver");
        }
    }

    @Test
    void aRequestWhoseCommonNameIsAScriptShowsItAsInertText(TestInfo test) throws Exception {
        String name = Csrs.uniqueName("console-hostile");
        String hostile = "<script>alert(1)</script>";
        admin.create(Csrs.Manifest.of(name, Openssl.newRequest(Openssl.newKey(work.resolve(name + ".key")),
                "/CN=<script>alert(1)<\\/script>/O=dev-team"), SignerNames.KUBE_APISERVER_CLIENT,
                Csrs.CLIENT_USAGES).yaml());

        try (ConsoleBrowser browser = ConsoleBrowser.open(test)) {
            browser.signIn(APPROVER);
            browser.get(requestPath(name));
            browser.waitForTitle(name);
            browser.recordLoad("hostile request page");

            assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
            assertEquals(hostile, browser.text("#common-name"));
            assertEquals(0L, browser.script("return document.querySelectorAll('#common-name *').length"),
                    "the common name is a text node, no element");
            browser.screenshot("hostile-inert");
        }
    }

    @Test
    void signingOutEndsTheSessionAtKeycloakToo(TestInfo test) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(test)) {
            browser.signIn(APPROVER);
            browser.click("form[action='/sign-out'] button");
            browser.waitFor(By.id("signed-out-title"));
            browser.screenshot("signed-out");

            browser.get("/");
            browser.waitFor(By.id("kc-login"));
            assertTrue(browser.driver.getCurrentUrl().startsWith(Stack.keycloakIssuer()),
                    "Keycloak asks for the password again: " + browser.driver.getCurrentUrl());
            browser.screenshot("asked-to-sign-in-again");
        }
    }

    /** Creates request {@code name} as demo user {@code user}, with the ID token the realm gives the command line. */
    private static void createAs(String user, String name, String requestPem, String signerName) throws Exception {
        JsonNode manifest = JSON.valueToTree(Map.of(
                "apiVersion", "certificates.k8s.io/v1",
                "kind", "CertificateSigningRequest",
                "metadata", Map.of("name", name),
                "spec", Map.of("request", Base64.getEncoder().encodeToString(requestPem.getBytes(
                                StandardCharsets.US_ASCII)),
                        "signerName", signerName,
                        "usages", List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH))));
        ApiClient.Response created = ApiClient.withBearerToken(Keycloak.passwordGrant(CLI_CLIENT, user)
                .path("id_token").asText()).create(manifest.toString());
        assertEquals(201, created.code(), "intake created the request as " + user + ": " + created.body());
    }

    private static X509Certificate readCertificate(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Path demoUsersFile() {
        return Stack.home().resolve("keycloak").resolve("demo-users.json");
    }

    private static int consolePort() {
        return Stack.port("console-service", "https");
    }

    private static String consoleUrl() {
        return "https://127.0.0.1:" + consolePort();
    }

    private static String requestPath(String name) {
        return "/clusters/" + Stack.CLUSTER + "/requests/" + name;
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /**
     * One headless Chromium for one test, trusting the console's serving certificate by its public key alone (no
     * certificate error is ignored for anything else), with its own profile and download folder.
     */
    private static final class ConsoleBrowser implements AutoCloseable {

        private final WebDriver driver;
        private final WebDriverWait wait;
        private final String testName;
        private final Path downloads;
        private final Set<Path> chromiumFoldersBefore;
        private int step;

        private ConsoleBrowser(WebDriver driver, String testName, Path downloads, Set<Path> chromiumFoldersBefore) {
            this.driver = driver;
            this.wait = new WebDriverWait(driver, PAGE_WAIT);
            this.testName = testName;
            this.downloads = downloads;
            this.chromiumFoldersBefore = chromiumFoldersBefore;
        }

        static ConsoleBrowser open(TestInfo test) {
            String testName = test.getTestMethod().orElseThrow().getName();
            Set<Path> before = chromiumTempFolders();
            try {
                Path profile = Files.createDirectories(work.resolve("chromium-" + testName));
                Path downloads = Files.createDirectories(work.resolve("downloads-" + testName));
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM);
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900",
                        "--remote-debugging-port=" + (DEVTOOLS_PORT + Stack.portOffset()),
                        "--user-data-dir=" + profile,
                        "--ignore-certificate-errors-spki-list=" + consoleKeyPin());
                options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false));
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingPort(DRIVER_PORT + Stack.portOffset())
                        .build();
                return new ConsoleBrowser(new ChromeDriver(service, options), testName, downloads, before);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** base64 of the SHA-256 of the console certificate's SubjectPublicKeyInfo, as Chromium pins keys. */
        private static String consoleKeyPin() {
            try {
                byte[] publicKey = readCertificate(Stack.home().resolve("pki").resolve("console.crt")).getPublicKey()
                        .getEncoded();
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot read the console's serving certificate", e);
            }
        }

        /** Through the console's redirect to Keycloak's own login page and back, as {@code user}. */
        void signIn(String user) {
            driver.get(consoleUrl() + "/");
            waitFor(By.id("kc-login"));
            recordLoad("Keycloak login page");
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(Keycloak.password(user));
            screenshot("keycloak-login-" + user);
            driver.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.urlToBe(consoleUrl() + "/"));
            waitFor(By.cssSelector("main h1"));
            recordLoad("request list");
            screenshot("signed-in-" + user);
            assertEquals(user, text(".who"), "the console greets the user Keycloak signed in");
        }

        void get(String path) {
            driver.get(consoleUrl() + path);
        }

        WebElement waitFor(By locator) {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        }

        void waitForTitle(String requestName) {
            wait.until(ExpectedConditions.textToBe(By.cssSelector("h1.request-name"), requestName));
        }

        void waitForLiveUpdates() {
            wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "live"));
        }

        /** Marks the page, so {@link #isSamePage()} can tell that it was not loaded again meanwhile. */
        void markPage() {
            script("window.certpipeConsoleTestMark = true; return null");
        }

        boolean isSamePage() {
            return Boolean.TRUE.equals(script("return window.certpipeConsoleTestMark === true"));
        }

        String text(String css) {
            return driver.findElement(By.cssSelector(css)).getText().strip();
        }

        void type(String css, String value) {
            WebElement field = driver.findElement(By.cssSelector(css));
            field.clear();
            field.sendKeys(value);
        }

        void click(String css) {
            driver.findElement(By.cssSelector(css)).click();
        }

        Object script(String javascript) {
            return ((JavascriptExecutor) driver).executeScript(javascript);
        }

        /** The HTTP status of the page shown, from its navigation timing entry. */
        int responseStatus() {
            return ((Number) script("return performance.getEntriesByType('navigation')[0].responseStatus"))
                    .intValue();
        }

        /** Reloads the page until {@code shown} holds, as a person waiting for the signer would. */
        void reloadUntil(String what, BooleanSupplier shown) {
            Poll.until(what, Poll.PIPELINE, () -> {
                driver.navigate().refresh();
                waitFor(By.cssSelector("h1"));
                return shown.getAsBoolean() ? Optional.of(true) : Optional.empty();
            });
            recordLoad("request page, issued");
        }

        /** Clicks the download link {@code css} and returns the file the browser saved as {@code fileName}. */
        Path download(String css, String fileName) {
            click(css);
            Path file = downloads.resolve(fileName);
            return Poll.until("the download of " + fileName, Duration.ofSeconds(15),
                    () -> Files.isRegularFile(file) && sizeOf(file) > 0 ? Optional.of(file) : Optional.empty());
        }

        /**
         * Prints how long the page shown took to load (navigation timing): until the first byte of the answer, until
         * its DOM was ready, and until it was loaded with its stylesheet and script.
         */
        void recordLoad(String page) {
            Object timing = script("const t = performance.getEntriesByType('navigation')[0];"
                    + "return [Math.round(t.responseStart - t.requestStart), Math.round(t.domContentLoadedEventEnd),"
                    + " Math.round(t.loadEventEnd), Math.round(t.duration)];");
            List<?> values = (List<?>) timing;
            String line = String.format("%-34s first byte %4s, DOM ready %4s, loaded %4s (%s)", page, values.get(0),
                    values.get(1), values.get(2), testName);
            PAGE_LOADS.add(line);
            System.out.println("page load: " + line);
        }

        void screenshot(String what) {
            try {
                Files.createDirectories(SCREENSHOTS);
                byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
                Files.write(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, ++step, what)), png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            driver.quit();
            Set<Path> left = chromiumTempFolders();
            left.removeAll(chromiumFoldersBefore);
            left.forEach(ConsoleBrowser::deleteTree);
        }

        private static long sizeOf(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        /** Chromium leaves a /tmp/org.chromium.Chromium.* folder behind each run; each test removes its own. */
        private static Set<Path> chromiumTempFolders() {
            try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                return entries.filter(path -> path.getFileName().toString().startsWith("org.chromium.Chromium."))
                        .collect(Collectors.toSet());
            } catch (IOException e) {
                return Set.of();
            }
        }

        private static void deleteTree(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // Best effort: a folder the browser still writes to is left for the next run.
            }
        }
    }
}
