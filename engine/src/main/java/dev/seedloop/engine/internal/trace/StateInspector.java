package dev.seedloop.engine.internal.trace;

import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's state as name/value pairs for a state snapshot: what an {@link Inspectable} node says,
 * or else its instance fields by reflection — superclass fields first, then by name, an order that is
 * the same on every JVM (the order of {@code getDeclaredFields} is unspecified).
 */
final class StateInspector {
    // Looked up by class only, never iterated.
    private final Map<Class<?>, java.lang.reflect.Field[]> fieldsByClass = new HashMap<>();

    List<Field> inspect(Object node) {
        if (node instanceof Inspectable inspectable) {
            List<Field> fields = new ArrayList<>();
            Map<String, ?> state;
            try {
                state = inspectable.inspect();
            } catch (RuntimeException e) {
                return List.of(new Field("<inspect() threw>", e.toString()));
            }
            state.forEach((name, value) -> fields.add(new Field(String.valueOf(name), ValueRenderer.render(value))));
            return fields;
        }
        java.lang.reflect.Field[] fields = fieldsByClass.computeIfAbsent(node.getClass(), StateInspector::fieldsOf);
        List<Field> result = new ArrayList<>(fields.length);
        for (java.lang.reflect.Field field : fields) {
            String value;
            try {
                value = ValueRenderer.render(field.get(node));
            } catch (IllegalAccessException | RuntimeException e) {
                value = "<inaccessible: " + e.getClass().getSimpleName() + ">";
            }
            result.add(new Field(field.getName(), value));
        }
        return result;
    }

    private static java.lang.reflect.Field[] fieldsOf(Class<?> type) {
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
