package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The per-class caches of snapshots (each class's fields, and the generated reader whose nest host is the
 * node class) do not keep a node class loaded once nothing else uses it: a test runner or IDE that loads
 * classes in a throwaway class loader, and drops it to reload them, has that loader collected.
 */
class StateInspectorUnloadingTests {
    private static final String PACKAGE = StateInspector.class.getPackageName() + ".";

    /** A node class with only its own fields, so that a generated reader can be made for it. */
    public static final class ReloadedNode {
        private int term = 7;
        private String role = "leader";
    }

    /** Defines the classes {@code own} accepts from their class files itself; asks its parent for the rest. */
    private static final class ChildFirstLoader extends ClassLoader {
        private final Predicate<String> own;

        ChildFirstLoader(Predicate<String> own) {
            super("throwaway", StateInspectorUnloadingTests.class.getClassLoader());
            this.own = own;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own.test(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    @Test
    void aNodeClassFromAnotherLoaderIsReadByReflectionAndCanBeUnloaded() throws Exception {
        assertUnloadable(snapshotANodeOfAnotherLoader());
    }

    @Test
    void aNodeClassReadByAGeneratedReaderCanBeUnloadedWithItsLoader() throws Exception {
        assertUnloadable(snapshotANodeWithTheEngineInItsLoader());
    }

    /** Snapshots a node whose class is another loader's; returns only a weak reference to that loader. */
    private static WeakReference<ClassLoader> snapshotANodeOfAnotherLoader() throws Exception {
        ChildFirstLoader loader = new ChildFirstLoader(ReloadedNode.class.getName()::equals);
        Class<?> type = loader.loadClass(ReloadedNode.class.getName());
        assertThat(type).isNotSameAs(ReloadedNode.class);
        // Another loader is another unnamed module: no lookup with full privilege, so no generated reader.
        assertThat(FieldReaders.of(type, StateInspector.fieldsOf(type))).isNull();
        assertThat(values(new StateInspector().inspect(0, type.getConstructor().newInstance(), writer())))
                .containsExactly("leader", "7");
        return new WeakReference<>(loader);
    }

    /**
     * Snapshots a node with a generated reader, and returns only a weak reference to the loader of both.
     */
    private static WeakReference<ClassLoader> snapshotANodeWithTheEngineInItsLoader() throws Exception {
        // The engine's trace package and the node class in one throwaway loader, as when a runner reloads the
        // whole test class path: the reader is generated, and its hidden class's host is the node class.
        ChildFirstLoader loader = new ChildFirstLoader(name -> name.startsWith(PACKAGE));
        Class<?> type = loader.loadClass(ReloadedNode.class.getName());
        Class<?> inspectorType = loader.loadClass(StateInspector.class.getName());
        Class<?> readersType = loader.loadClass(FieldReaders.class.getName());
        assertThat(inspectorType).isNotSameAs(StateInspector.class);

        Field[] fields = (Field[]) accessible(inspectorType.getDeclaredMethod("fieldsOf", Class.class))
                .invoke(null, type);
        Object reader = accessible(readersType.getDeclaredMethod("of", Class.class, Field[].class))
                .invoke(null, type, fields);
        assertThat(reader).as("a generated reader").isNotNull();
        assertThat(reader.getClass().isHidden()).isTrue();
        assertThat(reader.getClass().getNestHost()).isSameAs(type.getNestHost());

        Constructor<?> newInspector = accessible(inspectorType.getDeclaredConstructor());
        Method inspect = accessible(inspectorType.getDeclaredMethod("inspect", int.class, Object.class,
                TraceWriter.class));
        Object snapshot = inspect.invoke(newInspector.newInstance(), 0, type.getConstructor().newInstance(),
                writer());
        int count = (int) accessible(snapshot.getClass().getDeclaredMethod("count")).invoke(snapshot);
        String[] values = (String[]) accessible(snapshot.getClass().getDeclaredMethod("values")).invoke(snapshot);
        assertThat(Arrays.copyOf(values, count)).containsExactly("leader", "7");
        return new WeakReference<>(loader);
    }

    private static void assertUnloadable(WeakReference<ClassLoader> loader) throws InterruptedException {
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(loader.get()).as("the throwaway class loader, once nothing uses its classes").isNull();
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    private static String[] values(StateInspector.Snapshot snapshot) {
        return Arrays.copyOf(snapshot.values(), snapshot.count());
    }

    private static TraceWriter writer() {
        return TraceWriter.create(new ByteArrayOutputStream(), new TraceHeader(
                new RunIdentity("v", "s", 1, List.<KeyValue>of(), List.of(new NodeInfo(0, "n0")), TraceLevel.FULL),
                Provenance.none()), TraceWriter.Options.defaults());
    }
}
