package dev.seedloop.demos.raftlog;

import java.util.List;

/** The messages of Raft with log replication (the paper's RequestVote and AppendEntries RPCs and their replies). */
public sealed interface RaftLogMessage {
    /** The sender's current term. */
    int term();

    /** A candidate asks for a vote, showing how up to date its log is. */
    record RequestVote(int term, int lastLogIndex, int lastLogTerm) implements RaftLogMessage {}

    /** The reply to {@link RequestVote}. */
    record VoteReply(int term, boolean granted) implements RaftLogMessage {}

    /**
     * The leader replicates {@code entries} following {@code prevLogIndex}, which must hold an entry of
     * {@code prevLogTerm} on the follower (the consistency check), and tells its commit index.
     */
    record AppendEntries(int term, int prevLogIndex, int prevLogTerm, List<LogEntry> entries, int leaderCommit)
            implements RaftLogMessage {
        /** Copies the entries. */
        public AppendEntries {
            entries = List.copyOf(entries);
        }
    }

    /**
     * The reply to {@link AppendEntries}: on success, {@code matchIndex} is the last index known to match
     * the leader's log; on failure it is a hint where to retry (the follower's last index, at most).
     */
    record AppendReply(int term, boolean success, int matchIndex) implements RaftLogMessage {}
}
