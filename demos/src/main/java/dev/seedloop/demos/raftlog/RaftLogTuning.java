package dev.seedloop.demos.raftlog;

import java.time.Duration;

/**
 * The knobs of the Raft log scenario, one line each.
 *
 * @param electionTimeoutMin the shortest election timeout
 * @param electionTimeoutMax the longest election timeout
 * @param heartbeatInterval how often a leader sends AppendEntries (and may propose a command)
 * @param proposeOneIn a leader proposes a new command on one heartbeat in this many, drawn from its own
 *     random stream: sparse proposals leave a new leader with no entry of its own term for a while
 * @param maxEntriesPerAppend how many entries one AppendEntries carries at most (flow control)
 * @param maxUncommittedProposals a leader stops proposing while this many entries of its own term are
 *     not yet committed (back-pressure: a leader cut off from the majority does not grow its log forever)
 */
public record RaftLogTuning(Duration electionTimeoutMin, Duration electionTimeoutMax, Duration heartbeatInterval,
        int proposeOneIn, int maxEntriesPerAppend, int maxUncommittedProposals) {
    /**
     * Election timeout 30–60 ms, heartbeat 10 ms, a proposal on every heartbeat, one entry per message:
     * short terms and a log that grows fast, so that leaders change often with entries still in flight.
     */
    public static final RaftLogTuning DEFAULT =
            new RaftLogTuning(Duration.ofMillis(30), Duration.ofMillis(60), Duration.ofMillis(10), 1, 1, 4);

    /** Validates the knobs. */
    public RaftLogTuning {
        if (electionTimeoutMin.compareTo(electionTimeoutMax) > 0 || heartbeatInterval.isNegative()
                || heartbeatInterval.isZero() || proposeOneIn < 1 || maxEntriesPerAppend < 1 || maxUncommittedProposals < 1) {
            throw new IllegalArgumentException("invalid Raft tuning: " + electionTimeoutMin + ".." + electionTimeoutMax
                    + ", heartbeat " + heartbeatInterval + ", propose 1/" + proposeOneIn + ", batch " + maxEntriesPerAppend
                    + ", uncommitted " + maxUncommittedProposals);
        }
    }
}
