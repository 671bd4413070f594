package dev.seedloop.demos.raftlog;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.engine.api.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Raft's state machine safety, checked from outside the servers after every step:
 * <ol>
 *   <li>a committed entry is never overwritten: once any server's commit index covers index {@code i},
 *       every server whose commit index covers {@code i} holds that same entry there;
 *   <li>a committed entry is never lost: a leader of a later term than the one it was committed in
 *       holds it (the paper's Leader Completeness, which the Figure 8 flaw breaks first);
 *   <li>no two servers apply different commands at the same index, even across crash-restarts.
 * </ol>
 * It remembers every commit and every application it has seen, so a server that crashed and came back
 * is held to what it, or anyone, committed before.
 */
final class StateMachineSafety implements Invariant {
    static final String NAME = "state-machine-safety";

    /** An entry first seen committed at some index: by whom and in which term. */
    private record Committed(LogEntry entry, Address by, int term) {}

    /** A command first seen applied at some index, and by whom. */
    private record Applied(String command, Address by) {}

    private final World world;
    private final List<Address> cluster;
    private final List<Committed> committed = new ArrayList<>(); // index i at position i - 1
    private final List<Applied> applied = new ArrayList<>();
    private final Progress[] progress;

    /**
     * How far one server instance has been checked, so that each step costs only what changed. A
     * restarted server is a new instance and is checked from the start again.
     */
    private static final class Progress {
        Object instance;
        int commitChecked; // indices 1..commitChecked were found equal to the committed entries
        LogEntry lastChecked; // the entry at commitChecked, to notice a later overwrite
        int appliedChecked;
        int leaderTerm; // the term in which leader completeness was last checked, 0 if never
        int leaderChecked; // committed indices 1..leaderChecked were found in the leader's log

        void follow(Object server) {
            if (instance != server) {
                instance = server;
                commitChecked = 0;
                lastChecked = null;
                appliedChecked = 0;
                leaderTerm = 0;
                leaderChecked = 0;
            }
        }
    }

    StateMachineSafety(World world, List<Address> cluster) {
        this.world = world;
        this.cluster = List.copyOf(cluster);
        this.progress = new Progress[cluster.size()];
        for (int k = 0; k < progress.length; k++) {
            progress[k] = new Progress();
        }
    }

    @Override
    public Verdict check() {
        for (int k = 0; k < cluster.size(); k++) {
            if (world.node(cluster.get(k)) instanceof RaftLogNode server) {
                progress[k].follow(server);
                Verdict verdict = checkCommitted(k, server);
                if (verdict.holds()) {
                    verdict = checkApplied(k, server);
                }
                if (verdict.holds() && server.role() == RaftLogNode.Role.LEADER) {
                    verdict = checkLeaderCompleteness(k, server);
                }
                if (!verdict.holds()) {
                    return verdict;
                }
            }
        }
        return Verdict.ok();
    }

    /**
     * Checks the indices this server newly covers with its commit index, and that the last one checked
     * before is still there: by Raft's Log Matching property (which the consistency check of
     * AppendEntries keeps, flawed or not), an unchanged entry there means an unchanged prefix.
     */
    private Verdict checkCommitted(int k, RaftLogNode server) {
        Progress p = progress[k];
        List<LogEntry> log = server.log();
        if (p.commitChecked > 0) {
            LogEntry now = p.commitChecked <= log.size() ? log.get(p.commitChecked - 1) : null;
            if (!Objects.equals(p.lastChecked, now)) {
                return overwritten(k, server, p.commitChecked, now);
            }
        }
        for (int i = p.commitChecked + 1; i <= server.commitIndex(); i++) {
            LogEntry entry = i <= log.size() ? log.get(i - 1) : null;
            if (i > committed.size()) {
                committed.add(new Committed(entry, cluster.get(k), server.term()));
            } else if (!Objects.equals(committed.get(i - 1).entry(), entry)) {
                return overwritten(k, server, i, entry);
            }
            p.commitChecked = i;
            p.lastChecked = entry;
        }
        return Verdict.ok();
    }

    private Verdict overwritten(int k, RaftLogNode server, int index, LogEntry entry) {
        Committed known = committed.get(index - 1);
        return Verdict.violated(cluster.get(k) + " has " + (entry == null ? "nothing" : entry) + " at index " + index
                + " with commit index " + server.commitIndex() + ", but " + known.by() + " committed "
                + known.entry() + " there in term " + known.term());
    }

    private Verdict checkApplied(int k, RaftLogNode server) {
        Progress p = progress[k];
        List<String> commands = server.applied();
        for (int i = p.appliedChecked + 1; i <= commands.size(); i++) {
            String command = commands.get(i - 1);
            if (i > applied.size()) {
                applied.add(new Applied(command, cluster.get(k)));
            } else if (!applied.get(i - 1).command().equals(command)) {
                Applied first = applied.get(i - 1);
                return Verdict.violated(cluster.get(k) + " applied " + command + " at index " + i + ", but "
                        + first.by() + " applied " + first.command() + " there");
            }
        }
        p.appliedChecked = commands.size();
        return Verdict.ok();
    }

    /** A leader of a later term holds every committed entry (a leader only appends, so each index is checked once per term). */
    private Verdict checkLeaderCompleteness(int k, RaftLogNode leader) {
        Progress p = progress[k];
        if (p.leaderTerm != leader.term()) {
            p.leaderTerm = leader.term();
            p.leaderChecked = 0;
        }
        List<LogEntry> log = leader.log();
        for (int i = p.leaderChecked + 1; i <= committed.size(); i++) {
            Committed known = committed.get(i - 1);
            LogEntry entry = i <= log.size() ? log.get(i - 1) : null;
            if (leader.term() > known.term() && !Objects.equals(known.entry(), entry)) {
                return Verdict.violated(cluster.get(k) + " leads term " + leader.term() + " with "
                        + (entry == null ? "nothing" : entry) + " at index " + i + ", but " + known.by()
                        + " committed " + known.entry() + " there in term " + known.term() + ": a committed entry is lost");
            }
            p.leaderChecked = i;
        }
        return Verdict.ok();
    }
}
