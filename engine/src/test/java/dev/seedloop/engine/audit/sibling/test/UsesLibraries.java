package dev.seedloop.engine.audit.sibling.test;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.audit.sibling.util.Alpha;
import dev.seedloop.engine.audit.sibling.util.Zeta;
import dev.seedloop.trace.RunDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.objectweb.asm.Type;

/**
 * A node that references, from its code, the JDK, seedloop's engine and trace-format, two libraries on the
 * test class path (ASM and JUnit) and two helpers of its own in a sibling package, Zeta before Alpha. Of
 * those only the helpers are the code under test.
 */
public final class UsesLibraries implements Node<Object> {
    @Override
    public void onStart(Context<Object> ctx) {
        Zeta.touch();
        List<String> names = new ArrayList<>();
        names.add(Type.getInternalName(Duration.class));
        names.add(RunDigest.format(0L));
        Assertions.assertFalse(names.isEmpty());
        Alpha.touch();
        names.forEach(ctx::log);
    }

    @Override
    public void onMessage(Context<Object> ctx, Address from, Object message) {}
}
