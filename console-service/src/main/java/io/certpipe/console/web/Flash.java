package io.certpipe.console.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.core.NewCookie;

/**
 * A message for the page a form redirects to (post, redirect, get): carried by a short-lived cookie of that page's
 * path, shown once and cleared by the page that shows it.
 */
public record Flash(Kind kind, String text) {

    public enum Kind {
        SUCCESS,
        NOTICE,
        ERROR;

        /** Its style in the page ({@code flash-success}, ...). */
        public String cssClass() {
            return "flash-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String COOKIE = "console-flash";
    private static final int SHOWN_WITHIN_SECONDS = 60;

    /** The cookie that carries this message to the page at {@code path}. */
    public NewCookie cookieFor(String path) {
        String value = kind.name() + ":" + text;
        return cookie(path, Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(
                StandardCharsets.UTF_8)), SHOWN_WITHIN_SECONDS);
    }

    /** The cookie that clears the message of the page at {@code path} once it has been shown. */
    public static NewCookie clearedFor(String path) {
        return cookie(path, "", 0);
    }

    /** The message a cookie value carries; none when it is absent or not one of ours. */
    public static Optional<Flash> read(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        try {
            String value = new String(Base64.getUrlDecoder().decode(cookieValue), StandardCharsets.UTF_8);
            int colon = value.indexOf(':');
            return Optional.of(new Flash(Kind.valueOf(value.substring(0, colon)), value.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException notOurs) {
            return Optional.empty();
        }
    }

    private static NewCookie cookie(String path, String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path(path).maxAge(maxAge).secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
