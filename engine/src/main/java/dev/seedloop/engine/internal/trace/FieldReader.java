package dev.seedloop.engine.internal.trace;

/**
 * Reads every snapshot field of one node class at once, as {@link java.lang.reflect.Field#get} would read
 * them one by one (primitives boxed), in the order of the class's snapshot layout.
 *
 * <p>Implemented by classes that {@link FieldReaders} generates next to each node class. It is public only
 * because those classes live in the node's package; nothing outside this package uses it.
 */
public interface FieldReader {
    /** Stores field {@code i} of {@code node} into {@code values[i]}, for every field of the layout. */
    void read(Object node, Object[] values);
}
