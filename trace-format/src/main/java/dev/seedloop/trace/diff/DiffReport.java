package dev.seedloop.trace.diff;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.TraceFooter;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@link TraceDiff} found. Immutable. {@link #hasDifferences()} is what a script should test;
 * {@link DiffText#render} makes it readable.
 *
 * @param identityDifferences run identity fields that differ (seed, scenario, options, nodes, level,
 *     engine version), one line each; provenance is never compared
 * @param firstDivergence the first digested event at which the traces differ, by position
 * @param laneDivergences per node (and the run-wide lane -1), the first event whose shape differs, for
 *     lanes that differ at all
 * @param a the summary of trace A
 * @param b the summary of trace B
 * @param invariants every invariant either trace checked or violated, in name order
 * @param finalState differences between the nodes' last state snapshots
 * @param footerA the footer of A, if it has one
 * @param footerB the footer of B, if it has one
 * @param damageA damage found reading A
 * @param damageB damage found reading B
 */
public record DiffReport(List<String> identityDifferences, Optional<Divergence> firstDivergence,
        List<LaneDivergence> laneDivergences, TraceSummary a, TraceSummary b, List<InvariantOutcome> invariants,
        List<FieldDifference> finalState, Optional<TraceFooter> footerA, Optional<TraceFooter> footerB,
        Optional<Damage> damageA, Optional<Damage> damageB) {
    public DiffReport {
        identityDifferences = List.copyOf(identityDifferences);
        laneDivergences = List.copyOf(laneDivergences);
        invariants = List.copyOf(invariants);
        finalState = List.copyOf(finalState);
    }

    /**
     * Whether the traces differ in anything that matters: identity, any digested event, a final state
     * field, an invariant outcome, or the run outcome. Provenance and non-digested renderings do not count.
     */
    public boolean hasDifferences() {
        return !identityDifferences.isEmpty() || firstDivergence.isPresent() || !finalState.isEmpty()
                || invariants.stream().anyMatch(i -> !i.agrees())
                || !footerA.map(TraceFooter::outcome).equals(footerB.map(TraceFooter::outcome));
    }
}
