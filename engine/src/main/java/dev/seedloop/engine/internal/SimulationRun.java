package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.DeadlineExceeded;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.EngineError;
import dev.seedloop.engine.api.Fault;
import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LimitExceeded;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.LivenessViolation;
import dev.seedloop.engine.api.Network;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.QuiescenceFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.ScenarioFailure;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.TimerId;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.engine.api.World;
import dev.seedloop.trace.EventKindCode;
import dev.seedloop.trace.RunDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One simulated run: the virtual clock, the event queue, the nodes, the network, the invariants, and
 * the loop that processes events one step at a time.
 *
 * <p>A step pops the earliest event (by time, then sequence), moves the clock to its time, hands it to
 * its node, and then checks every invariant. Nothing here reads the wall clock, starts a thread or draws
 * unseeded randomness: the run is a pure function of the scenario, the seed and the options.
 *
 * <p>Random streams: {@code "net"} gives exactly one latency per send; {@code "faults"} decides loss and
 * duplication (and a duplicate's latency); {@code "user"} belongs to the scenario; each node has its own.
 */
public final class SimulationRun implements World {
    private final long seed;
    private final RunOptions options;
    // The limits, read once: the step loop and every send compare against them.
    private final long maxSteps;
    private final long maxStepsAtOneInstant;
    private final long maxVirtualTime;
    private final int maxPending;
    private final EventRecorder recorder;
    private final EventQueue queue;
    private final RunTweaks tweaks;
    private final long lossDivisor;
    private final PriorityDelays pct;
    private final boolean randomTies;
    private final SimNetwork network = new SimNetwork(this);
    private final DeterministicRandom netRandom;
    private final DeterministicRandom faultRandom;
    private final DeterministicRandom userRandom;

    private NodeRuntime[] nodeArray = new NodeRuntime[0]; // by address index
    // Used only to reject duplicate names; never iterated.
    private final Map<String, Address> addressByName = new HashMap<>();
    private final List<String> invariantNames = new ArrayList<>();
    private Invariant[] invariants = new Invariant[0]; // an array: checked after every step

    private final LivenessTracker liveness = new LivenessTracker();
    private final BuggifyPoints buggifyPoints;
    private final SwarmPlan swarm;

    private long now;
    private long step;
    private long stepsAtThisInstant;
    private long messageCounter;
    private long timerCounter;
    private long faultCounter;
    private boolean inStep;
    private boolean ended; // set when Scenario.run has returned; see end()
    private SimulationFailure failure;

    /** Creates an empty run for {@code seed}; {@code listener} receives every event, or is null. */
    public SimulationRun(long seed, RunOptions options, RunListener listener) {
        this(seed, options, listener, RunTweaks.NONE);
    }

    /** Creates an empty run for {@code seed} with a minimizer's {@code tweaks}. */
    public SimulationRun(long seed, RunOptions options, RunListener listener, RunTweaks tweaks) {
        this.seed = seed;
        this.tweaks = Check.notNull(tweaks, "tweaks");
        this.lossDivisor = tweaks.lossDivisor();
        this.options = Check.notNull(options, "options");
        this.maxSteps = options.maxSteps();
        this.maxStepsAtOneInstant = options.maxStepsWithoutTimeAdvance();
        this.maxVirtualTime = options.maxVirtualTimeNanos();
        this.maxPending = options.maxPendingEvents();
        this.recorder = new EventRecorder(listener);
        this.netRandom = DeterministicRandom.derive(seed, "net");
        this.faultRandom = DeterministicRandom.derive(seed, "faults");
        this.userRandom = DeterministicRandom.derive(seed, "user");
        this.buggifyPoints = new BuggifyPoints(seed, options.buggifyEnabled(), options.buggifyFires());
        Schedule schedule = options.schedule();
        this.randomTies = schedule.strategy() == Schedule.Strategy.RANDOM_TIES;
        this.queue = new EventQueue(randomTies ? DeterministicRandom.derive(seed, "schedule") : null);
        this.pct = schedule.strategy() == Schedule.Strategy.PCT
                ? new PriorityDelays(schedule, DeterministicRandom.derive(seed, "schedule")) : null;
        this.swarm = options.swarm() ? SwarmPlan.draw(DeterministicRandom.derive(seed, "swarm")) : null;
        if (swarm != null) {
            network.setDefaultProfile(swarm.profile());
            if (listener != null) {
                listener.swarmChosen(swarm.describe());
            }
        }
    }

    // ---------------------------------------------------------------- World

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public DeterministicRandom random() {
        return userRandom;
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public Address address(String name) {
        checkUsable();
        Check.argument(name != null && !name.isBlank(), "address name must not be blank");
        Check.argument(!addressByName.containsKey(name), "an address named '%s' already exists in this run", name);
        // The digest gives a node index 24 bits; EventRecorder relies on this bound instead of checking each event.
        if (nodeArray.length > RunDigest.MAX_NODE_INDEX) {
            throw new IllegalStateException("a run has at most " + (RunDigest.MAX_NODE_INDEX + 1) + " addresses");
        }
        Address address = new Address(nodeArray.length, name);
        addressByName.put(name, address);
        nodeArray = Arrays.copyOf(nodeArray, nodeArray.length + 1);
        nodeArray[address.index()] = new NodeRuntime(this, address);
        network.addressAdded(nodeArray.length);
        recorder.addressCreated(address.index(), name);
        return address;
    }

    @Override
    public <M> Address start(String name, Node<M> node) {
        Address address = address(name);
        start(address, node);
        return address;
    }

    @Override
    public <M> void start(Address address, Node<M> node) {
        Check.notNull(node, "node");
        bind(address, node, null);
    }

    @Override
    public <M> Address start(String name, Supplier<? extends Node<M>> factory) {
        Check.notNull(factory, "factory");
        Address address = address(name);
        Node<M> node = factory.get();
        Check.argument(node != null, "the factory for '%s' returned null", name);
        bind(address, node, factory);
        return address;
    }

    @Override
    public <M> void start(Address address, Supplier<? extends Node<M>> factory) {
        Check.notNull(factory, "factory");
        runtimeOf(address);
        Node<M> node = factory.get();
        Check.argument(node != null, "the factory for '%s' returned null", address);
        bind(address, node, factory);
    }

    @Override
    public List<Address> addresses() {
        List<Address> all = new ArrayList<>(nodeArray.length);
        for (NodeRuntime runtime : nodeArray) {
            all.add(runtime.address);
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public Node<?> node(Address address) {
        NodeRuntime runtime = runtimeOf(address);
        return runtime.state == NodeRuntime.State.UNBOUND ? null : runtime.node;
    }

    @Override
    public void crash(Address address) {
        checkUsable();
        NodeRuntime runtime = runtimeOf(address);
        Check.state(runtime.isUp() || runtime.state == NodeRuntime.State.STARTING,
                "cannot crash '%s': it is %s", address, runtime.state.name().toLowerCase(Locale.ROOT));
        crashNode(runtime);
    }

    /** Crashes a node that is up or starting: memory gone, timers gone, unsynced storage as the seed says. */
    void crashNode(NodeRuntime runtime) {
        runtime.state = NodeRuntime.State.CRASHED;
        // A crashed node's timers and pending start die with it; messages to it are dropped on arrival.
        queue.removeAll(runtime.index, EventQueue.KIND_TIMER);
        queue.removeAll(runtime.index, EventQueue.KIND_START);
        recorder.nodeCrashed(now, runtime.index);
        // Messages that reached the node while it was paused were in its memory: they die with it.
        for (int slot : queue.pendingSlots(runtime.index, EventQueue.KIND_DELIVERY_ADMITTED)) {
            recorder.messageDropped(now, queue.idOf(slot), queue.otherOf(slot), runtime.index,
                    EventKindCode.DROP_CRASHED, queue.payloadOf(slot));
        }
        queue.removeAll(runtime.index, EventQueue.KIND_DELIVERY_ADMITTED);
        SimStorage.CrashLoss loss = runtime.crashStorage(faultRandom);
        if (loss.lost() > 0) { // a crash that kept every unsynced write lost nothing to record
            recorder.storageLost(now, runtime.index, loss.lost(), loss.torn());
        }
    }

    @Override
    public void restart(Address address) {
        checkUsable();
        NodeRuntime runtime = runtimeOf(address);
        Check.state(runtime.state == NodeRuntime.State.CRASHED, "cannot restart '%s': it is %s, not crashed",
                address, runtime.state.name().toLowerCase(Locale.ROOT));
        Check.state(runtime.factory != null, "cannot restart '%s': it was started with a node instance; "
                + "start it with World.start(name, factory) so it can be rebuilt", address);
        restartNode(runtime);
    }

    /** Rebuilds a crashed node from its factory and schedules its start. */
    void restartNode(NodeRuntime runtime) {
        Node<Object> fresh = runtime.factory.get();
        Check.state(fresh != null, "the factory of '%s' returned null on restart", runtime.address);
        runtime.node = fresh;
        runtime.state = NodeRuntime.State.STARTING;
        checkPendingLimit();
        queue.schedule(EventQueue.KIND_START, now, runtime.index, -1, 0, null);
    }

    @Override
    public void eventually(String name, BooleanSupplier property, Duration within) {
        checkUsable();
        Check.argument(name != null && !name.isBlank(), "liveness property name must not be blank");
        Check.notNull(property, "property");
        Check.notNull(within, "within");
        Check.argument(!within.isNegative(), "within must not be negative, got %s", within);
        if (holds("eventually property", name, property)) {
            recorder.livenessHeld(now, name, 0, within.toNanos());
            return; // already true: satisfied for good
        }
        liveness.add(new LivenessTracker.Pending(name, property, now, within.toNanos(), addTime(now, within.toNanos())));
    }

    @Override
    public void always(String name, Invariant invariant) {
        checkUsable();
        Check.argument(name != null && !name.isBlank(), "invariant name must not be blank");
        Check.notNull(invariant, "invariant");
        // A failure, the trace and the viewer name an invariant by its name alone.
        Check.argument(!invariantNames.contains(name),
                "an invariant named '%s' is already checked in this run; give each invariant its own name, "
                        + "so that a violation says which one broke", name);
        invariantNames.add(name);
        invariants = Arrays.copyOf(invariants, invariants.length + 1);
        invariants[invariants.length - 1] = invariant;
    }

    @Override
    public void runFor(Duration duration, Fault... faults) {
        checkUsable();
        Check.notNull(duration, "duration");
        Check.argument(!duration.isNegative(), "duration must not be negative, got %s", duration);
        Check.notNull(faults, "faults");
        long target = addTime(now, duration.toNanos());
        if (faults.length > 0) {
            new FaultPlanner(this, faultRandom, swarm, tweaks).schedule(now, duration.toNanos(), faults);
        }
        while (!queue.isEmpty() && queue.peekTime() <= target) {
            step();
        }
        advanceClockTo(target);
    }

    /** Which addresses lost messages because no node was started there, or null: often why a run goes quiet. */
    private String unboundDropsHint() {
        StringBuilder hint = new StringBuilder();
        for (NodeRuntime runtime : nodeArray) {
            if (runtime.unboundDrops > 0) {
                hint.append(hint.isEmpty() ? "" : ", ").append(runtime.unboundDrops)
                        .append(runtime.unboundDrops == 1 ? " message to '" : " messages to '").append(runtime.address)
                        .append('\'');
            }
        }
        return hint.isEmpty() ? null : hint + " dropped because no node was started there: start one with World.start";
    }

    /**
     * The value of {@code condition}, {@code what} (for example "runUntil condition") named {@code name}; if
     * it throws, an exception that names it (the run then fails as the scenario's).
     */
    static boolean holds(String what, String name, BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the " + what + " '" + name + "' threw " + e, e);
        }
    }

    @Override
    public void runUntil(String name, BooleanSupplier condition, Duration deadline) {
        checkUsable();
        Check.argument(name != null && !name.isBlank(), "condition name must not be blank");
        Check.notNull(condition, "condition");
        Check.notNull(deadline, "deadline");
        Check.argument(!deadline.isNegative(), "deadline must not be negative, got %s", deadline);
        long deadlineAt = addTime(now, deadline.toNanos());
        while (!holds("runUntil condition", name, condition)) {
            if (queue.isEmpty()) {
                throw fail(new QuiescenceFailure(seed, step, now, name, unboundDropsHint()));
            }
            if (queue.peekTime() > deadlineAt) {
                advanceClockTo(deadlineAt);
                throw fail(new DeadlineExceeded(seed, step, now, name, deadlineAt));
            }
            step();
        }
    }

    @Override
    public void note(String label, String detail) {
        checkUsable();
        recorder.note(now, Check.notNull(label, "label"), Check.notNull(detail, "detail"));
    }

    // ---------------------------------------------------------------- the step loop

    private void step() {
        // Every limit is checked before the event is taken, so a run that stops at a limit has
        // processed exactly its budget and lost no event.
        long time = queue.peekTime();
        if (time < now) {
            throw new EngineError("event at " + time + " ns is due before the clock's " + now + " ns");
        }
        if (time > liveness.nextDeadline()) {
            checkLivenessDeadlines(time);
        }
        if (time > maxVirtualTime) {
            throw fail(new LimitExceeded(seed, step, now, "maxVirtualTimeNanos", maxVirtualTime,
                    "the next event is due past the virtual-time limit"));
        }
        if (step >= maxSteps) {
            throw fail(new LimitExceeded(seed, step, now, "maxSteps", maxSteps,
                    "the run processed as many events as its step budget allows"));
        }
        long atThisInstant = time == now ? stepsAtThisInstant : 0;
        if (atThisInstant >= maxStepsAtOneInstant) {
            throw fail(new LimitExceeded(seed, step, now, "maxStepsWithoutTimeAdvance", maxStepsAtOneInstant,
                    "livelock: too many events at one virtual instant without time advancing"));
        }
        int slot = queue.pop();
        now = time;
        boolean tie = randomTies && !queue.isEmpty() && queue.peekTime() == time;
        byte kind = queue.kindOf(slot);
        int nodeIndex = queue.nodeOf(slot);
        NodeRuntime target = nodeIndex >= 0 ? nodeArray[nodeIndex] : null;
        if (target != null && target.state == NodeRuntime.State.PAUSED && kind != EventQueue.KIND_START
                && deferForPause(slot, kind, target)) {
            return; // not a step: the event waits for the node to resume
        }
        stepsAtThisInstant = atThisInstant + 1;
        step++;
        recorder.setStep(step);
        if (tie) {
            // The strategy chose this event among several due now.
            recorder.scheduleDecision(now, EventKindCode.DECISION_TIE, nodeIndex, queue.seqOf(slot));
        }

        int other = queue.otherOf(slot);
        long id = queue.idOf(slot);
        Object payload = queue.payloadOf(slot);
        queue.release(slot);

        inStep = true;
        try {
            switch (kind) {
                case EventQueue.KIND_START -> startNode(target);
                case EventQueue.KIND_DELIVERY -> deliver(target, other, id, payload, false);
                case EventQueue.KIND_DELIVERY_ADMITTED -> deliver(target, other, id, payload, true);
                case EventQueue.KIND_TIMER -> fireTimer(target, other, id, payload);
                case EventQueue.KIND_ACTION -> ((Runnable) payload).run();
                default -> throw new EngineError("unknown event kind " + kind);
            }
        } finally {
            inStep = false;
        }
        checkInvariants();
        if (!liveness.isEmpty()) {
            liveness.dropSatisfied(now, recorder);
        }
    }

    /**
     * A delivery or timer reached a paused node: a delivery is checked for reachability now (it reached
     * the host) and, like a timer, waits in the node's backlog until the pause ends. Returns false when
     * the event is handled now instead (a delivery dropped on arrival).
     */
    private boolean deferForPause(int slot, byte kind, NodeRuntime target) {
        if (kind == EventQueue.KIND_DELIVERY) {
            int reason = network.unreachableReason(queue.otherOf(slot), target.index);
            if (reason != 0) {
                return false; // dropped on arrival, as for a running node
            }
            queue.reinsert(slot, target.pausedUntil, EventQueue.KIND_DELIVERY_ADMITTED);
            return true;
        }
        queue.reinsert(slot, target.pausedUntil, kind);
        return true;
    }

    private void startNode(NodeRuntime target) {
        target.state = NodeRuntime.State.RUNNING;
        target.incarnation++;
        recorder.nodeStarted(now, target.index, target.incarnation);
        try {
            target.node.onStart(target);
        } catch (Throwable t) {
            throw handlerThrew(target, "onStart", t);
        }
        recorder.nodeActed(now, target.index, target.node);
    }

    private void deliver(NodeRuntime target, int src, long messageId, Object message, boolean admitted) {
        int dst = target.index;
        int reason = switch (target.state) {
            case RUNNING, PAUSED -> admitted ? 0 : network.unreachableReason(src, dst);
            case CRASHED -> EventKindCode.DROP_CRASHED;
            case UNBOUND, STARTING -> EventKindCode.DROP_UNBOUND;
        };
        if (reason != 0) {
            if (reason == EventKindCode.DROP_UNBOUND) {
                target.unboundDrops++;
            }
            recorder.messageDropped(now, messageId, src, dst, reason, message);
            return;
        }
        recorder.messageDelivered(now, messageId, src, dst, message);
        try {
            target.node.onMessage(target, nodeArray[src].address, message);
        } catch (Throwable t) {
            throw handlerThrew(target, "onMessage", t);
        }
        recorder.nodeActed(now, dst, target.node);
    }

    private void fireTimer(NodeRuntime target, int incarnation, long timerId, Object tag) {
        if (target.state != NodeRuntime.State.RUNNING || target.incarnation != incarnation) {
            throw new EngineError("timer " + timerId + " of '" + target.address + "' outlived its incarnation");
        }
        recorder.timerFired(now, target.index, timerId, tag);
        try {
            target.node.onTimer(target, tag);
        } catch (Throwable t) {
            throw handlerThrew(target, "onTimer", t);
        }
        recorder.nodeActed(now, target.index, target.node);
    }

    /** Fails the run if a liveness property's deadline passes before {@code time}, the next event's time. */
    private void checkLivenessDeadlines(long time) {
        // A property may have become true without a step (a scenario-side change): look once more.
        liveness.dropSatisfied(now, recorder);
        LivenessTracker.Pending missed = liveness.missedBefore(time);
        if (missed != null) {
            now = Math.max(now, missed.deadline());
            recorder.invariantViolated(now, missed.name(), "still false " + SimulationFailure.formatTime(missed.within())
                    + " after it was required");
            throw fail(new LivenessViolation(seed, step, now, missed.name(), missed.since(), missed.within()));
        }
    }

    private void checkInvariants() {
        Invariant[] all = invariants;
        boolean recordChecks = recorder.recordsInvariantChecks(); // FULL traces only
        for (int i = 0; i < all.length; i++) {
            Verdict verdict;
            try {
                verdict = all[i].check();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw invariantViolated(i, "the invariant itself threw " + t, t);
            }
            if (verdict == null) {
                throw invariantViolated(i, "the invariant returned null instead of a Verdict", null);
            }
            if (!verdict.holds()) {
                throw invariantViolated(i, verdict.evidence(), null);
            }
            if (recordChecks) {
                recorder.invariantChecked(now, i, invariantNames.get(i), true);
            }
        }
    }

    /** Records the failed check and the violation of invariant {@code i}, and fails the run with it. */
    private SimulationFailure invariantViolated(int i, String evidence, Throwable cause) {
        String name = invariantNames.get(i);
        recorder.invariantChecked(now, i, name, false);
        recorder.invariantViolated(now, name, evidence);
        return fail(new InvariantViolation(seed, step, now, name, evidence, cause));
    }

    // ---------------------------------------------------------------- services for nodes

    void send(int src, Address to, Object message) {
        checkNotEnded();
        Check.notNull(message, "message");
        int dst = indexOf(to);
        checkPendingLimit();
        long messageId = ++messageCounter;
        LinkProfile profile = network.profile(src, dst, lossDivisor);
        // Exactly one "net" draw per send, before any fault decision: a realized drop or duplicate
        // never shifts another message's latency.
        long latency = netRandom.between(profile.minLatencyNanos(), profile.maxLatencyNanos())
                * network.latencyFactor(src, dst); // a slow-link fault, fixed at send time
        if (pct != null) {
            latency += pct.delayFor(dst, nodeArray.length, recorder, now);
        }
        long deliverAt = addTime(now, latency);
        if (profile.reliable()) {
            deliverAt = network.fifoDeliveryTime(src, dst, deliverAt);
        }
        recorder.messageSent(now, messageId, src, dst, deliverAt - now, message);
        if (!profile.loss().isZero() && faultRandom.chance(profile.loss())) {
            recorder.messageDropped(now, messageId, src, dst, EventKindCode.DROP_LOSS, message);
            return;
        }
        queue.schedule(EventQueue.KIND_DELIVERY, deliverAt, dst, src, messageId, message);
        if (!profile.duplication().isZero() && faultRandom.chance(profile.duplication())) {
            checkPendingLimit();
            long duplicateLatency = faultRandom.between(profile.minLatencyNanos(), profile.maxLatencyNanos())
                    * network.latencyFactor(src, dst); // a slowed link slows its duplicates too
            recorder.messageDuplicated(now, messageId, src, dst, duplicateLatency, message);
            queue.schedule(EventQueue.KIND_DELIVERY, addTime(now, duplicateLatency), dst, src, messageId, message);
        }
    }

    TimerId setTimer(NodeRuntime owner, long afterNanos, Object tag) {
        checkNotEnded();
        TimerHandle handle = new TimerHandle(owner.index);
        armNewTimer(owner, afterNanos, tag, handle);
        return handle;
    }

    /** Schedules a new timer for {@code owner} and points {@code handle} at it. */
    private void armNewTimer(NodeRuntime owner, long afterNanos, Object tag, TimerHandle handle) {
        Check.argument(afterNanos >= 0, "a timer delay must not be negative, got %s ns", afterNanos);
        checkPendingLimit();
        long fireAt = fireAt(owner, afterNanos);
        long timerId = ++timerCounter;
        int slot = queue.schedule(EventQueue.KIND_TIMER, fireAt, owner.index, owner.incarnation, timerId, tag);
        recorder.timerSet(now, owner.index, timerId, fireAt, tag);
        handle.point(slot, queue.generationOf(slot), timerId);
    }

    /**
     * Cancels {@code handle}'s timer if pending (handle may be null) and sets a new one: the events,
     * sequence numbers and random draws of {@link #cancelTimer} followed by {@link #setTimer}, but the
     * pending event is moved in the queue rather than removed and re-inserted, and the handle itself is
     * pointed at the new timer and returned, so restarting a timer allocates nothing.
     */
    TimerId resetTimer(NodeRuntime owner, TimerHandle handle, long afterNanos, Object tag) {
        checkNotEnded();
        if (handle == null) {
            return setTimer(owner, afterNanos, tag);
        }
        if (!queue.isPending(handle.slot(), handle.generation())) {
            armNewTimer(owner, afterNanos, tag, handle); // it fired or was cancelled: nothing to cancel
            return handle;
        }
        Check.argument(afterNanos >= 0, "a timer delay must not be negative, got %s ns", afterNanos);
        int slot = handle.slot();
        long fireAt = fireAt(owner, afterNanos);
        // No pending-limit check: the cancel frees the place the new timer takes.
        recorder.timerCancelled(now, handle.node(), handle.id(), queue.payloadOf(slot));
        long timerId = ++timerCounter;
        queue.rearm(slot, fireAt, timerId, tag);
        recorder.timerSet(now, owner.index, timerId, fireAt, tag);
        handle.point(slot, queue.generationOf(slot), timerId);
        return handle;
    }

    /** When a timer set now for {@code afterNanos} fires, in global time. */
    private long fireAt(NodeRuntime owner, long afterNanos) {
        // The delay is on the node's own clock, which a clock-skew fault makes run fast or slow.
        return addTime(now, owner.globalDelay(afterNanos));
    }

    void cancelTimer(TimerHandle handle) {
        checkNotEnded();
        int slot = handle.slot();
        if (queue.isPending(slot, handle.generation())) {
            Object tag = queue.payloadOf(slot);
            queue.remove(slot);
            recorder.timerCancelled(now, handle.node(), handle.id(), tag);
        }
    }

    boolean buggify(int node, String point) {
        checkNotEnded();
        if (!buggifyPoints.fires(point)) {
            return false;
        }
        recorder.buggifyFired(now, node, point);
        return true;
    }

    void storageSynced(int node, int writes) {
        recorder.storageSynced(now, node, writes);
    }

    // ---------------------------------------------------------------- faults (see FaultPlanner)

    /** Schedules {@code action} to run as a step at {@code at}. */
    void scheduleAction(long at, Runnable action) {
        checkPendingLimit();
        queue.schedule(EventQueue.KIND_ACTION, at, -1, -1, 0, action);
    }

    /** Pauses a running node until {@code until}: its deliveries and timers wait until then. */
    void pauseNode(NodeRuntime runtime, long until) {
        if (runtime.state == NodeRuntime.State.PAUSED) {
            runtime.pausedUntil = Math.max(runtime.pausedUntil, until); // overlapping pauses: the later end wins
            return;
        }
        runtime.state = NodeRuntime.State.PAUSED;
        runtime.pausedUntil = until;
        recorder.nodePaused(now, runtime.index, until);
    }

    /** Resumes a paused node, unless a later pause still holds it. */
    void resumeNode(NodeRuntime runtime) {
        if (runtime.state == NodeRuntime.State.PAUSED && runtime.pausedUntil <= now) {
            runtime.state = NodeRuntime.State.RUNNING;
            recorder.nodeResumed(now, runtime.index);
        }
    }

    long nextFaultId() {
        return ++faultCounter;
    }

    /**
     * Changes a node's clock drift and makes its pending timers fire when its clock reaches their
     * target, as a real skewed clock would: each timer's remaining local time is kept, less any jump.
     */
    void skewClock(NodeRuntime runtime, long ppmChange, long jumpNanos) {
        int[] timers = queue.pendingSlots(runtime.index, EventQueue.KIND_TIMER);
        long[] remaining = new long[timers.length];
        long localNow = runtime.localTime(now);
        for (int i = 0; i < timers.length; i++) {
            remaining[i] = runtime.localTime(queue.timeOf(timers[i])) - localNow - jumpNanos;
        }
        runtime.skewClock(now, ppmChange, jumpNanos);
        for (int i = 0; i < timers.length; i++) {
            queue.retime(timers[i], now + runtime.globalDelay(Math.max(0, remaining[i])));
        }
    }

    NodeRuntime runtimeAt(int index) {
        return nodeArray[index];
    }

    int addressCount() {
        return nodeArray.length;
    }

    SimNetwork simNetwork() {
        return network;
    }

    void log(int node, String text) {
        checkNotEnded();
        recorder.log(now, node, text);
    }

    // ---------------------------------------------------------------- run control

    /** What this run did so far, its failure included. */
    RunResult result() {
        return new RunResult(seed, recorder.digest(), step, recorder.eventCount(), now, failure);
    }

    /** Records that the scenario's own code threw {@code cause}, unless the run already failed. */
    void scenarioThrew(Throwable cause) {
        if (failure == null) {
            failure = new ScenarioFailure(seed, step, now, cause);
        }
    }

    /** The failure that ended the run, or null. */
    SimulationFailure failure() {
        return failure;
    }

    /** Marks the run as over: its World, and its nodes' Contexts, refuse every further action. */
    void end() {
        ended = true;
    }

    /** Refuses an action once the run is over, whoever still holds the World or a Context. */
    private void checkNotEnded() {
        if (ended) {
            throw new IllegalStateException("the run of seed " + seed + " has ended: a World, and the Contexts of "
                    + "its nodes, act only while Scenario.run is running; do not keep them after it returns");
        }
    }

    /** Throws the run's failure if it has one, and refuses calls from inside a node handler or after the run. */
    void checkUsable() {
        checkNotEnded();
        if (failure != null) {
            throw failure;
        }
        Check.state(!inStep, "the World cannot be driven from inside a node handler; "
                + "nodes act only through their Context");
    }

    EventRecorder recorder() {
        return recorder;
    }

    int indexOf(Address address) {
        return runtimeOf(address).index;
    }

    Address addressAt(int index) {
        return nodeArray[index].address;
    }

    private NodeRuntime runtimeOf(Address address) {
        Check.notNull(address, "address");
        int index = address.index();
        if (index < nodeArray.length) {
            NodeRuntime runtime = nodeArray[index];
            // Identity first: nodes pass back the very Address objects the run handed out.
            if (runtime.address == address || runtime.address.equals(address)) {
                return runtime;
            }
        }
        throw new IllegalArgumentException("address " + address + " does not belong to this run; "
                + "create addresses with World.address or World.start");
    }

    @SuppressWarnings("unchecked")
    private <M> void bind(Address address, Node<M> node, Supplier<? extends Node<M>> factory) {
        checkUsable();
        NodeRuntime runtime = runtimeOf(address);
        Check.state(runtime.state == NodeRuntime.State.UNBOUND, "a node is already started at '%s'", address);
        checkPendingLimit();
        runtime.node = (Node<Object>) node;
        runtime.factory = (Supplier<? extends Node<Object>>) (Supplier<?>) factory;
        runtime.state = NodeRuntime.State.STARTING;
        queue.schedule(EventQueue.KIND_START, now, runtime.index, -1, 0, null);
    }

    private void checkPendingLimit() {
        if (queue.size() >= maxPending) {
            throw fail(new LimitExceeded(seed, step, now, "maxPendingEvents", maxPending,
                    "too many events pending at once (messages in flight, timers)"));
        }
    }

    private void advanceClockTo(long target) {
        if (target > options.maxVirtualTimeNanos()) {
            throw fail(new LimitExceeded(seed, step, now, "maxVirtualTimeNanos", options.maxVirtualTimeNanos(),
                    "the scenario asked to run past the virtual-time limit"));
        }
        if (target > liveness.nextDeadline()) {
            checkLivenessDeadlines(target + 1);
        }
        if (target > now) {
            now = target;
            stepsAtThisInstant = 0;
        }
    }

    private long addTime(long base, long delta) {
        long sum = base + delta;
        if (sum < base) {
            throw fail(new LimitExceeded(seed, step, now, "maxVirtualTimeNanos", options.maxVirtualTimeNanos(),
                    "virtual time would overflow"));
        }
        return sum;
    }

    private SimulationFailure handlerThrew(NodeRuntime target, String handler, Throwable t) {
        if (t instanceof SimulationFailure found && found == failure) {
            return found; // a limit hit inside the handler's own send or setTimer
        }
        rethrowIfFatal(t);
        return fail(new NodeFailure(seed, step, now, target.address.name(), handler, t));
    }

    private SimulationFailure fail(SimulationFailure found) {
        if (failure == null) {
            failure = found;
        }
        return failure;
    }

    /** Errors the JVM cannot recover from pass through; a user's StackOverflowError does not kill the sweep. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof EngineError engineError) {
            throw engineError;
        }
    }
}
