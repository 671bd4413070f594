package dev.seedloop.engine.audit.sibling.util;

/** A helper of the code under test in a package no audit here follows; named Zeta to sort after Alpha. */
public final class Zeta {
    private Zeta() {}

    /** Does nothing; referenced so the scan reaches this class. */
    public static void touch() {}
}
