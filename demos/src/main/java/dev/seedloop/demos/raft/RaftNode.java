package dev.seedloop.demos.raft;

import dev.seedloop.demos.raft.RaftMessage.Heartbeat;
import dev.seedloop.demos.raft.RaftMessage.RequestVote;
import dev.seedloop.demos.raft.RaftMessage.Vote;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.TimerId;
import java.util.List;

/**
 * One server of a Raft leader election: terms, RequestVote, majority, heartbeats. Election only: no log
 * replication, persistence or membership changes.
 *
 * <p>Timing follows the original demo: a node always waits for its next message with a timeout, which is
 * the heartbeat interval while it leads and a fresh random election timeout otherwise, restarted after
 * every message it handles. When the timeout expires, a leader broadcasts a heartbeat and anyone else
 * starts an election.
 *
 * <p><b>The labelled flaw.</b> With {@code buggy} set, the node omits the single-vote-per-term rule and
 * grants its vote to every candidate of its current term. Two candidates can then both collect a
 * majority in the same term: split-brain.
 */
public final class RaftNode implements Node<RaftMessage> {
    /** A node's role in its current term. */
    public enum Role { FOLLOWER, CANDIDATE, LEADER }

    private static final Object TIMEOUT = "timeout";

    private final List<Address> cluster;
    private final boolean buggy;
    private final RaftTiming timing;

    private int term;
    private Role role = Role.FOLLOWER;
    private Address votedFor;
    // Who granted this node its current candidacy, in the order the votes arrived. Replaced, never
    // mutated: an unchanged immutable list is rendered once for a FULL trace's snapshots, not every step.
    private List<Address> votesReceived = List.of();
    private TimerId timeout;

    /**
     * Creates a node of {@code cluster} (every member's address, this node's included).
     *
     * @param buggy whether to omit the single-vote-per-term rule (the labelled flaw)
     */
    public RaftNode(List<Address> cluster, boolean buggy, RaftTiming timing) {
        this.cluster = List.copyOf(cluster);
        this.buggy = buggy;
        this.timing = timing;
    }

    /** The node's current term. */
    public int term() {
        return term;
    }

    /** The node's current role. */
    public Role role() {
        return role;
    }

    @Override
    public void onStart(Context<RaftMessage> ctx) {
        restartTimeout(ctx);
    }

    @Override
    public void onMessage(Context<RaftMessage> ctx, Address from, RaftMessage message) {
        if (message.term() > term) {
            term = message.term();
            role = Role.FOLLOWER;
            votedFor = null;
        }
        switch (message) {
            case RequestVote request -> onRequestVote(ctx, from, request);
            case Vote vote -> onVote(ctx, from, vote);
            case Heartbeat heartbeat -> onHeartbeat(heartbeat);
        }
        restartTimeout(ctx);
    }

    @Override
    public void onTimer(Context<RaftMessage> ctx, Object tag) {
        if (role == Role.LEADER) {
            broadcast(ctx, new Heartbeat(term));
        } else {
            startElection(ctx);
        }
        restartTimeout(ctx);
    }

    private void onRequestVote(Context<RaftMessage> ctx, Address candidate, RequestVote request) {
        boolean sameTerm = request.term() == term;
        boolean mayVote = buggy || votedFor == null || votedFor.equals(candidate);
        boolean granted = sameTerm && mayVote;
        if (granted) {
            votedFor = candidate;
        }
        ctx.send(candidate, new Vote(term, granted));
    }

    private void onVote(Context<RaftMessage> ctx, Address voter, Vote vote) {
        if (role != Role.CANDIDATE || vote.term() != term || !vote.granted()) {
            return;
        }
        if (votesReceived.contains(voter)) {
            return; // a duplicated vote is not counted twice
        }
        votesReceived = with(votesReceived, voter);
        if (votesReceived.size() > cluster.size() / 2) {
            role = Role.LEADER;
            ctx.log("leader of term " + term);
            broadcast(ctx, new Heartbeat(term));
        }
    }

    private void onHeartbeat(Heartbeat heartbeat) {
        if (heartbeat.term() == term && role == Role.CANDIDATE) {
            role = Role.FOLLOWER; // someone else won this term
        }
    }

    private void startElection(Context<RaftMessage> ctx) {
        term++;
        role = Role.CANDIDATE;
        votedFor = ctx.self();
        votesReceived = List.of(ctx.self());
        broadcast(ctx, new RequestVote(term));
    }

    private static List<Address> with(List<Address> voters, Address voter) {
        Address[] more = voters.toArray(new Address[voters.size() + 1]);
        more[voters.size()] = voter;
        return List.of(more);
    }

    private void broadcast(Context<RaftMessage> ctx, RaftMessage message) {
        for (Address peer : cluster) {
            if (!peer.equals(ctx.self())) {
                ctx.send(peer, message);
            }
        }
    }

    private void restartTimeout(Context<RaftMessage> ctx) {
        long wait = role == Role.LEADER
                ? timing.heartbeatIntervalNanos()
                : ctx.random().between(timing.electionTimeoutMinNanos(), timing.electionTimeoutMaxNanos());
        timeout = ctx.resetTimerNanos(timeout, wait, TIMEOUT); // cancels the pending timeout, if any
    }
}
