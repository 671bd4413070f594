package dev.seedloop.demos.raft;

/** The messages of the Raft leader election: vote requests, votes, and the leader's heartbeats. */
public sealed interface RaftMessage {
    /** The sender's current term. */
    int term();

    /** A candidate asks for a vote in {@code term}. */
    record RequestVote(int term) implements RaftMessage {}

    /** A reply to {@link RequestVote}: whether the vote was granted in {@code term}. */
    record Vote(int term, boolean granted) implements RaftMessage {}

    /** The leader of {@code term} asserts its leadership. */
    record Heartbeat(int term) implements RaftMessage {}
}
