package dev.seedloop.engine.internal.trace;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.trace.TraceWriter;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's state as name/value pairs for a state snapshot: what an {@link Inspectable} node says,
 * in the order its map gives (by name for a JDK map with no order of its own, such as {@code Map.of}), or
 * else its instance fields by reflection — superclass fields first, then by name, an order that is the
 * same on every JVM (the order of {@code getDeclaredFields} is unspecified).
 *
 * <p>Snapshots are taken after every step, and most fields do not change between two steps, so the work
 * is cached where that cannot change a rendering: each class's fields (made accessible once, and read
 * through a generated {@link FieldReader} where one can be made) and their name ids; and, per node and
 * field, the last value and its rendering, reused while the field holds the
 * same <em>immutable</em> value — equal strings and boxed primitives, the same constant of an enum that
 * keeps {@code Enum.toString}, the same record whose components are all immutable and which keeps the
 * generated {@code toString} (which javac declares final) or is one of the engine's own (such as
 * {@link Address}), the same unmodifiable JDK list ({@code List.of}, {@code List.copyOf}) of such values.
 * Anything else is rendered afresh every time, so a mutable object's rendering is always current.
 *
 * <p>One inspector serves one recording: name ids belong to its writer.
 */
final class StateInspector {
    /** The fields of one snapshot; the arrays are reused by the next {@link #inspect} call. */
    record Snapshot(int count, int[] nameIds, String[] values) {}

    /**
     * A class's instance fields, accessible, in snapshot order, and a generated reader of all of them (null:
     * read each by reflection). Shared by every recording, which is safe: both are pure functions of the class.
     */
    private record ClassFields(java.lang.reflect.Field[] fields, FieldReader reader) {}

    private static final ClassValue<ClassFields> CLASS_FIELDS = new ClassValue<>() {
        @Override
        protected ClassFields computeValue(Class<?> type) {
            java.lang.reflect.Field[] fields = fieldsOf(type);
            return new ClassFields(fields, FieldReaders.of(type, fields));
        }
    };

    /** A class's fields and reader, with the fields' name ids in this inspector's writer. */
    private record Layout(java.lang.reflect.Field[] fields, FieldReader reader, int[] nameIds) {}

    /** The last values seen in one node's fields and their renderings. */
    private static final class NodeValues {
        final Object node;
        final Object[] values;
        final String[] renderings;
        /** The class of each field's last value that is not a list, and whether that class is immutable. */
        final Class<?>[] types;
        final boolean[] immutableTypes;
        /** For an {@link Inspectable} node: the name last seen at each position, and its id. */
        final String[] names;
        final int[] nameIds;

        NodeValues(Object node, int fields) {
            this.node = node;
            this.values = new Object[fields];
            this.renderings = new String[fields];
            this.types = new Class<?>[fields];
            this.immutableTypes = new boolean[fields];
            this.names = new String[fields];
            this.nameIds = new int[fields];
        }

        /** Whether {@code value}, the new value of field {@code i}, is immutable; remembers its class. */
        boolean immutable(int i, Object value, StateInspector inspector) {
            if (value instanceof List<?>) {
                return inspector.isImmutable(value);
            }
            Class<?> type = value.getClass();
            if (type != types[i]) {
                types[i] = type;
                immutableTypes[i] = inspector.isImmutableType(type);
            }
            return immutableTypes[i];
        }
    }

    // Looked up by class only, never iterated.
    private final Map<Class<?>, Layout> layouts = new HashMap<>();
    private final Map<Class<?>, Boolean> immutableTypes = new HashMap<>();
    private NodeValues[] byNode = new NodeValues[0];
    private Class<?> lastClass;
    private Layout lastLayout;
    private int[] nameIds = new int[8];
    private String[] values = new String[8];
    private Object[] raw = new Object[8]; // the fields' values as a FieldReader read them

    /** The state of {@code nodeObject}, node {@code node} of the run, with field names interned in {@code writer}. */
    Snapshot inspect(int node, Object nodeObject, TraceWriter writer) {
        if (nodeObject instanceof Inspectable inspectable) {
            return inspectable(node, inspectable, writer);
        }
        Layout layout = layoutOf(nodeObject.getClass(), writer);
        java.lang.reflect.Field[] fields = layout.fields();
        NodeValues last = valuesOf(node, nodeObject, fields.length);
        room(fields.length);
        FieldReader reader = layout.reader();
        if (reader != null) {
            reader.read(nodeObject, raw);
        }
        for (int i = 0; i < fields.length; i++) {
            Object value;
            if (reader != null) {
                value = raw[i];
            } else {
                try {
                    value = fields[i].get(nodeObject);
                } catch (IllegalAccessException | RuntimeException e) {
                    values[i] = "<inaccessible: " + e.getClass().getSimpleName() + ">";
                    last.renderings[i] = null;
                    continue;
                }
            }
            values[i] = renderingOf(last, i, value);
        }
        return new Snapshot(fields.length, layout.nameIds(), values);
    }

    /**
     * What an {@link Inspectable} node says, with the same reuse as for fields: a position whose name and
     * immutable value are those of the node's previous snapshot keeps its name id and rendering.
     */
    private Snapshot inspectable(int node, Inspectable nodeObject, TraceWriter writer) {
        Map<String, ?> state;
        try {
            state = nodeObject.inspect();
        } catch (RuntimeException e) {
            room(1);
            nameIds[0] = writer.stringId("<inspect() threw>");
            values[0] = e.toString();
            return new Snapshot(1, nameIds, values);
        }
        if (state == null) {
            // Said in the trace, as a throwing inspect() is: recording must never change how the run ends.
            room(1);
            nameIds[0] = writer.stringId("<inspect() returned null>");
            values[0] = "a node's inspect() must return a map (empty for no state)";
            return new Snapshot(1, nameIds, values);
        }
        int size = state.size();
        room(size);
        NodeValues last = valuesOf(node, nodeObject, size);
        int i = 0;
        for (Map.Entry<String, ?> entry : inOrder(state)) {
            if (i == size) {
                break; // a map whose iteration yields more entries than its size says: the size is what is kept
            }
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (!name.equals(last.names[i])) {
                // Another name at this position: neither its id nor the value remembered there applies.
                last.names[i] = name;
                last.nameIds[i] = writer.stringId(name);
                last.renderings[i] = null;
            }
            nameIds[i] = last.nameIds[i];
            values[i] = renderingOf(last, i, value);
            i++;
        }
        return new Snapshot(i, nameIds, values);
    }

    /**
     * The rendering of {@code value}, now at position {@code i} of a node's snapshot: the one remembered
     * there if the value is the same immutable one as before, else a new one (remembered if immutable).
     */
    private String renderingOf(NodeValues last, int i, Object value) {
        String rendering = last.renderings[i];
        if (rendering == null || !sameImmutable(value, last.values[i])) {
            rendering = ValueRenderer.render(value);
            boolean keep = value == null || last.immutable(i, value, this);
            last.values[i] = keep ? value : null;
            last.renderings[i] = keep ? rendering : null;
        }
        return rendering;
    }

    /**
     * The entries of an {@link Inspectable}'s state in display order: the map's own, unless it is a JDK map
     * with none ({@code Map.of} salts its order at every JVM start), whose entries are listed by name so
     * that the trace's bytes are the same in every JVM.
     */
    private static Iterable<? extends Map.Entry<String, ?>> inOrder(Map<String, ?> state) {
        if (!ValueRenderer.isUnorderedJdkMap(state)) {
            return state.entrySet();
        }
        List<Map.Entry<String, ?>> entries = new ArrayList<>(state.entrySet());
        entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
        return entries;
    }

    private void room(int fields) {
        if (values.length < fields) {
            values = new String[Math.max(fields, 2 * values.length)];
            nameIds = new int[values.length];
            raw = new Object[values.length];
        }
    }

    private Layout layoutOf(Class<?> type, TraceWriter writer) {
        if (type != lastClass) {
            Layout layout = layouts.get(type);
            if (layout == null) {
                ClassFields shared = CLASS_FIELDS.get(type);
                java.lang.reflect.Field[] fields = shared.fields();
                int[] ids = new int[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    ids[i] = writer.stringId(fields[i].getName());
                }
                layout = new Layout(fields, shared.reader(), ids);
                layouts.put(type, layout);
            }
            lastClass = type;
            lastLayout = layout;
        }
        return lastLayout;
    }

    private NodeValues valuesOf(int node, Object nodeObject, int fields) {
        if (node >= byNode.length) {
            byNode = Arrays.copyOf(byNode, Math.max(node + 1, 2 * byNode.length));
        }
        NodeValues last = byNode[node];
        if (last == null || last.node != nodeObject || last.values.length < fields) {
            // A new node object (a restart), or an inspect() that says more than before, starts with
            // nothing to reuse.
            last = new NodeValues(nodeObject, fields);
            byNode[node] = last;
        }
        return last;
    }

    /** Whether {@code value} renders as {@code previous} did: both null, or the same immutable value. */
    private static boolean sameImmutable(Object value, Object previous) {
        if (value == previous) {
            return true;
        }
        if (value == null || previous == null || value.getClass() != previous.getClass()) {
            return false;
        }
        // Boxed primitives and strings are compared by value: reflection boxes a fresh one on every read.
        return (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character) && isValueClass(value.getClass()) && value.equals(previous);
    }

    /** Whether {@code value}'s rendering can never change (see the class comment). */
    private boolean isImmutable(Object value) {
        if (value instanceof List<?> list && isUnmodifiableJdkList(list)) {
            for (Object element : list) {
                if (element != null && !isImmutable(element)) {
                    return false;
                }
            }
            return true;
        }
        return isImmutableType(value.getClass());
    }

    private boolean isImmutableType(Class<?> type) {
        Boolean known = immutableTypes.get(type);
        if (known == null) {
            immutableTypes.put(type, false); // a record that contains itself is not treated as immutable
            known = computeImmutable(type);
            immutableTypes.put(type, known);
        }
        return known;
    }

    private boolean computeImmutable(Class<?> type) {
        if (isValueClass(type)) {
            return true;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return ValueRenderer.declaresToString(type, Enum.class) == Enum.class; // then it renders as its name
        }
        if (type.isRecord()) {
            // A hand-written toString could read anything; the generated one renders the components only.
            // Address renders its name only, which is one of its components, too.
            if (!ValueRenderer.hasGeneratedToString(type) && type != Address.class) {
                return false;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> c = component.getType();
                if (!c.isPrimitive() && !(Modifier.isFinal(c.getModifiers()) && isImmutableType(c))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isValueClass(Class<?> type) {
        return type == String.class || type == Integer.class || type == Long.class || type == Boolean.class
                || type == Short.class || type == Byte.class || type == Character.class || type == Double.class
                || type == Float.class;
    }

    private static boolean isUnmodifiableJdkList(List<?> list) {
        // List.of and List.copyOf; their elements can never be replaced.
        return list.getClass().getName().startsWith("java.util.ImmutableCollections$");
    }

    /** The instance fields of {@code type} and its superclasses in snapshot order, made accessible where allowed. */
    static java.lang.reflect.Field[] fieldsOf(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<java.lang.reflect.Field> fields = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            List<java.lang.reflect.Field> own = new ArrayList<>();
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                } catch (RuntimeException e) {
                    // Left inaccessible; inspect() reports it per value.
                }
                own.add(field);
            }
            own.sort(Comparator.comparing(java.lang.reflect.Field::getName));
            fields.addAll(own);
        }
        return fields.toArray(new java.lang.reflect.Field[0]);
    }
}
