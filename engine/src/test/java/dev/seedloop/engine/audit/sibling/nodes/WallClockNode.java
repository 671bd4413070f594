package dev.seedloop.engine.audit.sibling.nodes;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;

/**
 * A node in another package than the scenario that starts it, as a user's node code often is (nodes in
 * {@code com.acme.raft}, tests in {@code com.acme.raft.test}). It reads the wall clock, so the audit finds
 * it as soon as its package is audited.
 */
public final class WallClockNode implements Node<Object> {
    @Override
    public void onStart(Context<Object> ctx) {
        ctx.log("started at " + System.currentTimeMillis()); // LEAK: sibling-millis
    }

    @Override
    public void onMessage(Context<Object> ctx, Address from, Object message) {}
}
