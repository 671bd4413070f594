/**
 * Comparing traces: {@link dev.seedloop.trace.diff.TraceDiff} (first divergence by position, per-node
 * alignment by shape, summaries, invariant outcomes, final state), used by the CLI, the viewer and the
 * engine's nondeterminism report; {@link dev.seedloop.trace.diff.TraceSummary} counts one trace.
 */
package dev.seedloop.trace.diff;
