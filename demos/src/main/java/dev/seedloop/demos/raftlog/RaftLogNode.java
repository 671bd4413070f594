package dev.seedloop.demos.raftlog;

import dev.seedloop.demos.raftlog.RaftLogMessage.AppendEntries;
import dev.seedloop.demos.raftlog.RaftLogMessage.AppendReply;
import dev.seedloop.demos.raftlog.RaftLogMessage.RequestVote;
import dev.seedloop.demos.raftlog.RaftLogMessage.VoteReply;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.TimerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Raft server with leader election, log replication and commitment (Ongaro and Ousterhout, 2014, §5).
 *
 * <p>Term, vote and log are durable ({@link DurableState}, synced before the server answers anyone);
 * role, commit index, applied commands and the leader's per-follower progress are volatile and start
 * over after a crash-restart. A leader proposes commands itself, on some heartbeats, from its own
 * random stream; followers learn the commit index from AppendEntries and apply committed entries in order.
 *
 * <p><b>The labelled flaw.</b> With {@code flawed} set, the leader advances its commit index to any index
 * stored on a majority, whatever the term of that entry. The paper's rule (§5.4.2) is to commit by
 * counting replicas only entries of the leader's current term; earlier ones are then committed
 * indirectly. Without the rule, an entry of an earlier term can be "committed" and later overwritten by
 * a leader whose log ends in a higher term (Figure 8).
 */
public final class RaftLogNode implements Node<RaftLogMessage>, Inspectable {
    /** A server's role in its current term. */
    public enum Role { FOLLOWER, CANDIDATE, LEADER }

    private static final String ELECTION = "election-timeout";
    private static final String HEARTBEAT = "heartbeat";

    private final List<Address> cluster;
    private final boolean flawed;
    private final RaftLogTuning tuning;

    private DurableState durable;
    private Role role = Role.FOLLOWER;
    private int commitIndex;
    private final List<String> applied = new ArrayList<>();
    // Who granted this server its current candidacy, in the order the votes arrived. Replaced, never
    // mutated: an unchanged immutable list is rendered once for a FULL trace's snapshots, not every step.
    private List<Address> votes = List.of();
    private int[] nextIndex;
    private int[] matchIndex;
    private int proposals;
    private TimerId electionTimer;
    private TimerId heartbeatTimer;

    /**
     * Creates a server of {@code cluster} (every member, this one included).
     *
     * @param flawed whether to commit entries of earlier terms by counting replicas (the labelled flaw)
     */
    public RaftLogNode(List<Address> cluster, boolean flawed, RaftLogTuning tuning) {
        this.cluster = List.copyOf(cluster);
        this.flawed = flawed;
        this.tuning = tuning;
    }

    // ------------------------------------------------------------------ what invariants may read

    /** The current term (0 before the node has started). */
    public int term() {
        return durable == null ? 0 : durable.term();
    }

    /** The current role. */
    public Role role() {
        return role;
    }

    /** The highest index this server knows to be committed. */
    public int commitIndex() {
        return commitIndex;
    }

    /** The log, read-only; entry {@code i} (1-based) is element {@code i - 1}. */
    public List<LogEntry> log() {
        return durable == null ? List.of() : durable.log();
    }

    /** The commands applied to the state machine, in log order; command {@code i} (1-based) is element {@code i - 1}. */
    public List<String> applied() {
        return Collections.unmodifiableList(applied);
    }

    @Override
    public Map<String, ?> inspect() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("role", role);
        state.put("term", term());
        state.put("votedFor", durable == null ? null : durable.votedFor());
        state.put("log", log());
        state.put("commitIndex", commitIndex);
        state.put("applied", applied.size());
        if (role == Role.LEADER) {
            state.put("matchIndex", Arrays.toString(matchIndex));
        }
        return state;
    }

    // ------------------------------------------------------------------ handlers

    @Override
    public void onStart(Context<RaftLogMessage> ctx) {
        durable = DurableState.load(ctx.storage(), cluster);
        resetElectionTimer(ctx);
    }

    @Override
    public void onMessage(Context<RaftLogMessage> ctx, Address from, RaftLogMessage message) {
        if (message.term() > durable.term()) {
            stepDown(ctx, message.term());
        }
        switch (message) {
            case RequestVote request -> onRequestVote(ctx, from, request);
            case VoteReply reply -> onVoteReply(ctx, from, reply);
            case AppendEntries append -> onAppendEntries(ctx, from, append);
            case AppendReply reply -> onAppendReply(ctx, from, reply);
        }
    }

    @Override
    public void onTimer(Context<RaftLogMessage> ctx, Object tag) {
        if (ELECTION.equals(tag) && role != Role.LEADER) {
            startElection(ctx);
        } else if (HEARTBEAT.equals(tag) && role == Role.LEADER) {
            if (ctx.random().nextInt(tuning.proposeOneIn()) == 0 && uncommittedProposals() < tuning.maxUncommittedProposals()) {
                propose(ctx);
            }
            for (Address peer : peers(ctx)) {
                sendAppend(ctx, peer);
            }
            heartbeatTimer = ctx.setTimer(tuning.heartbeatInterval(), HEARTBEAT);
        }
    }

    // ------------------------------------------------------------------ election

    private void startElection(Context<RaftLogMessage> ctx) {
        durable.enterTerm(durable.term() + 1);
        durable.voteFor(ctx.self());
        durable.sync();
        role = Role.CANDIDATE;
        votes = List.of(ctx.self());
        for (Address peer : peers(ctx)) {
            ctx.send(peer, new RequestVote(durable.term(), durable.lastIndex(), durable.termAt(durable.lastIndex())));
        }
        resetElectionTimer(ctx);
    }

    private void onRequestVote(Context<RaftLogMessage> ctx, Address candidate, RequestVote request) {
        boolean granted = request.term() == durable.term()
                && (durable.votedFor() == null || durable.votedFor().equals(candidate))
                && candidateLogIsUpToDate(request);
        if (granted) {
            durable.voteFor(candidate);
            resetElectionTimer(ctx);
        }
        durable.sync();
        ctx.send(candidate, new VoteReply(durable.term(), granted));
    }

    /** §5.4.1: the candidate's last entry has a higher term, or the same term and at least our length. */
    private boolean candidateLogIsUpToDate(RequestVote request) {
        int myLastTerm = durable.termAt(durable.lastIndex());
        return request.lastLogTerm() > myLastTerm
                || (request.lastLogTerm() == myLastTerm && request.lastLogIndex() >= durable.lastIndex());
    }

    private void onVoteReply(Context<RaftLogMessage> ctx, Address voter, VoteReply reply) {
        if (role != Role.CANDIDATE || reply.term() != durable.term() || !reply.granted()) {
            return;
        }
        if (votes.contains(voter)) {
            return; // a duplicated vote counts once
        }
        votes = with(votes, voter);
        if (votes.size() > cluster.size() / 2) {
            becomeLeader(ctx);
        }
    }

    private void becomeLeader(Context<RaftLogMessage> ctx) {
        role = Role.LEADER;
        ctx.log("leader of term " + durable.term() + " with log " + durable.log());
        nextIndex = new int[cluster.size()];
        matchIndex = new int[cluster.size()];
        Arrays.fill(nextIndex, durable.lastIndex() + 1);
        matchIndex[cluster.indexOf(ctx.self())] = durable.lastIndex();
        cancel(ctx, electionTimer);
        for (Address peer : peers(ctx)) {
            sendAppend(ctx, peer);
        }
        heartbeatTimer = ctx.setTimer(tuning.heartbeatInterval(), HEARTBEAT);
    }

    private void stepDown(Context<RaftLogMessage> ctx, int newTerm) {
        durable.enterTerm(newTerm);
        durable.sync();
        if (role == Role.LEADER) {
            cancel(ctx, heartbeatTimer);
        }
        if (role != Role.FOLLOWER) {
            role = Role.FOLLOWER;
            resetElectionTimer(ctx);
        }
    }

    // ------------------------------------------------------------------ replication

    private void propose(Context<RaftLogMessage> ctx) {
        String command = ctx.self().name() + "-" + (++proposals) + "-x" + ctx.random().nextInt(1000);
        durable.append(new LogEntry(durable.term(), command));
        durable.sync();
        matchIndex[cluster.indexOf(ctx.self())] = durable.lastIndex();
        ctx.log("proposed " + command + " at index " + durable.lastIndex());
        advanceCommitIndex(ctx);
    }

    private int uncommittedProposals() {
        int count = 0;
        for (int i = durable.lastIndex(); i > commitIndex && durable.termAt(i) == durable.term(); i--) {
            count++;
        }
        return count;
    }

    private void sendAppend(Context<RaftLogMessage> ctx, Address peer) {
        if (ctx.buggify("leader-skips-a-follower")) {
            return; // a slow replication path, on purpose: entries linger on a minority for a while
        }
        int next = nextIndex[cluster.indexOf(peer)];
        int prev = next - 1;
        ctx.send(peer, new AppendEntries(durable.term(), prev, durable.termAt(prev),
                durable.entriesFrom(next, tuning.maxEntriesPerAppend()), commitIndex));
    }

    private void onAppendEntries(Context<RaftLogMessage> ctx, Address leader, AppendEntries append) {
        if (append.term() < durable.term()) {
            ctx.send(leader, new AppendReply(durable.term(), false, 0));
            return;
        }
        // A leader of our term exists: a candidate gives up, everyone waits for the leader.
        role = Role.FOLLOWER;
        resetElectionTimer(ctx);
        int prev = append.prevLogIndex();
        if (prev > durable.lastIndex() || durable.termAt(prev) != append.prevLogTerm()) {
            durable.sync();
            ctx.send(leader, new AppendReply(durable.term(), false, Math.min(durable.lastIndex(), prev - 1)));
            return;
        }
        int index = prev;
        for (LogEntry entry : append.entries()) {
            index++;
            if (index <= durable.lastIndex() && durable.termAt(index) != entry.term()) {
                durable.truncateFrom(index); // a conflicting suffix from an old leader
            }
            if (index > durable.lastIndex()) {
                durable.append(entry);
            }
        }
        durable.sync();
        int lastNew = prev + append.entries().size();
        if (append.leaderCommit() > commitIndex) {
            commitIndex = Math.max(commitIndex, Math.min(append.leaderCommit(), lastNew));
            applyCommitted();
        }
        ctx.send(leader, new AppendReply(durable.term(), true, lastNew));
    }

    private void onAppendReply(Context<RaftLogMessage> ctx, Address follower, AppendReply reply) {
        if (role != Role.LEADER || reply.term() != durable.term()) {
            return;
        }
        int f = cluster.indexOf(follower);
        int next = nextIndex[f];
        if (reply.success()) {
            if (reply.matchIndex() <= matchIndex[f]) {
                return; // a duplicate or a late reply: nothing new
            }
            matchIndex[f] = reply.matchIndex();
            nextIndex[f] = Math.max(nextIndex[f], reply.matchIndex() + 1);
            advanceCommitIndex(ctx);
        } else {
            nextIndex[f] = Math.max(matchIndex[f] + 1, Math.min(nextIndex[f] - 1, reply.matchIndex() + 1));
        }
        // Keep one exchange going while the follower is behind; heartbeats restart a lost one.
        if (nextIndex[f] != next && nextIndex[f] <= durable.lastIndex()) {
            sendAppend(ctx, follower);
        }
    }

    /**
     * Commits the highest index stored on a majority. The correct rule only counts replicas of an entry
     * of the current term (§5.4.2); the flawed one counts any entry.
     */
    private void advanceCommitIndex(Context<RaftLogMessage> ctx) {
        for (int n = durable.lastIndex(); n > commitIndex; n--) {
            if (!flawed && durable.termAt(n) != durable.term()) {
                break; // terms only grow along the log: no lower entry is of the current term either
            }
            int replicas = 0;
            for (int match : matchIndex) {
                if (match >= n) {
                    replicas++;
                }
            }
            if (replicas > cluster.size() / 2) {
                commitIndex = n;
                ctx.log("committed up to index " + n + " (" + durable.entryAt(n) + ")");
                applyCommitted();
                return;
            }
        }
    }

    private void applyCommitted() {
        while (applied.size() < commitIndex) {
            applied.add(durable.entryAt(applied.size() + 1).command());
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<Address> peers(Context<RaftLogMessage> ctx) {
        return cluster.stream().filter(a -> !a.equals(ctx.self())).toList();
    }

    private static List<Address> with(List<Address> voters, Address voter) {
        Address[] more = voters.toArray(new Address[voters.size() + 1]);
        more[voters.size()] = voter;
        return List.of(more);
    }

    private void resetElectionTimer(Context<RaftLogMessage> ctx) {
        cancel(ctx, electionTimer);
        long wait = ctx.random().between(tuning.electionTimeoutMin().toNanos(), tuning.electionTimeoutMax().toNanos());
        electionTimer = ctx.setTimerNanos(wait, ELECTION);
    }

    private static void cancel(Context<RaftLogMessage> ctx, TimerId timer) {
        if (timer != null) {
            ctx.cancelTimer(timer);
        }
    }
}
