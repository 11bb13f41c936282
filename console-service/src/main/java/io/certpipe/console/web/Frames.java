package io.certpipe.console.web;

import jakarta.enterprise.context.RequestScoped;

import io.certpipe.console.session.SignedInUser;

/** The frame of the page being rendered for the signed-in user. */
@RequestScoped
public class Frames {

    private final SignedInUser user;
    private final CsrfTokens csrf;

    public Frames(SignedInUser user, CsrfTokens csrf) {
        this.user = user;
        this.csrf = csrf;
    }

    public Frame current() {
        return new Frame(user.name(), csrf.issue(user.sessionKey()));
    }
}
