package dev.seedloop.engine.audit.sibling.util;

/** A helper of the code under test in a package no audit here follows; named Alpha to sort before Zeta. */
public final class Alpha {
    private Alpha() {}

    /** Does nothing; referenced so the scan reaches this class. */
    public static void touch() {}
}
