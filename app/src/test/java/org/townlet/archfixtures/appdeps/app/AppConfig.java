package org.townlet.archfixtures.appdeps.app;

/** Fixture: the fake app. */
public record AppConfig(long ticks) {
}
