package io.certpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The stack's real Keycloak, as a person's tools and an administrator reach it. */
final class Keycloak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Keycloak() {
    }

    /** A demo user's password, from the file {@code ./certpipe up --keycloak} keeps. */
    static String password(String username) {
        try {
            for (JsonNode user : JSON.readTree(Files.readString(Stack.home().resolve("keycloak/demo-users.json")))) {
                if (user.path("username").asText().equals(username)) {
                    return user.path("password").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no demo user " + username);
    }

    /** The password grant's answer for {@code username} through client {@code clientId}: id_token, access_token... */
    static JsonNode passwordGrant(String clientId, String username) {
        return form(Stack.keycloakIssuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password(username), "scope", "openid"),
                null);
    }

    /** Sets attribute {@code name} of client {@code clientId} of the realm, as an administrator would. */
    static void setClientAttribute(String clientId, String name, String value) {
        String admin = adminToken();
        String clients = Stack.keycloak() + "/admin/realms/certpipe/clients";
        JsonNode client = send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + clientId))
                .header("Authorization", "Bearer " + admin).GET()).get(0);
        ((ObjectNode) client.path("attributes")).put(name, value);
        send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(client.toString())));
    }

    private static String adminToken() {
        try {
            String password = Files.readString(Stack.home().resolve("secrets/keycloak-admin-password")).trim();
            return form(Stack.keycloak() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type",
                    "password", "client_id", "admin-cli", "username", "admin", "password", password), null)
                    .path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode form(String url, Map<String, String> fields, String bearer) {
        String body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(bearer == null ? request : request.header("Authorization", "Bearer " + bearer));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
