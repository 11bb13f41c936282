package io.certpipe.console.web;

/**
 * What every page's frame shows: who is signed in (none on public pages) and the token of this session's forms.
 */
public record Frame(String user, String csrf) {

    /** The frame of a page nobody needs to be signed in for. */
    public static Frame signedOut() {
        return new Frame(null, null);
    }

    public boolean signedIn() {
        return user != null;
    }
}
