package dev.seedloop.trace.diff;

import java.util.Optional;

/**
 * A state field whose final value differs between two traces, taken from each node's last snapshot.
 *
 * @param node the node
 * @param field the field name
 * @param a the value in trace A, empty if A's last snapshot lacks the field (or A has no snapshot)
 * @param b the value in trace B, likewise
 */
public record FieldDifference(int node, String field, Optional<String> a, Optional<String> b) {}
