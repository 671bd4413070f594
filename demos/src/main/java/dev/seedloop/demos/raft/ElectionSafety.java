package dev.seedloop.demos.raft;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.Verdict;
import java.util.Arrays;
import java.util.List;

/**
 * Raft's election safety: at most one leader per term, over the whole run.
 *
 * <p>It remembers the first leader it saw for each term, so a second leader of the same term is caught
 * even if the first has stepped down meanwhile. The evidence names both leaders and the term.
 */
final class ElectionSafety implements Invariant {
    static final String NAME = "at-most-one-leader-per-term";

    private final List<Address> addresses;
    private final RaftNode[] nodes;
    private int[] leaderOfTerm = new int[16]; // node index + 1; 0 = no leader seen yet

    ElectionSafety(List<Address> addresses, RaftNode[] nodes) {
        this.addresses = List.copyOf(addresses);
        this.nodes = nodes.clone();
    }

    @Override
    public Verdict check() {
        for (int i = 0; i < nodes.length; i++) {
            RaftNode node = nodes[i];
            if (node.role() != RaftNode.Role.LEADER) {
                continue;
            }
            int term = node.term();
            if (term >= leaderOfTerm.length) {
                leaderOfTerm = Arrays.copyOf(leaderOfTerm, Math.max(term + 1, leaderOfTerm.length * 2));
            }
            int known = leaderOfTerm[term];
            if (known == 0) {
                leaderOfTerm[term] = i + 1;
            } else if (known != i + 1) {
                return Verdict.violated(addresses.get(known - 1) + " and " + addresses.get(i)
                        + " both became leader of term " + term);
            }
        }
        return Verdict.ok();
    }
}
