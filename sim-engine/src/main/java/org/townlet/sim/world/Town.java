package org.townlet.sim.world;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.townlet.telemetry.api.event.PerturbationCooldowns;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The town (SPEC §17): agents with decaying needs, objects with FIFO queues and reservations, four affordances,
 * jobs and wages, a small economy, power and water, price spikes, and relationship ties moved by chats and queue
 * conflicts. Deterministic: one {@link SplittableRandom} per subsystem, split from the seed in a fixed order
 * (personalities, policy, social, utilities, price spikes); agents and objects are processed in id order; no wall
 * clock is read.
 *
 * <p>This is the walking skeleton; what the full town adds is marked "Next: issue town simulation". Not thread-safe:
 * the simulation thread owns it. Every view it returns is immutable and shares nothing with the live state.
 */
public final class Town {
    /** Shift slots per day: agents are spread over them in id order. */
    private static final int SHIFT_SLOTS = 3;
    private static final String MANIFEST_PATH = "builtin:core";
    private static final String OBSERVATION_VARIANT = "compact";

    private final int ticksPerDay;
    private final int shiftLength;
    private final Agent[] agents;
    private final Map<String, Agent> agentsById;
    private final WorldObject[] objects;
    private final Map<ObjectType, WorldObject[]> objectsByType = new EnumMap<>(ObjectType.class);
    private final SplittableRandom policyRandom;
    private final SplittableRandom socialRandom;
    private final Utilities utilities;
    private final PriceSpikes priceSpikes;
    private final Relationships relationships = new Relationships();
    private final List<Map<String, Object>> exitQueue = new ArrayList<>();

    private final Map<String, Object> manifest;
    private final Map<String, Double> economySettings;
    private final Map<String, Map<String, Object>> personalities;
    private final Map<String, Double> embeddingMetrics;
    private final String policyHash;

    private long tick;
    private int timeOfDay;
    private int exitsToday;
    private long cooldownEvents;
    private long ghostStepEvents;
    private long rotationEvents;
    private long starvationIncidentsThisTick;
    private List<WorldEvent> events = List.of();
    private List<SocialEvent> socialEvents = List.of();
    private List<RivalryEvent> rivalryEvents = List.of();

    private Town(TownSettings settings) {
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom personalityRandom = root.split();
        policyRandom = root.split();
        socialRandom = root.split();
        utilities = new Utilities(root.split());
        priceSpikes = new PriceSpikes(root.split());

        ticksPerDay = settings.ticksPerDay();
        shiftLength = Math.min(Tuning.SHIFT_LENGTH_TICKS, ticksPerDay);

        List<String> ids = new ArrayList<>(settings.agentIds());
        Collections.sort(ids);
        agents = new Agent[ids.size()];
        agentsById = new HashMap<>(Math.max(16, ids.size() * 2));
        LinkedHashMap<String, Map<String, Object>> personalityView = new LinkedHashMap<>();
        for (int i = 0; i < agents.length; i++) {
            Agent agent = newAgent(ids.get(i), i, personalityRandom);
            agents[i] = agent;
            agentsById.put(agent.id, agent);
            personalityView.put(agent.id, agent.personality);
        }
        personalities = Collections.unmodifiableMap(personalityView);

        TreeMap<String, WorldObject> sorted = new TreeMap<>();
        for (ObjectType type : ObjectType.values()) {
            WorldObject[] ofType = new WorldObject[type.countFor(agents.length)];
            for (int k = 0; k < ofType.length; k++) {
                WorldObject object = new WorldObject(type.id() + "_" + (k + 1), type);
                if (type == ObjectType.FRIDGE) {
                    object.meals = Tuning.INITIAL_MEALS;
                    object.ingredients = Tuning.INITIAL_INGREDIENTS;
                }
                ofType[k] = object;
                sorted.put(object.id, object);
            }
            objectsByType.put(type, ofType);
        }
        objects = sorted.values().toArray(new WorldObject[0]);

        manifest = JsonMaps.of(
                "path", MANIFEST_PATH,
                "checksum", sha256(Affordance.canonicalTable()),
                "object_count", (long) objects.length,
                "affordance_count", (long) Affordance.values().length);
        economySettings = orderedDoubles(
                "meal_cost", Tuning.MEAL_COST,
                "ingredients_cost", Tuning.INGREDIENTS_COST,
                "wage_rate", Tuning.WAGE_RATE,
                "starting_wallet", Tuning.STARTING_WALLET,
                "restock_interval_ticks", (double) Tuning.RESTOCK_INTERVAL_TICKS,
                "restock_amount", (double) Tuning.RESTOCK_AMOUNT);
        // Observation slots: one per agent from a pool sized to the town, so nothing is reused yet.
        // Next: issue town simulation (a fixed pool with forced reuse).
        embeddingMetrics = orderedDoubles(
                "allocations_total", (double) agents.length,
                "forced_reuse_count", 0.0,
                "forced_reuse_rate", 0.0,
                "reuse_warning", 0.0);
        policyHash = sha256(canonicalPolicyParameters());
    }

    /** Builds the town of {@code settings}; no tick has run yet ({@link #tick()} is 0). */
    public static Town create(TownSettings settings) {
        return new Town(settings);
    }

    private Agent newAgent(String id, int index, SplittableRandom random) {
        Profile profile = Profile.values()[random.nextInt(Profile.values().length)];
        double extroversion = round(random.nextDouble(-1.0, 1.0), 2);
        double forgiveness = round(random.nextDouble(-1.0, 1.0), 2);
        double ambition = round(random.nextDouble(-1.0, 1.0), 2);
        Job job = Job.values()[index % Job.values().length];
        int slot = (index / Job.values().length) % SHIFT_SLOTS;
        int shiftStart = (int) ((long) slot * ticksPerDay / SHIFT_SLOTS);
        Map<String, Object> personality = JsonMaps.of(
                "profile", profile.id(),
                "traits", JsonMaps.of("extroversion", extroversion, "forgiveness", forgiveness,
                        "ambition", ambition),
                "multipliers", JsonMaps.of(
                        "needs", profile.needsMultiplier(),
                        "rewards", profile.rewardsMultiplier(),
                        "behaviour", JsonMaps.of("conflict_tolerance", profile.conflictTolerance())));
        Agent agent = new Agent(id, index, profile, extroversion, forgiveness, ambition, job, shiftStart,
                personality);
        agent.hunger = round(0.6 + 0.4 * random.nextDouble(), 3);
        agent.hygiene = round(0.6 + 0.4 * random.nextDouble(), 3);
        agent.energy = round(0.6 + 0.4 * random.nextDouble(), 3);
        agent.wallet = Tuning.STARTING_WALLET;
        return agent;
    }

    // ------------------------------------------------------------------------------------------------ the tick

    /**
     * Advances the world to {@code nextTick}: utilities and price spikes, needs, running affordances, the scripted
     * policy, queues, jobs, relationships, restocking. O(agents + objects + ties).
     *
     * @throws IllegalArgumentException if {@code nextTick} is not {@link #tick()} + 1
     */
    public void advance(long nextTick) {
        if (nextTick != tick + 1) {
            throw new IllegalArgumentException("ticks advance one at a time: expected " + (tick + 1) + ", got "
                    + nextTick);
        }
        tick = nextTick;
        timeOfDay = (int) ((tick - 1) % ticksPerDay);
        List<WorldEvent> tickEvents = new ArrayList<>();
        List<SocialEvent> tickSocial = new ArrayList<>();
        List<RivalryEvent> tickRivalry = new ArrayList<>();
        starvationIncidentsThisTick = 0;
        if (timeOfDay == 0) {
            exitsToday = 0;
            for (Agent agent : agents) {
                agent.lateTicksToday = 0;
            }
        }
        for (Agent agent : agents) {
            agent.clearTickFacts();
        }

        utilities.step(tick, tickEvents);
        priceSpikes.step(tick, tickEvents);
        decayNeeds();
        progressAffordances(tickEvents);
        runPolicy(tickEvents, tickSocial);
        serveQueues(tickEvents, tickRivalry);
        updateEmployment(tickEvents);
        relationships.decay();
        relationships.rollWindow(tick);
        restock(tickEvents);

        events = Collections.unmodifiableList(tickEvents);
        socialEvents = Collections.unmodifiableList(tickSocial);
        rivalryEvents = Collections.unmodifiableList(tickRivalry);
    }

    private void decayNeeds() {
        for (Agent agent : agents) {
            double multiplier = agent.profile.needsMultiplier();
            double before = agent.hunger;
            agent.hunger = Agent.clampUnit(agent.hunger - Tuning.HUNGER_DECAY * multiplier);
            agent.hygiene = Agent.clampUnit(agent.hygiene - Tuning.HYGIENE_DECAY * multiplier);
            agent.energy = Agent.clampUnit(agent.energy - Tuning.ENERGY_DECAY * multiplier);
            if (before >= Tuning.STARVATION_THRESHOLD && agent.hunger < Tuning.STARVATION_THRESHOLD) {
                agent.tickStarvation = true;
                starvationIncidentsThisTick++;
            }
        }
    }

    private void progressAffordances(List<WorldEvent> out) {
        for (WorldObject object : objects) {
            WorldObject.Running running = object.running;
            if (running == null) {
                continue;
            }
            Agent agent = agentsById.get(running.agentId);
            String lost = lostPrecondition(running.affordance);
            if (lost != null) {
                out.add(WorldEvent.of("affordance_fail", "object_id", object.id, "agent_id", agent.id,
                        "affordance_id", running.affordance.id(), "reason", lost));
                endUse(object, agent, false);
                continue;
            }
            running.remaining--;
            if (running.remaining <= 0) {
                finish(object, agent, running.affordance, out);
                endUse(object, agent, true);
            }
        }
    }

    /** Why a running affordance cannot go on, or {@code null}. */
    private String lostPrecondition(Affordance affordance) {
        if (affordance == Affordance.USE_SHOWER || affordance == Affordance.COOK_MEAL) {
            if (!utilities.power()) {
                return "power_off";
            }
            if (affordance == Affordance.USE_SHOWER && !utilities.water()) {
                return "water_off";
            }
        }
        return null;
    }

    private void finish(WorldObject object, Agent agent, Affordance affordance, List<WorldEvent> out) {
        out.add(WorldEvent.of("affordance_finish", "object_id", object.id, "agent_id", agent.id,
                "affordance_id", affordance.id()));
        agent.tickFinished = true;
        switch (affordance) {
            case USE_SHOWER -> {
                agent.hygiene = 1.0;
                out.add(WorldEvent.of("shower_complete", "agent_id", agent.id, "object_id", object.id));
            }
            case REST_SLEEP -> {
                agent.energy = 1.0;
                out.add(WorldEvent.of("sleep_complete", "agent_id", agent.id, "object_id", object.id));
            }
            case EAT_MEAL -> {
                agent.hunger = Agent.clampUnit(agent.hunger + 0.6);
                agent.mealsConsumed++;
            }
            case COOK_MEAL -> {
                pairedFridge(object).meals += 2;
                agent.mealsCooked += 2;
            }
        }
    }

    /** Takes {@code agent} (the head) out of the object's queue; a finished use passes the reservation on. */
    private void endUse(WorldObject object, Agent agent, boolean finished) {
        object.queue.pollFirst();
        object.running = null;
        leaveQueue(agent);
        agent.lastUsedObject = object.id;
        agent.lastUsedTick = tick;
        if (!object.queue.isEmpty()) {
            object.reservedSince = tick;
            if (finished) {
                rotationEvents++;
            }
        }
    }

    private void leaveQueue(Agent agent) {
        agent.queuedAt = null;
        agent.queuedFor = null;
        // The option has done its job (or cannot): the policy chooses again at the agent's next turn.
        agent.committedUntil = tick;
    }

    private void runPolicy(List<WorldEvent> out, List<SocialEvent> social) {
        for (Agent agent : agents) {
            if (agent.queuedAt != null) {
                continue;
            }
            boolean onShift = onShift(agent);
            if (tick >= agent.committedUntil) {
                Option next = chooseOption(agent, onShift);
                if (next != agent.option) {
                    agent.optionSwitches++;
                    agent.option = next;
                }
                agent.committedUntil = tick + Tuning.OPTION_COMMIT_TICKS;
            }
            act(agent, onShift, social);
        }
    }

    /**
     * The scripted policy: a critical need first, then work when on shift, then an urgent need, else socialise or
     * idle by extroversion. Next: issue town simulation (possession, anneal, richer scoring).
     */
    private Option chooseOption(Agent agent, boolean onShift) {
        Option neediest = Option.EAT;
        for (Option need : new Option[] {Option.WASH, Option.SLEEP}) {
            if (agent.need(need) < agent.need(neediest)) {
                neediest = need;
            }
        }
        double level = agent.need(neediest);
        if (level <= Tuning.CRITICAL_NEED) {
            return neediest;
        }
        if (onShift) {
            return Option.WORK;
        }
        if (level <= Tuning.URGENT_NEED) {
            return neediest;
        }
        double sociability = 0.25 + 0.15 * agent.extroversion;
        return policyRandom.nextDouble() < sociability ? Option.SOCIALISE : Option.IDLE;
    }

    private void act(Agent agent, boolean onShift, List<SocialEvent> social) {
        switch (agent.option) {
            case EAT -> tryJoin(agent, ObjectType.FRIDGE, Affordance.EAT_MEAL);
            case WASH -> tryJoin(agent, ObjectType.SHOWER, Affordance.USE_SHOWER);
            case SLEEP -> tryJoin(agent, ObjectType.BED, Affordance.REST_SLEEP);
            case WORK -> {
                if (onShift && agent.job == Job.COOK) {
                    WorldObject stove = home(agent, ObjectType.STOVE);
                    WorldObject fridge = pairedFridge(stove);
                    if (stove.queue.isEmpty() && fridge.meals < Tuning.COOK_WHEN_MEALS_BELOW
                            && fridge.ingredients >= 1 && !onCooldown(agent, stove)) {
                        join(agent, stove, Affordance.COOK_MEAL);
                    }
                }
            }
            case SOCIALISE -> {
                if (agents.length > 1 && socialRandom.nextDouble() < Tuning.CHAT_CHANCE) {
                    chat(agent, social);
                }
            }
            case IDLE -> {
                // nothing to do
            }
        }
    }

    private void tryJoin(Agent agent, ObjectType type, Affordance affordance) {
        WorldObject home = home(agent, type);
        WorldObject choice = home;
        if (type == ObjectType.FRIDGE && home.meals < 1) {
            choice = next(home, type);
        }
        if (onCooldown(agent, choice)) {
            choice = next(choice, type);
        }
        if (onCooldown(agent, choice)) {
            cooldownEvents++;
            agent.option = Option.IDLE;
            agent.optionSwitches++;
            return;
        }
        join(agent, choice, affordance);
    }

    private boolean onCooldown(Agent agent, WorldObject object) {
        return object.id.equals(agent.lastUsedObject) && tick - agent.lastUsedTick < Tuning.COOLDOWN_TICKS;
    }

    private void join(Agent agent, WorldObject object, Affordance affordance) {
        if (object.queue.isEmpty()) {
            object.reservedSince = tick;
        }
        object.queue.addLast(agent.id);
        agent.queuedAt = object.id;
        agent.queuedFor = affordance;
        agent.queuedSince = tick;
    }

    private void chat(Agent speaker, List<SocialEvent> social) {
        int pick = socialRandom.nextInt(agents.length - 1);
        Agent listener = agents[pick >= speaker.index ? pick + 1 : pick];
        double noise = (socialRandom.nextDouble() - 0.5) * 0.6;
        double quality = round(Agent.clampUnit(0.5 + 0.2 * speaker.extroversion + 0.1 * listener.forgiveness
                + noise), 3);
        boolean success = quality >= Tuning.CHAT_SUCCESS_QUALITY;
        social.add(SocialEvent.of(success ? "chat_success" : "chat_failure", "speaker", speaker.id,
                "listener", listener.id, "quality", quality));
        relationships.chat(speaker.id, listener.id, quality, success);
        if (success) {
            speaker.tickChatSuccesses++;
            listener.tickChatSuccesses++;
        } else {
            speaker.tickChatFailures++;
            listener.tickChatFailures++;
        }
    }

    private void serveQueues(List<WorldEvent> out, List<RivalryEvent> rivalryOut) {
        for (WorldObject object : objects) {
            while (object.running == null && !object.queue.isEmpty()) {
                Agent head = agentsById.get(object.queue.peekFirst());
                if (!tryStart(object, head, out)) {
                    object.queue.pollFirst();
                    leaveQueue(head);
                    head.lastUsedObject = object.id;
                    head.lastUsedTick = tick;
                    // Thwarted: the agent idles for one commit period instead of retrying every tick.
                    head.option = Option.IDLE;
                    head.optionSwitches++;
                    head.committedUntil = tick + Tuning.OPTION_COMMIT_TICKS;
                    if (!object.queue.isEmpty()) {
                        object.reservedSince = tick;
                    }
                }
            }
            checkPatience(object, out, rivalryOut);
        }
    }

    /** Starts the head's affordance, or emits why it cannot start and returns false. */
    private boolean tryStart(WorldObject object, Agent agent, List<WorldEvent> out) {
        Affordance affordance = agent.queuedFor;
        String failure = null;
        double price = mealPrice();
        switch (affordance) {
            case USE_SHOWER -> {
                if (!utilities.power()) {
                    failure = "power_off";
                    out.add(WorldEvent.of("shower_power_outage", "object_id", object.id, "agent_id", agent.id));
                } else if (!utilities.water()) {
                    failure = "water_off";
                }
            }
            case EAT_MEAL -> {
                if (object.meals < 1) {
                    failure = "out_of_stock";
                } else if (agent.wallet < price) {
                    failure = "insufficient_funds";
                }
            }
            case COOK_MEAL -> {
                if (!utilities.power()) {
                    failure = "power_off";
                } else if (pairedFridge(object).ingredients < 1) {
                    failure = "no_ingredients";
                }
            }
            case REST_SLEEP -> {
                // no preconditions
            }
        }
        if (failure != null) {
            out.add(WorldEvent.of("affordance_precondition_fail", "object_id", object.id, "agent_id", agent.id,
                    "affordance_id", affordance.id(), "reason", failure));
            return false;
        }
        if (affordance == Affordance.EAT_MEAL) {
            object.meals--;
            agent.wallet -= price;
            agent.basketCost += price;
        } else if (affordance == Affordance.COOK_MEAL) {
            pairedFridge(object).ingredients--;
            agent.wallet -= Tuning.INGREDIENTS_COST;
            agent.basketCost += Tuning.INGREDIENTS_COST;
        }
        object.running = new WorldObject.Running(agent.id, affordance, tick);
        out.add(WorldEvent.of("affordance_start", "object_id", object.id, "agent_id", agent.id,
                "affordance_id", affordance.id(), "duration_ticks", (long) affordance.ticks()));
        return true;
    }

    /** Agents behind the head who waited beyond patience leave, clashing with the head. */
    private void checkPatience(WorldObject object, List<WorldEvent> out, List<RivalryEvent> rivalryOut) {
        if (object.queue.size() < 2) {
            return;
        }
        Iterator<String> waiting = object.queue.iterator();
        String rival = waiting.next();
        while (waiting.hasNext()) {
            Agent actor = agentsById.get(waiting.next());
            if (tick - actor.queuedSince <= Tuning.PATIENCE_TICKS) {
                continue;
            }
            long queueLength = object.queue.size();
            waiting.remove();
            leaveQueue(actor);
            double intensity = round(Agent.clampUnit((0.4 + 0.1 * queueLength)
                    / actor.profile.conflictTolerance()), 3);
            out.add(WorldEvent.of("queue_conflict", "object_id", object.id, "actor", actor.id, "rival", rival,
                    "reason", "patience", "intensity", intensity, "queue_length", queueLength));
            rivalryOut.add(new RivalryEvent(tick, actor.id, rival, intensity, "patience"));
            relationships.raiseRivalry(actor.id, rival, intensity * 0.1);
        }
    }

    private void updateEmployment(List<WorldEvent> out) {
        Agent firstWorker = null;
        Agent secondWorker = null;
        for (Agent agent : agents) {
            agent.working = agent.option == Option.WORK && onShift(agent)
                    && (agent.queuedAt == null || agent.queuedFor == Affordance.COOK_MEAL);
            if (agent.working) {
                if (firstWorker == null) {
                    firstWorker = agent;
                } else if (secondWorker == null) {
                    secondWorker = agent;
                }
            }
        }
        long absenceWindow = 7L * ticksPerDay;
        for (Agent agent : agents) {
            int intoShift = Math.floorMod(timeOfDay - agent.shiftStart, ticksPerDay);
            if (intoShift < shiftLength) {
                long shiftStartTick = tick - intoShift;
                if (agent.currentShiftStartTick != shiftStartTick) {
                    if (agent.inShift) {
                        endShift(agent);
                    }
                    agent.currentShiftStartTick = shiftStartTick;
                    agent.inShift = true;
                    agent.arrived = false;
                    agent.arrivedLate = false;
                    agent.lateHelpSeen = false;
                }
                workShift(agent, intoShift, agent == firstWorker ? secondWorker : firstWorker, out);
            } else {
                if (agent.inShift) {
                    endShift(agent);
                }
                int untilShift = Math.floorMod(agent.shiftStart - timeOfDay, ticksPerDay);
                agent.shiftState = untilShift <= Tuning.PRE_SHIFT_TICKS ? ShiftState.PRE_SHIFT : ShiftState.OFF;
            }
            while (!agent.absentShiftEnds.isEmpty() && agent.absentShiftEnds.peekFirst() <= tick - absenceWindow) {
                agent.absentShiftEnds.pollFirst();
            }
            considerExit(agent, out);
        }
    }

    private void workShift(Agent agent, int intoShift, Agent helper, List<WorldEvent> out) {
        if (agent.working) {
            if (!agent.arrived) {
                agent.arrived = true;
                agent.shiftsAttended++;
                if (intoShift > Tuning.ARRIVAL_GRACE_TICKS) {
                    agent.arrivedLate = true;
                    agent.latenessCounter++;
                    agent.tickPunctuality = -1;
                } else {
                    agent.tickPunctuality = 1;
                }
            }
            agent.wallet += Tuning.WAGE_RATE;
            agent.wagesEarned += Tuning.WAGE_RATE;
            agent.tickWage = Tuning.WAGE_RATE;
        } else {
            agent.wagesWithheld += Tuning.WAGE_RATE;
            if (!agent.arrived && intoShift > Tuning.ARRIVAL_GRACE_TICKS) {
                agent.lateTicksToday++;
                if (!agent.lateHelpSeen) {
                    agent.lateHelpSeen = true;
                    if (helper != null) {
                        out.add(WorldEvent.of("late_help", "agent_id", agent.id, "helper_id", helper.id,
                                "job_id", agent.job.id()));
                    }
                }
            }
        }
        if (agent.arrived) {
            agent.shiftState = agent.arrivedLate ? ShiftState.LATE : ShiftState.ON_TIME;
        } else if (intoShift <= Tuning.ARRIVAL_GRACE_TICKS) {
            agent.shiftState = ShiftState.PRE_SHIFT;
        } else {
            agent.shiftState = intoShift >= shiftLength / 2 ? ShiftState.ABSENT : ShiftState.LATE;
        }
    }

    private void endShift(Agent agent) {
        agent.inShift = false;
        agent.shiftsEnded++;
        if (!agent.arrived) {
            agent.absentShiftEnds.addLast(tick);
        }
    }

    /**
     * Enqueues a persistently late or absent agent for exit review (at most {@link Tuning#EXIT_QUEUE_LIMIT}).
     * Next: issue town simulation (review, approval, daily cap, replacements).
     */
    private void considerExit(Agent agent, List<WorldEvent> out) {
        if (agent.exitPending || exitQueue.size() >= Tuning.EXIT_QUEUE_LIMIT) {
            return;
        }
        String reason = null;
        if (agent.latenessCounter >= Tuning.LATENESS_EXIT_THRESHOLD) {
            reason = "lateness";
        } else if (agent.absentShiftEnds.size() >= Tuning.ABSENT_SHIFTS_EXIT_THRESHOLD) {
            reason = "absence";
        }
        if (reason != null) {
            agent.exitPending = true;
            exitQueue.add(JsonMaps.of("agent_id", agent.id, "enqueued_tick", tick, "reason", reason));
            out.add(WorldEvent.of("employment_exit_pending", "agent_id", agent.id, "reason", reason));
        }
    }

    /** Every restock interval each fridge receives ingredients, up to its capacity; meals come from cooking. */
    private void restock(List<WorldEvent> out) {
        if (tick % Tuning.RESTOCK_INTERVAL_TICKS != 0) {
            return;
        }
        WorldObject[] fridges = objectsByType.get(ObjectType.FRIDGE);
        for (WorldObject fridge : fridges) {
            fridge.ingredients = Math.min(Tuning.FRIDGE_CAPACITY, fridge.ingredients + Tuning.RESTOCK_AMOUNT);
        }
        out.add(WorldEvent.of("economy_restock", "fridges", (long) fridges.length,
                "ingredients", (long) Tuning.RESTOCK_AMOUNT));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean onShift(Agent agent) {
        return Math.floorMod(timeOfDay - agent.shiftStart, ticksPerDay) < shiftLength;
    }

    /** The agent's home object of a type: agents are spread evenly over the objects in number order. */
    private WorldObject home(Agent agent, ObjectType type) {
        WorldObject[] ofType = objectsByType.get(type);
        return ofType[(int) ((long) agent.index * ofType.length / Math.max(1, agents.length))];
    }

    private WorldObject next(WorldObject object, ObjectType type) {
        WorldObject[] ofType = objectsByType.get(type);
        int number = Integer.parseInt(object.id.substring(object.id.lastIndexOf('_') + 1));
        return ofType[number % ofType.length];
    }

    /** stove_N is paired with fridge_N (there are as many of each). */
    private WorldObject pairedFridge(WorldObject stove) {
        WorldObject[] fridges = objectsByType.get(ObjectType.FRIDGE);
        int number = Integer.parseInt(stove.id.substring(stove.id.lastIndexOf('_') + 1));
        return fridges[(number - 1) % fridges.length];
    }

    private double mealPrice() {
        return Tuning.MEAL_COST * priceSpikes.multiplier(PriceSpikes.MEAL);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** An immutable, insertion-ordered JSON map of doubles (JsonMaps passes it through without copying). */
    private static Map<String, Double> orderedDoubles(Object... keysAndValues) {
        LinkedHashMap<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String canonicalPolicyParameters() {
        return "{\"chat_chance\":" + Tuning.CHAT_CHANCE
                + ",\"critical_need\":" + Tuning.CRITICAL_NEED
                + ",\"option_commit_ticks\":" + Tuning.OPTION_COMMIT_TICKS
                + ",\"provider\":\"scripted\""
                + ",\"urgent_need\":" + Tuning.URGENT_NEED + "}";
    }

    // ------------------------------------------------------------------------------------------------ views

    /** The last tick advanced to; 0 before the first. */
    public long tick() {
        return tick;
    }

    public int agentCount() {
        return agents.length;
    }

    /** This tick's world events, in the order they happened. */
    public List<WorldEvent> events() {
        return events;
    }

    /** This tick's social events ({@code chat_success}, {@code chat_failure}). */
    public List<SocialEvent> socialEvents() {
        return socialEvents;
    }

    /** Rivalry incidents of this tick. */
    public List<RivalryEvent> rivalryEvents() {
        return rivalryEvents;
    }

    /** Agents waiting (not yet served) in all object queues. */
    public long waitingAgents() {
        long waiting = 0;
        for (WorldObject object : objects) {
            waiting += object.queue.size() - (object.running == null ? 0 : 1);
        }
        return waiting;
    }

    /** Agents whose hunger fell below the starvation threshold this tick. */
    public long starvationIncidents() {
        return starvationIncidentsThisTick;
    }

    /** Mean lateness counter over agents; 0.0 with no agents. */
    public double meanLateness() {
        if (agents.length == 0) {
            return 0.0;
        }
        long sum = 0;
        for (Agent agent : agents) {
            sum += agent.latenessCounter;
        }
        return (double) sum / agents.length;
    }

    public int exitQueueLength() {
        return exitQueue.size();
    }

    /** SHA-256 hex of the scripted policy's canonical parameters. */
    public String policyHash() {
        return policyHash;
    }

    /** The observation variant of the scripted policy. */
    public String observationVariant() {
        return OBSERVATION_VARIANT;
    }

    /** The option commit length of the scripted policy. */
    public long optionCommitTicks() {
        return Tuning.OPTION_COMMIT_TICKS;
    }

    /** Cumulative queue-fairness counters. */
    public QueueMetrics queueMetrics() {
        return new QueueMetrics(cooldownEvents, ghostStepEvents, rotationEvents);
    }

    /** The world as telemetry sees it at the end of this tick; every field filled. */
    public WorldView worldView() {
        return WorldView.builder()
                .queueMetrics(queueMetrics())
                .employment(employment())
                .jobs(jobs())
                .economy(economy())
                .economySettings(economySettings)
                .priceSpikes(priceSpikes.view())
                .utilities(utilities.view())
                .relationships(relationships.snapshot())
                .relationshipMetrics(relationships.churn())
                .rivalryEvents(rivalryEvents)
                .runningAffordances(runningAffordances())
                .activeReservations(activeReservations())
                .affordanceManifest(manifest)
                .embeddingMetrics(embeddingMetrics)
                .personalities(personalities)
                .build();
    }

    private Map<String, Object> employment() {
        return JsonMaps.of(
                "pending", JsonMaps.copyOfList(exitQueue),
                "pending_count", (long) exitQueue.size(),
                "exits_today", (long) exitsToday,
                "daily_exit_cap", (long) Tuning.DAILY_EXIT_CAP,
                "queue_limit", (long) Tuning.EXIT_QUEUE_LIMIT,
                "review_window", Tuning.REVIEW_WINDOW);
    }

    private Map<String, Map<String, Object>> jobs() {
        LinkedHashMap<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Agent agent : agents) {
            double attendance = agent.shiftsEnded == 0 ? 1.0
                    : Math.min(1.0, (double) agent.shiftsAttended / agent.shiftsEnded);
            jobs.put(agent.id, JsonMaps.of(
                    "job_id", agent.job.id(),
                    "on_shift", onShift(agent),
                    "wallet", agent.wallet,
                    "lateness_counter", agent.latenessCounter,
                    "shift_state", agent.shiftState.id(),
                    "attendance_ratio", attendance,
                    "late_ticks_today", agent.lateTicksToday,
                    "absent_shifts_7d", (long) agent.absentShiftEnds.size(),
                    "wages_withheld", agent.wagesWithheld,
                    "exit_pending", agent.exitPending,
                    "inventory", JsonMaps.of(
                            "meals_cooked", agent.mealsCooked,
                            "meals_consumed", agent.mealsConsumed,
                            "wages_earned", agent.wagesEarned,
                            "basket_cost", agent.basketCost),
                    "needs", JsonMaps.of(
                            "hunger", agent.hunger,
                            "hygiene", agent.hygiene,
                            "energy", agent.energy)));
        }
        return Collections.unmodifiableMap(jobs);
    }

    private Map<String, Object> economy() {
        LinkedHashMap<String, Object> stock = new LinkedHashMap<>();
        for (WorldObject object : objects) {
            Map<String, Object> items = object.type == ObjectType.FRIDGE
                    ? JsonMaps.of("ingredients", (long) object.ingredients, "meals", (long) object.meals)
                    : Map.of();
            stock.put(object.id, JsonMaps.of("type", object.type.id(), "stock", items));
        }
        return JsonMaps.of(
                "objects", Collections.unmodifiableMap(stock),
                "prices", JsonMaps.of(
                        "ingredients", Tuning.INGREDIENTS_COST * priceSpikes.multiplier("ingredients"),
                        PriceSpikes.MEAL, mealPrice()));
    }

    private Map<String, RunningAffordance> runningAffordances() {
        LinkedHashMap<String, RunningAffordance> running = new LinkedHashMap<>();
        for (WorldObject object : objects) {
            WorldObject.Running use = object.running;
            if (use != null) {
                running.put(object.id, new RunningAffordance(use.agentId, use.affordance.id(), use.startedTick,
                        use.remaining));
            }
        }
        return Collections.unmodifiableMap(running);
    }

    private Map<String, Map<String, Object>> activeReservations() {
        LinkedHashMap<String, Map<String, Object>> reservations = new LinkedHashMap<>();
        for (WorldObject object : objects) {
            String holder = object.queue.peekFirst();
            if (holder != null) {
                reservations.put(object.id, JsonMaps.of("agent_id", holder, "tick", object.reservedSince));
            }
        }
        return Collections.unmodifiableMap(reservations);
    }

    /** This tick's rewards: 14 components per agent (SPEC §17.6), computed from what each agent did this tick. */
    public Rewards rewards() {
        LinkedHashMap<String, Double> totals = new LinkedHashMap<>();
        LinkedHashMap<String, Map<String, Double>> breakdown = new LinkedHashMap<>();
        for (Agent agent : agents) {
            double homeostasis = 0.01 * ((agent.hunger + agent.hygiene + agent.energy) / 3.0 - 0.5);
            double shaping = agent.tickFinished ? 0.005 : 0.0;
            double work = agent.working ? 0.005 : 0.0;
            double socialReward = 0.01 * agent.tickChatSuccesses;
            double survival = 0.001;
            int lowNeeds = (agent.hunger < 0.2 ? 1 : 0) + (agent.hygiene < 0.2 ? 1 : 0)
                    + (agent.energy < 0.2 ? 1 : 0);
            double needsPenalty = -0.01 * lowNeeds;
            double wage = agent.tickWage;
            double punctuality = 0.02 * agent.tickPunctuality;
            double socialBonus = agent.extroversion > 0.0 ? 0.005 * agent.tickChatSuccesses : 0.0;
            double socialPenalty = -0.01 * agent.tickChatFailures;
            // Next: issue town simulation (rivalry avoidance).
            double socialAvoidance = 0.0;
            double terminalPenalty = agent.tickStarvation ? -0.5 : 0.0;
            double sum = homeostasis + shaping + work + socialReward + survival + needsPenalty + wage + punctuality
                    + socialBonus + socialPenalty + socialAvoidance + terminalPenalty;
            double total = Math.max(-Tuning.REWARD_CLIP, Math.min(Tuning.REWARD_CLIP, sum));
            Map<String, Double> components = orderedDoubles(
                    "homeostasis", homeostasis,
                    "shaping", shaping,
                    "work", work,
                    "social", socialReward,
                    "survival", survival,
                    "needs_penalty", needsPenalty,
                    "wage", wage,
                    "punctuality", punctuality,
                    "social_bonus", socialBonus,
                    "social_penalty", socialPenalty,
                    "social_avoidance", socialAvoidance,
                    "terminal_penalty", terminalPenalty,
                    "clip_adjustment", total - sum,
                    "total", total);
            totals.put(agent.id, total);
            breakdown.put(agent.id, components);
        }
        return new Rewards(Collections.unmodifiableMap(totals), Collections.unmodifiableMap(breakdown));
    }

    /** agent → {option, committed_until, option_switches}. */
    public Map<String, Map<String, Object>> policySnapshot() {
        LinkedHashMap<String, Map<String, Object>> snapshot = new LinkedHashMap<>();
        for (Agent agent : agents) {
            snapshot.put(agent.id, JsonMaps.of("option", agent.option.id(), "committed_until", agent.committedUntil,
                    "option_switches", agent.optionSwitches));
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /** agent → option switches so far, sorted by agent. */
    public Map<String, Long> optionSwitchCounts() {
        LinkedHashMap<String, Long> counts = new LinkedHashMap<>();
        for (Agent agent : agents) {
            counts.put(agent.id, agent.optionSwitches);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** agent → the tick its current option is committed until. */
    public Map<String, Long> commitState() {
        LinkedHashMap<String, Long> commits = new LinkedHashMap<>();
        for (Agent agent : agents) {
            commits.put(agent.id, agent.committedUntil);
        }
        return Collections.unmodifiableMap(commits);
    }

    /** agent → hunger. */
    public Map<String, Double> hungerLevels() {
        LinkedHashMap<String, Double> levels = new LinkedHashMap<>();
        for (Agent agent : agents) {
            levels.put(agent.id, agent.hunger);
        }
        return Collections.unmodifiableMap(levels);
    }

    /** The observation envelope of the scripted policy: its variant and slot use. */
    public Map<String, Object> observationEnvelope() {
        return JsonMaps.of("variant", OBSERVATION_VARIANT, "slot_pool", (long) agents.length,
                "slots_in_use", (long) agents.length);
    }

    /** Active price spikes and utility outages, the spec cooldowns; nothing is scheduled yet. */
    public Perturbations perturbations() {
        TreeMap<String, Map<String, Object>> active = new TreeMap<>();
        priceSpikes.addActive(active);
        utilities.addActiveOutages(active);
        TreeMap<String, Long> specCooldowns = new TreeMap<>();
        priceSpikes.addCooldowns(specCooldowns, tick);
        return new Perturbations(active, List.of(), new PerturbationCooldowns(specCooldowns, Map.of()));
    }
}
