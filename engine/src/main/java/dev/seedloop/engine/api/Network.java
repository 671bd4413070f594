package dev.seedloop.engine.api;

import java.util.Collection;
import java.util.List;

/**
 * The simulated network of a run: link profiles and reachability.
 *
 * <p><b>Profiles.</b> The profile for a message from A to B is, in order of precedence: the profile set
 * for the directed link A&rarr;B, the sender A's node profile, the receiver B's node profile, the
 * default profile. A change applies to messages sent after it.
 *
 * <p><b>Reachability</b> is evaluated when a delivery fires, not when the message is sent: a partition
 * that heals while a message is in flight lets it through, one that opens while it is in flight cuts it.
 * Partitions and isolations change immediately and are recorded as events. A partition replaces the
 * previous one; {@link #heal()} removes every partition and isolation.
 */
public interface Network {
    /**
     * The profile every link without a more specific one has now: {@link LinkProfile#DEFAULT} unless set,
     * or swarm testing's loss and duplication. Change one knob and keep the rest with
     * {@code setDefaultProfile(defaultProfile().withLatency(...))}.
     */
    LinkProfile defaultProfile();

    /** Sets the profile for every link without a more specific one. */
    void setDefaultProfile(LinkProfile profile);

    /** Sets the profile for messages sent by {@code node}, or to it when the sender has none. */
    void setNodeProfile(Address node, LinkProfile profile);

    /** Sets the profile for messages sent from {@code from} to {@code to} (one direction only). */
    void setLinkProfile(Address from, Address to, LinkProfile profile);

    /** Sets the profile for both directions between {@code a} and {@code b}. */
    default void setLinkProfileBothWays(Address a, Address b, LinkProfile profile) {
        setLinkProfile(a, b, profile);
        setLinkProfile(b, a, profile);
    }

    /**
     * Splits the network in two: nodes in {@code side} reach each other, and every other node reaches
     * every node outside {@code side}, but nothing crosses.
     */
    void partition(Collection<Address> side);

    /**
     * Splits the network into {@code groups}: a message is delivered only within a group. Every address
     * not listed, including one created later, belongs to one more group of its own. A node may appear
     * in at most one group.
     */
    void partition(List<? extends Collection<Address>> groups);

    /** Cuts {@code node} off from every other node, in both directions, until {@link #heal()}. */
    void isolate(Address node);

    /**
     * Removes every partition and isolation made through this interface. Partitions injected as
     * scheduled faults ({@link Faults#partition()}) end with their own windows.
     */
    void heal();

    /**
     * Whether partitions and isolations let a message from {@code from} to {@code to} through now.
     * It says nothing of the receiver itself: a message to a crashed or unstarted node is still dropped.
     */
    boolean canReach(Address from, Address to);
}
