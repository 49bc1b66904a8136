package org.townlet.sim.world;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.townlet.sim.config.EconomySettings;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.NeedsSettings;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;

/**
 * The town (SPEC §17): agents with needs and personalities; objects with FIFO queues, reservations and four
 * affordances; jobs, shifts, wages, lateness and the employment exit queue with replacements; an economy of stock and
 * prices; power and water; perturbations; relationship ties with churn; social events; rewards; a scripted policy with
 * possession; observation slots; and story beats.
 *
 * <p>Deterministic: one random stream per subsystem, split from the seed in a fixed order (personalities, policy,
 * social, utilities, price spikes, arrivals); agents and objects are processed in id order; no clock is read. Each
 * tick runs, in order: console requests, perturbations and utilities, replacements arriving, story beats, needs
 * decay, running affordances, the policy (options, queue joins, chats), queue service (ghost steps, starts,
 * patience), employment (shifts, wages, lateness, exit queue, exits), relationship decay and churn, restocking.
 * O(agents + objects + ties) per tick; an exit or arrival costs O(agents + ties) once.
 *
 * <p>Not thread-safe: the simulation thread owns it. Every view it returns is immutable and shares nothing mutable
 * with the live state; an unchanged part of a view is the same object as last tick's.
 */
public final class Town {
    private static final int SHIFT_SLOTS = 3;
    private static final String MANIFEST_PATH = "builtin:core";
    private static final String OBSERVATION_VARIANT = "compact";

    static final int INITIAL_MEALS = 4;
    static final int INITIAL_INGREDIENTS = 4;
    /** Most ingredients a fridge holds; restocking stops there. */
    static final int FRIDGE_CAPACITY = 20;
    /** A cook at work cooks while its paired fridge holds fewer meals than this. */
    static final int COOK_WHEN_MEALS_BELOW = 4;
    static final int ABSENT_SHIFTS_EXIT_THRESHOLD = 3;
    /** Ticks after a shift starts within which an arrival still counts as on time. */
    static final long ARRIVAL_GRACE_TICKS = 5;
    /** Ticks before a shift starts during which the shift state reads {@code pre_shift}. */
    static final long PRE_SHIFT_TICKS = 30;
    /** Ticks a waiting agent is away from its queue place when its shift starts (it clocks in). */
    static final long CLOCK_IN_TICKS = 10;
    /** Chance per tick that a socialising agent starts a chat. */
    static final double CHAT_CHANCE = 0.04;
    static final double CHAT_SUCCESS_QUALITY = 0.4;
    /** Chance that a chat goes to someone the speaker already has a tie with (when it has one). */
    static final double KNOWN_LISTENER_CHANCE = 0.7;
    /** A need at or below this level overrides work. */
    static final double CRITICAL_NEED = 0.15;
    /** A need at or below this level is acted on when off shift. */
    static final double URGENT_NEED = 0.5;
    /** An agent avoids a queue where someone it holds at least this rivalry with waits. */
    static final double RIVAL_AVOID_RIVALRY = 0.05;
    /** Rivalry rises by a conflict's intensity times this (SPEC §17.2). */
    static final double RIVALRY_PER_INTENSITY = 0.1;
    private static final Comparator<Agent> BY_ID = Comparator.comparing(agent -> agent.id);

    private final TownSettings settings;
    private final int ticksPerDay;
    private final long shiftLength;
    private final NeedsSettings needs;
    private final QueueSettings queues;
    private final EconomySettings economy;
    private final EmploymentSettings employment;
    private final boolean personalityEnabled;
    private final long optionCommitTicks;

    private final SeededRandom personalityRandom;
    private final SeededRandom policyRandom;
    private final SeededRandom socialRandom;
    private final SeededRandom arrivalRandom;
    private final PerturbationScheduler perturbations;
    private final Relationships relationships;
    private final ObservationSlots slots;

    /** Sorted by id; rebuilt when agents leave or arrive. */
    private Agent[] agents;
    private final HashMap<String, Agent> agentsById;
    private final Set<String> idsEverUsed = new HashSet<>();
    private final int slotCount;
    private int nextAgentNumber;

    private final WorldObject[] objects;
    private final Map<ObjectType, WorldObject[]> objectsByType = new EnumMap<>(ObjectType.class);
    private final Map<String, WorldObject> objectsById = new HashMap<>();

    private final List<StoryBeat> beats;
    private int nextBeat;

    private final ArrayList<ExitEntry> exitQueue = new ArrayList<>();
    private final ArrayList<long[]> arrivals = new ArrayList<>();
    private final ArrayList<String> arrivalReplaces = new ArrayList<>();
    private long exitsToday;
    private long exitsTotal;

    private long tick;
    private int timeOfDay;
    private long cooldownEvents;
    private long ghostStepEvents;
    private long rotationEvents;
    private long starvationIncidentsThisTick;

    private double wagesPaid;
    private double purchases;
    private double fundsArrived;
    private double fundsDeparted;

    private final List<WorldEvent> pendingEvents = new ArrayList<>();
    private final List<String[]> outageRequests = new ArrayList<>();
    private final List<ExitNotice> exitNotices = new ArrayList<>();

    private List<WorldEvent> events = List.of();
    private List<SocialEvent> socialEvents = List.of();
    private List<RivalryEvent> rivalryEvents = List.of();
    private List<Announcement> announcements = List.of();
    private List<WorldEvent> tickEvents;
    private List<SocialEvent> tickSocial;
    private List<RivalryEvent> tickRivalry;
    private List<Announcement> tickAnnouncements;

    // view caches
    private final Map<String, Object> manifest;
    private final Map<String, Double> economySettings;
    private final String policyHash;
    private Map<String, Map<String, Object>> personalities;
    private QueueMetrics queueMetricsView = QueueMetrics.ZERO;
    private Map<String, Object> employmentView;
    private Map<String, Object> economyView;
    private Map<String, Object>[] economyEntries;
    private Map<String, Object> pricesView;
    private double shownMealPrice = Double.NaN;
    private double shownIngredientsPrice = Double.NaN;
    private Map<String, Object> observationEnvelope;
    private ArrayMaps.Keys agentKeys = new ArrayMaps.Keys();
    private Map<String, Long> switchCountsView;
    private long[] shownSwitches;
    private Map<String, Long> commitStateView;
    private long[] shownCommits;
    private List<String> possessedView = List.of();
    private final ArrayMaps.ReusedView<Map<String, Object>> jobsView = new ArrayMaps.ReusedView<>();
    private final ArrayMaps.ReusedView<Map<String, Object>> policyView = new ArrayMaps.ReusedView<>();
    private Map<String, Map<String, Object>> reservationsView;
    private Map<String, Object>[] shownReservations;

    private Town(TownSettings settings) {
        this.settings = settings;
        SeededRandom root = new SeededRandom(settings.seed());
        personalityRandom = root.split();
        policyRandom = root.split();
        socialRandom = root.split();
        SeededRandom utilityRandom = root.split();
        SeededRandom spikeRandom = root.split();
        arrivalRandom = root.split();

        ticksPerDay = settings.ticksPerDay();
        needs = settings.needs();
        queues = settings.queues();
        economy = settings.economy();
        employment = settings.employment();
        shiftLength = Math.min(employment.shiftLengthTicks(), ticksPerDay);
        personalityEnabled = settings.personality().enabled();
        optionCommitTicks = settings.policy().optionCommitTicks();
        perturbations = new PerturbationScheduler(settings.utilities(), settings.perturbations(), utilityRandom,
                spikeRandom);
        relationships = new Relationships(settings.relationships());

        List<String> ids = new ArrayList<>(settings.agentIds());
        Collections.sort(ids);
        slotCount = ids.size();
        nextAgentNumber = ids.size();
        slots = new ObservationSlots(Math.max(1, ids.size()));
        agents = new Agent[ids.size()];
        agentsById = new HashMap<>(Math.max(16, ids.size() * 2));
        for (int i = 0; i < agents.length; i++) {
            Agent agent = newAgent(ids.get(i), i, personalityRandom, 0);
            agents[i] = agent;
            agentsById.put(agent.id, agent);
            idsEverUsed.add(agent.id);
        }

        List<WorldObject> all = new ArrayList<>();
        for (ObjectType type : ObjectType.values()) {
            WorldObject[] ofType = new WorldObject[type.countFor(slotCount)];
            for (int k = 0; k < ofType.length; k++) {
                WorldObject object = new WorldObject(type.id() + "_" + (k + 1), type, k + 1);
                if (type == ObjectType.FRIDGE) {
                    object.meals = INITIAL_MEALS;
                    object.ingredients = INITIAL_INGREDIENTS;
                }
                ofType[k] = object;
                all.add(object);
                objectsById.put(object.id, object);
            }
            objectsByType.put(type, ofType);
        }
        for (WorldObject stove : objectsByType.get(ObjectType.STOVE)) {
            WorldObject[] fridges = objectsByType.get(ObjectType.FRIDGE);
            stove.pairedFridge = fridges[(stove.number - 1) % fridges.length];
        }
        all.sort(Comparator.comparing(object -> object.id));
        objects = all.toArray(new WorldObject[0]);
        Map<String, Object>[] entries = ArrayMaps.newMaps(objects.length);
        economyEntries = entries;

        List<StoryBeat> sortedBeats = new ArrayList<>(settings.story().beats());
        sortedBeats.sort(Comparator.comparingLong(StoryBeat::tick));
        beats = List.copyOf(sortedBeats);

        manifest = Views.map(
                "path", MANIFEST_PATH,
                "checksum", sha256(Affordance.canonicalTable()),
                "object_count", (long) objects.length,
                "affordance_count", (long) Affordance.values().length);
        economySettings = Views.doubles(
                "meal_cost", economy.mealCost(),
                "ingredients_cost", economy.ingredientsCost(),
                "wage_rate", economy.wageRate(),
                "starting_wallet", economy.startingWallet(),
                "restock_interval_ticks", economy.restockIntervalTicks(),
                "restock_amount", economy.restockAmount());
        policyHash = sha256(canonicalPolicyParameters(optionCommitTicks));
        for (Agent agent : agents) {
            agent.observationSlot = slots.allocate(0);
        }
        rebuildAgentViews();
    }

    /** Builds the town of {@code settings}; no tick has run yet ({@link #tick()} is 0). */
    public static Town create(TownSettings settings) {
        return new Town(Objects.requireNonNull(settings, "settings"));
    }

    private Agent newAgent(String id, int slot, SeededRandom random, long arrivedTick) {
        Profile profile = Profile.values()[random.nextInt(Profile.values().length)];
        double extroversion = round(random.nextDouble(-1.0, 1.0), 2);
        double forgiveness = round(random.nextDouble(-1.0, 1.0), 2);
        double ambition = round(random.nextDouble(-1.0, 1.0), 2);
        double hunger = round(0.6 + 0.4 * random.nextDouble(), 3);
        double hygiene = round(0.6 + 0.4 * random.nextDouble(), 3);
        double energy = round(0.6 + 0.4 * random.nextDouble(), 3);
        if (!personalityEnabled) {
            profile = Profile.BALANCED;
            extroversion = 0.0;
            forgiveness = 0.0;
            ambition = 0.0;
        }
        Agent agent = agent(id, slot, profile, extroversion, forgiveness, ambition, arrivedTick);
        agent.hunger = hunger;
        agent.hygiene = hygiene;
        agent.energy = energy;
        agent.wallet = economy.startingWallet();
        return agent;
    }

    /** An agent of a slot: its job and shift follow from the slot; its personality entry is built once. */
    private Agent agent(String id, int slot, Profile profile, double extroversion, double forgiveness, double ambition,
            long arrivedTick) {
        Job job = Job.values()[slot % Job.values().length];
        int shiftSlot = (slot / Job.values().length) % SHIFT_SLOTS;
        int shiftStart = (int) ((long) shiftSlot * ticksPerDay / SHIFT_SLOTS);
        Map<String, Object> personality = !personalityEnabled ? null : Views.map(
                "profile", profile.id(),
                "traits", Views.map("extroversion", extroversion, "forgiveness", forgiveness, "ambition", ambition),
                "multipliers", Views.map(
                        "needs", profile.needsMultiplier(),
                        "rewards", profile.rewardsMultiplier(),
                        "behaviour", Views.map("conflict_tolerance", profile.conflictTolerance(),
                                "sociability", profile.sociability())));
        return new Agent(id, slot, profile, extroversion, forgiveness, ambition, job, shiftStart, personality,
                arrivedTick);
    }

    // ------------------------------------------------------------------------------------------------ the tick

    /**
     * Advances the world to {@code nextTick} (see the class comment for the order of the steps).
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
        tickEvents = new ArrayList<>(pendingEvents);
        pendingEvents.clear();
        tickSocial = new ArrayList<>();
        tickRivalry = new ArrayList<>();
        tickAnnouncements = new ArrayList<>();
        starvationIncidentsThisTick = 0;
        if (timeOfDay == 0 && tick > 1) {
            if (exitsToday != 0) {
                exitsToday = 0;
                employmentView = null;
            }
            for (Agent agent : agents) {
                agent.lateTicksToday = 0;
            }
        }
        for (Agent agent : agents) {
            agent.clearTickFacts();
        }

        perturbations.step(tick, tickEvents);
        for (String[] request : outageRequests) {
            perturbations.forceOutage(request[0], tick, Long.parseLong(request[1]), "console", tickEvents);
        }
        outageRequests.clear();
        admitReplacements();
        runStory();
        decayNeeds();
        progressAffordances();
        runPolicy();
        serveQueues();
        updateEmployment();
        relationships.decayAt(tick, agents);
        relationships.rollWindow(tick);
        restock();

        events = Collections.unmodifiableList(tickEvents);
        socialEvents = Collections.unmodifiableList(tickSocial);
        rivalryEvents = Collections.unmodifiableList(tickRivalry);
        announcements = Collections.unmodifiableList(tickAnnouncements);
        if (queueMetricsView.cooldownEvents() != cooldownEvents || queueMetricsView.ghostStepEvents() != ghostStepEvents
                || queueMetricsView.rotationEvents() != rotationEvents) {
            queueMetricsView = new QueueMetrics(cooldownEvents, ghostStepEvents, rotationEvents);
        }
    }

    private void decayNeeds() {
        double hungerDecay = needs.hungerDecay();
        double hygieneDecay = needs.hygieneDecay();
        double energyDecay = needs.energyDecay();
        double threshold = needs.starvationThreshold();
        for (Agent agent : agents) {
            double multiplier = agent.profile.needsMultiplier();
            double before = agent.hunger;
            agent.hunger = Views.clampUnit(agent.hunger - hungerDecay * multiplier);
            agent.hygiene = Views.clampUnit(agent.hygiene - hygieneDecay * multiplier);
            agent.energy = Views.clampUnit(agent.energy - energyDecay * multiplier);
            if (before >= threshold && agent.hunger < threshold) {
                agent.tickStarvation = true;
                starvationIncidentsThisTick++;
                tickEvents.add(WorldEvent.of("starvation_incident", "agent_id", agent.id, "hunger",
                        round(agent.hunger, 3)));
            }
        }
    }

    private void progressAffordances() {
        for (WorldObject object : objects) {
            WorldObject.Running running = object.running;
            if (running == null) {
                continue;
            }
            Agent agent = running.agent;
            String lost = lostPrecondition(running.affordance);
            if (lost != null) {
                tickEvents.add(WorldEvent.of("affordance_fail", "object_id", object.id, "agent_id", agent.id,
                        "affordance_id", running.affordance.id(), "reason", lost));
                agent.tickFailed++;
                perturbations.agentHit(agent.id, tick);
                endUse(object, agent, false);
                continue;
            }
            running.remaining--;
            if (running.remaining <= 0) {
                finish(object, agent, running.affordance);
                endUse(object, agent, true);
            }
        }
    }

    /** Why a running affordance cannot go on, or {@code null}. */
    private String lostPrecondition(Affordance affordance) {
        if (affordance == Affordance.USE_SHOWER || affordance == Affordance.COOK_MEAL) {
            if (!perturbations.power()) {
                return "power_off";
            }
            if (affordance == Affordance.USE_SHOWER && !perturbations.water()) {
                return "water_off";
            }
        }
        return null;
    }

    private void finish(WorldObject object, Agent agent, Affordance affordance) {
        tickEvents.add(WorldEvent.of("affordance_finish", "object_id", object.id, "agent_id", agent.id,
                "affordance_id", affordance.id()));
        agent.tickFinished++;
        switch (affordance) {
            case USE_SHOWER -> {
                agent.hygiene = 1.0;
                tickEvents.add(WorldEvent.of("shower_complete", "agent_id", agent.id, "object_id", object.id));
            }
            case REST_SLEEP -> {
                agent.energy = 1.0;
                tickEvents.add(WorldEvent.of("sleep_complete", "agent_id", agent.id, "object_id", object.id));
            }
            case EAT_MEAL -> {
                agent.hunger = Views.clampUnit(agent.hunger + Affordance.MEAL_NOURISHMENT);
                agent.mealsConsumed++;
            }
            case COOK_MEAL -> {
                object.pairedFridge.meals += Affordance.MEALS_PER_COOKING;
                agent.mealsCooked += Affordance.MEALS_PER_COOKING;
            }
        }
    }

    /** Takes {@code agent} (the head) out of the object's queue; a finished use passes the reservation on. */
    private void endUse(WorldObject object, Agent agent, boolean finished) {
        object.queue.pollFirst();
        object.running = null;
        leaveQueue(agent);
        agent.lastUsedObject = object;
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
        agent.awayUntil = 0;
        // The option has done its job (or cannot): the policy chooses again at the agent's next turn.
        agent.committedUntil = tick;
    }

    /** Takes an agent out of whatever queue it is in; a use in progress is abandoned with {@code reason}. */
    private void withdraw(Agent agent, String reason) {
        WorldObject object = agent.queuedAt;
        if (object == null) {
            return;
        }
        if (agent.running()) {
            tickEvents.add(WorldEvent.of("affordance_fail", "object_id", object.id, "agent_id", agent.id,
                    "affordance_id", object.running.affordance.id(), "reason", reason));
            agent.tickFailed++;
            endUse(object, agent, false);
            return;
        }
        boolean head = object.head() == agent;
        object.queue.remove(agent);
        leaveQueue(agent);
        if (head && !object.queue.isEmpty()) {
            object.reservedSince = tick;
        }
    }

    // ------------------------------------------------------------------------------------------------ policy

    private void runPolicy() {
        for (Agent agent : agents) {
            boolean onShift = onShift(agent);
            if (agent.queuedAt != null) {
                clockIn(agent, onShift);
                continue;
            }
            if (!agent.possessed && tick >= agent.committedUntil) {
                Option next = chooseOption(agent, onShift);
                switchTo(agent, next);
                agent.committedUntil = tick + optionCommitTicks;
            }
            act(agent, onShift);
        }
    }

    private void switchTo(Agent agent, Option next) {
        if (next != agent.option) {
            agent.optionSwitches++;
            agent.option = next;
        }
    }

    /** A waiting agent whose shift starts steps away to clock in, keeping its place in the queue. */
    private void clockIn(Agent agent, boolean onShift) {
        if (onShift && !agent.running() && !agent.away(tick)
                && Math.floorMod(timeOfDay - agent.shiftStart, ticksPerDay) == 0) {
            agent.awayUntil = tick + CLOCK_IN_TICKS;
            switchTo(agent, Option.WORK);
            tickEvents.add(WorldEvent.of("queue_step_away", "agent_id", agent.id, "object_id", agent.queuedAt.id,
                    "reason", "clock_in", "ticks", CLOCK_IN_TICKS));
        }
    }

    /**
     * The scripted policy: a critical need first, then work when on shift, then an urgent need, else socialise or
     * idle by sociability (extroversion and profile).
     */
    private Option chooseOption(Agent agent, boolean onShift) {
        Option lowest = Option.EAT;
        double low = agent.hunger;
        if (agent.hygiene < low) {
            lowest = Option.WASH;
            low = agent.hygiene;
        }
        if (agent.energy < low) {
            lowest = Option.SLEEP;
            low = agent.energy;
        }
        if (low <= CRITICAL_NEED) {
            return lowest;
        }
        if (onShift) {
            return Option.WORK;
        }
        if (low <= URGENT_NEED) {
            return lowest;
        }
        double sociability = 0.25 + 0.25 * agent.extroversion + agent.profile.sociability();
        return policyRandom.nextDouble() < sociability ? Option.SOCIALISE : Option.IDLE;
    }

    private void act(Agent agent, boolean onShift) {
        switch (agent.option) {
            case EAT -> seek(agent, ObjectType.FRIDGE);
            case WASH -> seek(agent, ObjectType.SHOWER);
            case SLEEP -> seek(agent, ObjectType.BED);
            case WORK -> {
                if (onShift && agent.job == Job.COOK) {
                    WorldObject stove = home(agent, ObjectType.STOVE);
                    WorldObject fridge = stove.pairedFridge;
                    if (stove.queue.isEmpty() && fridge.meals < COOK_WHEN_MEALS_BELOW && fridge.ingredients >= 1
                            && !onCooldown(agent, stove)) {
                        join(agent, stove);
                    }
                }
            }
            case SOCIALISE -> {
                if (agents.length > 1 && socialRandom.nextDouble() < CHAT_CHANCE) {
                    Agent listener = pickListener(agent);
                    double quality = chatQuality(agent, listener, socialRandom.nextDouble() - 0.5);
                    chat(agent, listener, quality, "policy");
                }
            }
            case IDLE -> {
                // nothing to do
            }
        }
    }

    /**
     * Joins the queue of the agent's home object of {@code type} (for a fridge, the home fridge if it has meals,
     * else the next), else the next object of the type. An object used within the queue cooldown is refused
     * ({@code cooldown_events} + 1); one where a rival waits is avoided ({@code rivalry_avoidance}). An agent that
     * finds no queue idles for one commit period.
     */
    private void seek(Agent agent, ObjectType type) {
        WorldObject first = home(agent, type);
        if (type == ObjectType.FRIDGE && first.meals < 1) {
            first = next(first);
        }
        WorldObject second = next(first);
        if (tryJoin(agent, first) || second != first && tryJoin(agent, second)) {
            return;
        }
        switchTo(agent, Option.IDLE);
        agent.committedUntil = tick + optionCommitTicks;
    }

    private boolean tryJoin(Agent agent, WorldObject object) {
        if (onCooldown(agent, object)) {
            cooldownEvents++;
            return false;
        }
        Agent rival = rivalIn(agent, object);
        if (rival != null) {
            agent.tickAvoidances++;
            tickSocial.add(SocialEvent.of("rivalry_avoidance", "agent", agent.id, "object", object.id,
                    "reason", "rival_in_queue", "rival", rival.id));
            return false;
        }
        join(agent, object);
        return true;
    }

    private Agent rivalIn(Agent agent, WorldObject object) {
        if (agent.ties.isEmpty()) {
            return null;
        }
        for (Agent other : object.queue) {
            if (agent.rivalryWith(other.id) >= RIVAL_AVOID_RIVALRY) {
                return other;
            }
        }
        return null;
    }

    private boolean onCooldown(Agent agent, WorldObject object) {
        return agent.lastUsedObject == object && tick - agent.lastUsedTick < queues.cooldownTicks();
    }

    private void join(Agent agent, WorldObject object) {
        if (object.queue.isEmpty()) {
            object.reservedSince = tick;
        }
        object.queue.addLast(agent);
        agent.queuedAt = object;
        agent.queuedFor = Affordance.of(object.type);
        agent.queuedSince = tick;
        agent.awayUntil = 0;
    }

    private Agent pickListener(Agent speaker) {
        if (!speaker.ties.isEmpty() && socialRandom.nextDouble() < KNOWN_LISTENER_CHANCE) {
            Agent known = agentsById.get(speaker.ties.get(socialRandom.nextInt(speaker.ties.size())).other);
            if (known != null) {
                return known;
            }
        }
        int pick = socialRandom.nextInt(agents.length - 1);
        int speakerIndex = Arrays.binarySearch(agents, speaker, BY_ID);
        return agents[pick >= speakerIndex ? pick + 1 : pick];
    }

    private static double chatQuality(Agent speaker, Agent listener, double noise) {
        Agent.Tie tie = speaker.tie(listener.id);
        double trust = tie == null ? 0.0 : tie.trust;
        double rivalry = tie == null ? 0.0 : tie.rivalry;
        return round(Views.clampUnit(0.5 + 0.2 * speaker.extroversion + 0.1 * listener.forgiveness + 0.2 * trust
                - 0.3 * rivalry + 0.6 * noise), 3);
    }

    private void chat(Agent speaker, Agent listener, double quality, String source) {
        boolean success = quality >= CHAT_SUCCESS_QUALITY;
        tickSocial.add(SocialEvent.of(success ? "chat_success" : "chat_failure", "speaker", speaker.id,
                "listener", listener.id, "quality", quality));
        relationships.chat(speaker, listener, quality, success);
        if (success) {
            speaker.tickChatSuccesses++;
            listener.tickChatSuccesses++;
        } else {
            speaker.tickChatFailures++;
            listener.tickChatFailures++;
        }
    }

    // ------------------------------------------------------------------------------------------------ queues

    private void serveQueues() {
        long ghostAfter = queues.ghostStepTicks();
        for (WorldObject object : objects) {
            Agent head;
            while (object.running == null && (head = object.head()) != null) {
                if (head.away(tick)) {
                    if (tick - object.reservedSince < ghostAfter) {
                        break;
                    }
                    long queueLength = object.queue.size();
                    object.queue.pollFirst();
                    leaveQueue(head);
                    ghostStepEvents++;
                    Agent next = object.head();
                    if (next != null) {
                        object.reservedSince = tick;
                        conflict(object, head, next, "ghost_step",
                                Views.clampUnit((0.3 + 0.1 * queueLength) / next.profile.conflictTolerance()),
                                queueLength);
                    }
                    continue;
                }
                if (tryStart(object, head)) {
                    break;
                }
                object.queue.pollFirst();
                leaveQueue(head);
                head.lastUsedObject = object;
                head.lastUsedTick = tick;
                head.tickFailed++;
                // Thwarted: the agent idles for one commit period instead of retrying every tick.
                switchTo(head, Option.IDLE);
                head.committedUntil = tick + optionCommitTicks;
                if (!object.queue.isEmpty()) {
                    object.reservedSince = tick;
                }
            }
            checkPatience(object);
        }
    }

    /** Starts the head's affordance, or emits why it cannot start and returns false. */
    private boolean tryStart(WorldObject object, Agent agent) {
        Affordance affordance = agent.queuedFor;
        String failure = null;
        double mealPrice = mealPrice();
        double ingredientsPrice = ingredientsPrice();
        switch (affordance) {
            case USE_SHOWER -> {
                if (!perturbations.power()) {
                    failure = "power_off";
                    tickEvents.add(WorldEvent.of("shower_power_outage", "object_id", object.id, "agent_id",
                            agent.id));
                } else if (!perturbations.water()) {
                    failure = "water_off";
                }
            }
            case EAT_MEAL -> {
                if (object.meals < 1) {
                    failure = "out_of_stock";
                } else if (agent.wallet < mealPrice) {
                    failure = "insufficient_funds";
                }
            }
            case COOK_MEAL -> {
                if (!perturbations.power()) {
                    failure = "power_off";
                } else if (object.pairedFridge.ingredients < 1) {
                    failure = "no_ingredients";
                }
            }
            case REST_SLEEP -> {
                // no preconditions
            }
        }
        if (failure != null) {
            tickEvents.add(WorldEvent.of("affordance_precondition_fail", "object_id", object.id, "agent_id", agent.id,
                    "affordance_id", affordance.id(), "reason", failure));
            return false;
        }
        if (affordance == Affordance.EAT_MEAL) {
            object.meals--;
            pay(agent, mealPrice);
        } else if (affordance == Affordance.COOK_MEAL) {
            object.pairedFridge.ingredients--;
            pay(agent, ingredientsPrice);
        }
        object.running = new WorldObject.Running(agent, affordance, tick, affordance.ticks());
        tickEvents.add(WorldEvent.of("affordance_start", "object_id", object.id, "agent_id", agent.id,
                "affordance_id", affordance.id(), "duration_ticks", (long) affordance.ticks()));
        return true;
    }

    private void pay(Agent agent, double price) {
        agent.wallet -= price;
        agent.basketCost += price;
        purchases += price;
    }

    /** Present agents behind the head who waited beyond patience leave, clashing with the head. */
    private void checkPatience(WorldObject object) {
        if (object.queue.size() < 2) {
            return;
        }
        long patience = queues.patienceTicks();
        Iterator<Agent> waiting = object.queue.iterator();
        Agent rival = waiting.next();
        List<Agent> leaving = null;
        while (waiting.hasNext()) {
            Agent actor = waiting.next();
            if (tick - actor.queuedSince > patience && !actor.away(tick)) {
                if (leaving == null) {
                    leaving = new ArrayList<>(2);
                }
                leaving.add(actor);
            }
        }
        if (leaving == null) {
            return;
        }
        for (Agent actor : leaving) {
            long queueLength = object.queue.size();
            object.queue.remove(actor);
            leaveQueue(actor);
            double intensity = Views.clampUnit((0.4 + 0.1 * queueLength) / actor.profile.conflictTolerance());
            conflict(object, actor, rival, "patience", intensity, queueLength);
        }
    }

    /**
     * Emits {@code queue_conflict} and a rivalry event, and raises the pair's rivalry by intensity × 0.1;
     * {@code queueLength} is the length of the queue as the conflict arose (the leaving agent included).
     */
    private void conflict(WorldObject object, Agent actor, Agent rival, String reason, double intensity,
            long queueLength) {
        double shown = round(intensity, 3);
        tickEvents.add(WorldEvent.of("queue_conflict", "object_id", object.id, "actor", actor.id, "rival", rival.id,
                "reason", reason, "intensity", shown, "queue_length", queueLength));
        tickRivalry.add(new RivalryEvent(tick, actor.id, rival.id, shown, reason));
        relationships.raiseRivalry(actor, rival, shown * RIVALRY_PER_INTENSITY);
        actor.tickConflicts++;
        rival.tickConflicts++;
    }

    // ------------------------------------------------------------------------------------------------ employment

    private void updateEmployment() {
        Agent[] helpers = new Agent[Job.values().length];
        Agent anyHelper = null;
        for (Agent agent : agents) {
            agent.working = agent.option == Option.WORK && onShift(agent)
                    && (agent.queuedAt == null || agent.away(tick)
                            || agent.queuedFor == Affordance.COOK_MEAL && agent.running());
            if (agent.working) {
                if (helpers[agent.job.ordinal()] == null) {
                    helpers[agent.job.ordinal()] = agent;
                }
                if (anyHelper == null) {
                    anyHelper = agent;
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
                    // A shift already under way when the agent arrived in town (tick 1, or a replacement) counts as
                    // attended on time: nobody is late for a shift that started before they existed.
                    agent.arrived = shiftStartTick <= agent.arrivedTick;
                    if (agent.arrived) {
                        agent.shiftsAttended++;
                    }
                    agent.arrivedLate = false;
                    agent.lateHelpSeen = false;
                }
                Agent helper = helpers[agent.job.ordinal()];
                if (helper == null || helper == agent) {
                    helper = anyHelper == agent ? null : anyHelper;
                }
                workShift(agent, intoShift, helper);
            } else {
                if (agent.inShift) {
                    endShift(agent);
                }
                int untilShift = Math.floorMod(agent.shiftStart - timeOfDay, ticksPerDay);
                agent.shiftState = untilShift <= PRE_SHIFT_TICKS ? ShiftState.PRE_SHIFT : ShiftState.OFF;
            }
            while (!agent.absentShiftEnds.isEmpty() && agent.absentShiftEnds.peekFirst() <= tick - absenceWindow) {
                agent.absentShiftEnds.pollFirst();
            }
            considerExit(agent);
        }
        processExits();
    }

    private void workShift(Agent agent, int intoShift, Agent helper) {
        double wage = economy.wageRate();
        if (agent.working) {
            if (!agent.arrived) {
                agent.arrived = true;
                agent.shiftsAttended++;
                if (intoShift > ARRIVAL_GRACE_TICKS) {
                    agent.arrivedLate = true;
                    agent.latenessCounter++;
                    agent.tickPunctuality = -1;
                    tickEvents.add(WorldEvent.of("late_arrival", "agent_id", agent.id, "job_id", agent.job.id(),
                            "late_ticks", (long) intoShift, "lateness_counter", agent.latenessCounter));
                } else {
                    agent.tickPunctuality = 1;
                }
            }
            agent.wallet += wage;
            agent.wagesEarned += wage;
            agent.tickWage = wage;
            wagesPaid += wage;
        } else {
            agent.wagesWithheld += wage;
            if (!agent.arrived && intoShift > ARRIVAL_GRACE_TICKS) {
                agent.lateTicksToday++;
                if (!agent.lateHelpSeen) {
                    agent.lateHelpSeen = true;
                    if (helper != null) {
                        tickEvents.add(WorldEvent.of("late_help", "agent_id", agent.id, "helper_id", helper.id,
                                "job_id", agent.job.id()));
                    }
                }
            }
        }
        if (agent.arrived) {
            agent.shiftState = agent.arrivedLate ? ShiftState.LATE : ShiftState.ON_TIME;
        } else if (intoShift <= ARRIVAL_GRACE_TICKS) {
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

    /** A story beat: the agent arrives late once more; the first working colleague covers for it. */
    private void lateArrival(Agent agent) {
        agent.latenessCounter++;
        agent.tickPunctuality = -1;
        tickEvents.add(WorldEvent.of("late_arrival", "agent_id", agent.id, "job_id", agent.job.id(),
                "late_ticks", 0L, "lateness_counter", agent.latenessCounter));
        Agent helper = null;
        for (Agent other : agents) {
            if (other != agent && (helper == null || other.job == agent.job && helper.job != agent.job)) {
                helper = other;
            }
        }
        if (helper != null) {
            tickEvents.add(WorldEvent.of("late_help", "agent_id", agent.id, "helper_id", helper.id,
                    "job_id", agent.job.id()));
        }
    }

    /** Enqueues a persistently late or absent agent for exit review (at most {@code queue_limit}). */
    private void considerExit(Agent agent) {
        if (agent.exitPending || exitQueue.size() >= employment.queueLimit()) {
            return;
        }
        String reason = null;
        if (agent.latenessCounter >= employment.latenessExitThreshold()) {
            reason = "lateness";
        } else if (agent.absentShiftEnds.size() >= ABSENT_SHIFTS_EXIT_THRESHOLD) {
            reason = "absence";
        }
        if (reason != null) {
            agent.exitPending = true;
            exitQueue.add(new ExitEntry(agent, tick, reason));
            employmentView = null;
            tickEvents.add(WorldEvent.of("employment_exit_pending", "agent_id", agent.id, "reason", reason,
                    "lateness_counter", agent.latenessCounter));
        }
    }

    /** Approved entries, and entries older than the review window, exit while the daily cap allows. */
    private void processExits() {
        if (exitQueue.isEmpty()) {
            return;
        }
        Iterator<ExitEntry> entries = exitQueue.iterator();
        List<ExitEntry> leaving = new ArrayList<>();
        while (entries.hasNext() && exitsToday + leaving.size() < employment.dailyExitCap()) {
            ExitEntry entry = entries.next();
            if (entry.approvedTick >= 0 || tick - entry.enqueuedTick >= employment.reviewWindow()) {
                entries.remove();
                leaving.add(entry);
            }
        }
        for (ExitEntry entry : leaving) {
            depart(entry);
        }
    }

    private void depart(ExitEntry entry) {
        Agent agent = entry.agent;
        String approval = entry.approvedTick >= 0 ? "console" : "review_window";
        withdraw(agent, "exit");
        relationships.removeAgent(agent, agents);
        perturbations.forgetAgent(agent.id);
        slots.release(agent.observationSlot, tick);
        fundsDeparted += agent.wallet;
        agentsById.remove(agent.id);
        List<Agent> remaining = new ArrayList<>(agents.length);
        for (Agent other : agents) {
            if (other != agent) {
                remaining.add(other);
            }
        }
        agents = remaining.toArray(new Agent[0]);
        exitsToday++;
        exitsTotal++;
        employmentView = null;
        arrivals.add(new long[] {tick + employment.replacementDelayTicks(), agent.slot});
        arrivalReplaces.add(agent.id);
        tickEvents.add(WorldEvent.of("employment_exit", "agent_id", agent.id, "reason", entry.reason,
                "approval", approval, "exits_today", exitsToday));
        if (entry.ticket != null && entry.approvedTick != tick) {
            exitNotices.add(new ExitNotice(agent.id, entry.ticket, tick));
        }
        rebuildAgentViews();
    }

    /** Replacements whose delay has passed arrive, with new ids, in the slots of the agents they replace. */
    private void admitReplacements() {
        if (arrivals.isEmpty()) {
            return;
        }
        boolean arrived = false;
        for (int i = 0; i < arrivals.size(); ) {
            long[] arrival = arrivals.get(i);
            if (arrival[0] > tick) {
                i++;
                continue;
            }
            arrivals.remove(i);
            String replaces = arrivalReplaces.remove(i);
            String id = nextAgentId();
            Agent agent = newAgent(id, (int) arrival[1], arrivalRandom, tick);
            agent.observationSlot = slots.allocate(tick);
            agentsById.put(id, agent);
            fundsArrived += agent.wallet;
            Agent[] grown = Arrays.copyOf(agents, agents.length + 1);
            grown[agents.length] = agent;
            Arrays.sort(grown, BY_ID);
            agents = grown;
            arrived = true;
            tickEvents.add(WorldEvent.of("employment_arrival", "agent_id", id, "replaces", replaces,
                    "job_id", agent.job.id()));
        }
        if (arrived) {
            rebuildAgentViews();
        }
    }

    private String nextAgentId() {
        String id;
        do {
            nextAgentNumber++;
            int width = Math.max(4, Integer.toString(nextAgentNumber).length());
            id = String.format(Locale.ROOT, "agent_%0" + width + "d", nextAgentNumber);
        } while (!idsEverUsed.add(id));
        return id;
    }

    // ------------------------------------------------------------------------------------------------ story

    private void runStory() {
        while (nextBeat < beats.size() && beats.get(nextBeat).tick() <= tick) {
            StoryBeat beat = beats.get(nextBeat++);
            if (beat.tick() == tick) {
                play(beat);
            }
        }
    }

    private void play(StoryBeat beat) {
        if (StoryBeat.ANNOUNCE.equals(beat.action())) {
            tickAnnouncements.add(new Announcement(beat.message(),
                    beat.category() == null ? StoryBeat.DEFAULT_CATEGORY : beat.category(),
                    Boolean.TRUE.equals(beat.priority())));
            return;
        }
        Agent agent = resolve(beat.agent());
        Agent other = beat.other() == null ? null : resolve(beat.other());
        WorldObject object = beat.object() == null ? null : objectsById.get(beat.object());
        String missing = agent == null ? "agent " + beat.agent()
                : beat.other() != null && (other == null || other == agent) ? "agent " + beat.other()
                : beat.object() != null && object == null ? "object " + beat.object() : null;
        if (missing != null) {
            tickEvents.add(WorldEvent.of("story_beat_skipped", "action", beat.action(), "reason", "no " + missing));
            return;
        }
        switch (beat.action()) {
            case StoryBeat.CHAT -> chat(agent, other,
                    beat.quality() == null ? StoryBeat.DEFAULT_QUALITY : beat.quality(), "story");
            case StoryBeat.LATE_ARRIVAL -> lateArrival(agent);
            case StoryBeat.QUEUE_CONFLICT -> conflict(object, agent, other,
                    beat.reason() == null ? StoryBeat.DEFAULT_REASON : beat.reason(),
                    beat.intensity() == null ? StoryBeat.DEFAULT_INTENSITY : beat.intensity(),
                    object.queue.size());
            case StoryBeat.USE -> {
                if (agent.queuedAt != object) {
                    withdraw(agent, "interrupted");
                    switchTo(agent, optionFor(object.type));
                    agent.committedUntil = tick + optionCommitTicks;
                    if (!tryJoin(agent, object)) {
                        switchTo(agent, Option.IDLE);
                    }
                }
            }
            case StoryBeat.STEP_AWAY -> {
                if (agent.queuedAt == null || agent.running()) {
                    tickEvents.add(WorldEvent.of("story_beat_skipped", "action", beat.action(), "reason",
                            "agent " + agent.id + " is not waiting in a queue"));
                } else {
                    agent.awayUntil = tick + (beat.durationTicks() == null ? StoryBeat.DEFAULT_AWAY_TICKS
                            : beat.durationTicks());
                    tickEvents.add(WorldEvent.of("queue_step_away", "agent_id", agent.id, "object_id",
                            agent.queuedAt.id, "reason", "story", "ticks", agent.awayUntil - tick));
                }
            }
            default -> throw new IllegalStateException("unknown story action " + beat.action());
        }
    }

    private Agent resolve(String reference) {
        if (StoryBeat.isOrdinal(reference)) {
            int ordinal = Integer.parseInt(reference.substring(1));
            return ordinal <= agents.length ? agents[ordinal - 1] : null;
        }
        return agentsById.get(reference);
    }

    private static Option optionFor(ObjectType type) {
        return switch (type) {
            case SHOWER -> Option.WASH;
            case BED -> Option.SLEEP;
            case FRIDGE -> Option.EAT;
            case STOVE -> Option.WORK;
        };
    }

    // ------------------------------------------------------------------------------------------------ economy

    /** Every restock interval each fridge receives ingredients, up to its capacity; meals come from cooking. */
    private void restock() {
        if (tick % economy.restockIntervalTicks() != 0) {
            return;
        }
        WorldObject[] fridges = objectsByType.get(ObjectType.FRIDGE);
        for (WorldObject fridge : fridges) {
            fridge.ingredients = (int) Math.min(FRIDGE_CAPACITY, fridge.ingredients + economy.restockAmount());
        }
        tickEvents.add(WorldEvent.of("economy_restock", "fridges", (long) fridges.length,
                "ingredients", economy.restockAmount()));
    }

    private double mealPrice() {
        return economy.mealCost() * perturbations.multiplier(PerturbationScheduler.MEAL);
    }

    private double ingredientsPrice() {
        return economy.ingredientsCost() * perturbations.multiplier(PerturbationScheduler.INGREDIENTS);
    }

    // ------------------------------------------------------------------------------------------------ console

    /** Whether an agent of this id is in the town. */
    public boolean hasAgent(String id) {
        return agentsById.containsKey(id);
    }

    /**
     * Puts an agent under console control: the scripted policy stops choosing its options. Returns whether it changed.
     *
     * @throws IllegalArgumentException for an unknown agent
     */
    public boolean possess(String id) {
        Agent agent = requireAgent(id);
        boolean changed = !agent.possessed;
        agent.possessed = true;
        possessedView = null;
        return changed;
    }

    /**
     * Hands an agent back to the scripted policy. Returns whether it changed.
     *
     * @throws IllegalArgumentException for an unknown agent
     */
    public boolean release(String id) {
        Agent agent = requireAgent(id);
        boolean changed = agent.possessed;
        agent.possessed = false;
        possessedView = null;
        return changed;
    }

    /**
     * Cuts {@code utility} for {@code ticks} ticks, from the next tick (SPEC §17.8 {@code utility_outage}).
     *
     * @throws IllegalArgumentException for an unknown utility or {@code ticks < 1}
     */
    public void requestOutage(String utility, long ticks) {
        if (!PerturbationScheduler.POWER.equals(utility) && !PerturbationScheduler.WATER.equals(utility)) {
            throw new IllegalArgumentException("unknown utility '" + utility + "'; known: [power, water]");
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("ticks must be >= 1; got " + ticks);
        }
        outageRequests.add(new String[] {utility, Long.toString(ticks)});
    }

    /**
     * Approves a pending exit: the agent leaves during the next tick's employment step if the daily exit cap allows,
     * else on a later day; then {@code ticket} comes back through {@link #drainExitNotices()}. Returns false when the
     * agent is not pending.
     */
    public boolean approveExit(String id, Object ticket) {
        for (ExitEntry entry : exitQueue) {
            if (entry.agent.id.equals(id)) {
                entry.approvedTick = tick + 1;
                entry.ticket = ticket;
                employmentView = null;
                return true;
            }
        }
        return false;
    }

    /** Defers a pending exit: its review window starts again and any approval is withdrawn. */
    public boolean deferExit(String id) {
        for (ExitEntry entry : exitQueue) {
            if (entry.agent.id.equals(id)) {
                entry.enqueuedTick = tick;
                entry.approvedTick = -1;
                entry.ticket = null;
                employmentView = null;
                pendingEvents.add(WorldEvent.of("employment_exit_deferred", "agent_id", id));
                return true;
            }
        }
        return false;
    }

    /** Console-approved exits that completed on a later tick than their approval; cleared by the call. */
    public List<ExitNotice> drainExitNotices() {
        if (exitNotices.isEmpty()) {
            return List.of();
        }
        List<ExitNotice> drained = List.copyOf(exitNotices);
        exitNotices.clear();
        return drained;
    }

    private Agent requireAgent(String id) {
        Agent agent = agentsById.get(id);
        if (agent == null) {
            throw new IllegalArgumentException("unknown agent '" + id + "'");
        }
        return agent;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean onShift(Agent agent) {
        return Math.floorMod(timeOfDay - agent.shiftStart, ticksPerDay) < shiftLength;
    }

    /** The agent's home object of a type: slots are spread evenly over the objects in number order. */
    private WorldObject home(Agent agent, ObjectType type) {
        WorldObject[] ofType = objectsByType.get(type);
        return ofType[(int) ((long) agent.slot * ofType.length / Math.max(1, slotCount))];
    }

    private WorldObject next(WorldObject object) {
        WorldObject[] ofType = objectsByType.get(object.type);
        return ofType[object.number % ofType.length];
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest.digest(text.getBytes(StandardCharsets.UTF_8))) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The canonical JSON of the scripted policy's parameters: keys sorted, no whitespace. */
    static String canonicalPolicyParameters(long optionCommitTicks) {
        return "{\"chat_chance\":" + CHAT_CHANCE
                + ",\"chat_success_quality\":" + CHAT_SUCCESS_QUALITY
                + ",\"critical_need\":" + CRITICAL_NEED
                + ",\"known_listener_chance\":" + KNOWN_LISTENER_CHANCE
                + ",\"observation_variant\":\"" + OBSERVATION_VARIANT + "\""
                + ",\"option_commit_ticks\":" + optionCommitTicks
                + ",\"provider\":\"scripted\""
                + ",\"rival_avoid_rivalry\":" + RIVAL_AVOID_RIVALRY
                + ",\"urgent_need\":" + URGENT_NEED + "}";
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /**
     * The whole world state between two ticks, as JSON values, for a simulation snapshot (SPEC §17.9): counters,
     * books, the exit queue and pending replacements, the random streams, perturbations, churn, observation slots,
     * every agent (needs, policy, queue place, employment, inventory, ties) and every object (queue, reservation,
     * running affordance, stock). The random streams are separate ({@link #exportRandom()}). Exit tickets must be
     * JSON values (the console passes {@code {cmd_id, issuer}}).
     */
    public Map<String, Object> exportState() {
        LinkedHashMap<String, Object> state = StateMaps.map();
        state.put("tick", tick);
        state.put("counters", Views.map("cooldown_events", cooldownEvents, "ghost_step_events", ghostStepEvents,
                "rotation_events", rotationEvents));
        state.put("ledger", Views.map("wages_paid", wagesPaid, "purchases", purchases, "funds_arrived",
                fundsArrived, "funds_departed", fundsDeparted));
        state.put("exits_today", exitsToday);
        state.put("exits_total", exitsTotal);
        state.put("next_agent_number", (long) nextAgentNumber);
        state.put("ids_ever_used", List.copyOf(new TreeSet<>(idsEverUsed)));
        List<Object> exits = new ArrayList<>();
        for (ExitEntry entry : exitQueue) {
            exits.add(Views.map("agent_id", entry.agent.id, "enqueued_tick", entry.enqueuedTick, "reason",
                    entry.reason, "approved_tick", entry.approvedTick, "ticket", entry.ticket));
        }
        state.put("exit_queue", List.copyOf(exits));
        List<Object> replacements = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            replacements.add(Views.map("tick", arrivals.get(i)[0], "slot", arrivals.get(i)[1], "replaces",
                    arrivalReplaces.get(i)));
        }
        state.put("arrivals", List.copyOf(replacements));
        List<Object> pending = new ArrayList<>();
        pendingEvents.forEach(event -> pending.add(event.toJson()));
        state.put("pending_events", List.copyOf(pending));
        List<Object> outages = new ArrayList<>();
        outageRequests.forEach(request -> outages.add(Views.map("utility", request[0], "ticks",
                Long.parseLong(request[1]))));
        state.put("outage_requests", List.copyOf(outages));
        state.put("perturbations", perturbations.exportState());
        state.put("relationships", relationships.exportState());
        state.put("slots", slots.exportState());
        List<Object> agentStates = new ArrayList<>(agents.length);
        for (Agent agent : agents) {
            agentStates.add(agentState(agent));
        }
        state.put("agents", List.copyOf(agentStates));
        LinkedHashMap<String, Object> objectStates = StateMaps.map();
        for (WorldObject object : objects) {
            List<Object> queue = new ArrayList<>();
            object.queue.forEach(agent -> queue.add(agent.id));
            WorldObject.Running running = object.running;
            objectStates.put(object.id, Views.map("queue", List.copyOf(queue), "reserved_since",
                    object.reservedSince, "running", running == null ? null : Views.map("agent_id", running.agent.id,
                            "affordance_id", running.affordance.id(), "started_tick", running.startedTick,
                            "remaining", running.remaining),
                    "meals", (long) object.meals, "ingredients", (long) object.ingredients));
        }
        state.put("objects", StateMaps.freeze(objectStates));
        return StateMaps.freeze(state);
    }

    /** The state of every random stream, {@code name → {seed, gamma}}, for a simulation snapshot. */
    public Map<String, Object> exportRandom() {
        return Views.map("personality", StateMaps.random(personalityRandom),
                "policy", StateMaps.random(policyRandom), "social", StateMaps.random(socialRandom),
                "utilities", StateMaps.random(perturbations.utilityRandom()),
                "price_spikes", StateMaps.random(perturbations.spikeRandom()),
                "arrivals", StateMaps.random(arrivalRandom));
    }

    /** Restores what {@link #exportRandom()} wrote. */
    public void importRandom(Map<String, Object> rng) {
        StateMaps.restore(personalityRandom, rng.get("personality"), "rng.personality");
        StateMaps.restore(policyRandom, rng.get("policy"), "rng.policy");
        StateMaps.restore(socialRandom, rng.get("social"), "rng.social");
        StateMaps.restore(perturbations.utilityRandom(), rng.get("utilities"), "rng.utilities");
        StateMaps.restore(perturbations.spikeRandom(), rng.get("price_spikes"), "rng.price_spikes");
        StateMaps.restore(arrivalRandom, rng.get("arrivals"), "rng.arrivals");
    }

    private static Map<String, Object> agentState(Agent agent) {
        LinkedHashMap<String, Object> state = StateMaps.map();
        state.put("id", agent.id);
        state.put("slot", (long) agent.slot);
        state.put("profile", agent.profile.name());
        state.put("extroversion", agent.extroversion);
        state.put("forgiveness", agent.forgiveness);
        state.put("ambition", agent.ambition);
        state.put("arrived_tick", agent.arrivedTick);
        state.put("observation_slot", (long) agent.observationSlot);
        state.put("hunger", agent.hunger);
        state.put("hygiene", agent.hygiene);
        state.put("energy", agent.energy);
        state.put("wallet", agent.wallet);
        state.put("option", agent.option.name());
        state.put("committed_until", agent.committedUntil);
        state.put("option_switches", agent.optionSwitches);
        state.put("possessed", agent.possessed);
        state.put("queued_at", agent.queuedAt == null ? null : agent.queuedAt.id);
        state.put("queued_for", agent.queuedFor == null ? null : agent.queuedFor.name());
        state.put("queued_since", agent.queuedSince);
        state.put("away_until", agent.awayUntil);
        state.put("last_used_object", agent.lastUsedObject == null ? null : agent.lastUsedObject.id);
        state.put("last_used_tick", agent.lastUsedTick);
        state.put("current_shift_start_tick", agent.currentShiftStartTick);
        state.put("in_shift", agent.inShift);
        state.put("arrived", agent.arrived);
        state.put("arrived_late", agent.arrivedLate);
        state.put("late_help_seen", agent.lateHelpSeen);
        state.put("lateness_counter", agent.latenessCounter);
        state.put("late_ticks_today", agent.lateTicksToday);
        state.put("wages_withheld", agent.wagesWithheld);
        state.put("shifts_ended", agent.shiftsEnded);
        state.put("shifts_attended", agent.shiftsAttended);
        state.put("absent_shift_ends", List.copyOf(agent.absentShiftEnds));
        state.put("exit_pending", agent.exitPending);
        state.put("shift_state", agent.shiftState.name());
        state.put("meals_cooked", agent.mealsCooked);
        state.put("meals_consumed", agent.mealsConsumed);
        state.put("wages_earned", agent.wagesEarned);
        state.put("basket_cost", agent.basketCost);
        List<Object> ties = new ArrayList<>(agent.ties.size());
        for (Agent.Tie tie : agent.ties) {
            ties.add(Views.map("other", tie.other, "trust", tie.trust, "familiarity", tie.familiarity, "rivalry",
                    tie.rivalry));
        }
        state.put("ties", List.copyOf(ties));
        return StateMaps.freeze(state);
    }

    /**
     * Puts the world back into a state {@link #exportState()} wrote, for the same configuration: the objects must
     * match this town's.
     *
     * @throws IllegalArgumentException naming the first key that is missing or does not fit
     */
    public void importState(Map<String, Object> state) {
        String path = "world.town";
        Map<String, Object> objectStates = StateMaps.mapValue(state, "objects", path);
        if (!objectStates.keySet().equals(objectsById.keySet())) {
            throw new IllegalArgumentException("snapshot objects " + new TreeSet<>(objectStates.keySet())
                    + " do not match this town's " + new TreeSet<>(objectsById.keySet()));
        }
        tick = StateMaps.longValue(state, "tick", path);
        timeOfDay = tick == 0 ? 0 : (int) ((tick - 1) % ticksPerDay);
        Map<String, Object> counters = StateMaps.mapValue(state, "counters", path);
        cooldownEvents = StateMaps.longValue(counters, "cooldown_events", path);
        ghostStepEvents = StateMaps.longValue(counters, "ghost_step_events", path);
        rotationEvents = StateMaps.longValue(counters, "rotation_events", path);
        queueMetricsView = new QueueMetrics(cooldownEvents, ghostStepEvents, rotationEvents);
        Map<String, Object> ledger = StateMaps.mapValue(state, "ledger", path);
        wagesPaid = StateMaps.doubleValue(ledger, "wages_paid", path);
        purchases = StateMaps.doubleValue(ledger, "purchases", path);
        fundsArrived = StateMaps.doubleValue(ledger, "funds_arrived", path);
        fundsDeparted = StateMaps.doubleValue(ledger, "funds_departed", path);
        exitsToday = StateMaps.longValue(state, "exits_today", path);
        exitsTotal = StateMaps.longValue(state, "exits_total", path);
        nextAgentNumber = StateMaps.intValue(state, "next_agent_number", path);
        idsEverUsed.clear();
        StateMaps.listValue(state, "ids_ever_used", path).forEach(id -> idsEverUsed.add(id.toString()));
        perturbations.importState(StateMaps.mapValue(state, "perturbations", path));
        relationships.importState(StateMaps.mapValue(state, "relationships", path));
        slots.importState(StateMaps.mapValue(state, "slots", path));

        List<Object> agentStates = StateMaps.listValue(state, "agents", path);
        Agent[] restored = new Agent[agentStates.size()];
        agentsById.clear();
        for (int i = 0; i < restored.length; i++) {
            restored[i] = restoreAgent(StateMaps.asMap(agentStates.get(i), path + ".agents[" + i + "]"),
                    path + ".agents[" + i + "]");
            agentsById.put(restored[i].id, restored[i]);
        }
        Arrays.sort(restored, BY_ID);
        agents = restored;
        for (int i = 0; i < restored.length; i++) {
            Map<String, Object> agentState = StateMaps.asMap(agentStates.get(i), path + ".agents[" + i + "]");
            Agent agent = agentsById.get(StateMaps.stringValue(agentState, "id", path));
            String queuedAt = StateMaps.stringValue(agentState, "queued_at", path);
            agent.queuedAt = queuedAt == null ? null : objectsById.get(queuedAt);
            String lastUsed = StateMaps.stringValue(agentState, "last_used_object", path);
            agent.lastUsedObject = lastUsed == null ? null : objectsById.get(lastUsed);
        }
        for (WorldObject object : objects) {
            String at = path + ".objects." + object.id;
            Map<String, Object> objectState = StateMaps.asMap(objectStates.get(object.id), at);
            object.queue.clear();
            for (Object id : StateMaps.listValue(objectState, "queue", at)) {
                object.queue.addLast(requireRestored(id.toString(), at));
            }
            object.reservedSince = StateMaps.longValue(objectState, "reserved_since", at);
            Object running = objectState.get("running");
            if (running == null) {
                object.running = null;
            } else {
                Map<String, Object> use = StateMaps.asMap(running, at + ".running");
                object.running = new WorldObject.Running(
                        requireRestored(StateMaps.stringValue(use, "agent_id", at), at),
                        affordance(StateMaps.stringValue(use, "affordance_id", at)),
                        StateMaps.longValue(use, "started_tick", at), StateMaps.longValue(use, "remaining", at));
            }
            object.meals = StateMaps.intValue(objectState, "meals", at);
            object.ingredients = StateMaps.intValue(objectState, "ingredients", at);
        }
        exitQueue.clear();
        for (Object value : StateMaps.listValue(state, "exit_queue", path)) {
            Map<String, Object> entry = StateMaps.asMap(value, path + ".exit_queue");
            ExitEntry exit = new ExitEntry(requireRestored(StateMaps.stringValue(entry, "agent_id", path), path),
                    StateMaps.longValue(entry, "enqueued_tick", path), StateMaps.stringValue(entry, "reason", path));
            exit.approvedTick = StateMaps.longValue(entry, "approved_tick", path);
            exit.ticket = entry.get("ticket");
            exitQueue.add(exit);
        }
        arrivals.clear();
        arrivalReplaces.clear();
        for (Object value : StateMaps.listValue(state, "arrivals", path)) {
            Map<String, Object> arrival = StateMaps.asMap(value, path + ".arrivals");
            arrivals.add(new long[] {StateMaps.longValue(arrival, "tick", path),
                    StateMaps.longValue(arrival, "slot", path)});
            arrivalReplaces.add(StateMaps.stringValue(arrival, "replaces", path));
        }
        pendingEvents.clear();
        for (Object value : StateMaps.listValue(state, "pending_events", path)) {
            pendingEvents.add(WorldEvent.fromJson(StateMaps.asMap(value, path + ".pending_events")));
        }
        outageRequests.clear();
        for (Object value : StateMaps.listValue(state, "outage_requests", path)) {
            Map<String, Object> request = StateMaps.asMap(value, path + ".outage_requests");
            outageRequests.add(new String[] {StateMaps.stringValue(request, "utility", path),
                    Long.toString(StateMaps.longValue(request, "ticks", path))});
        }
        exitNotices.clear();
        nextBeat = 0;
        events = List.of();
        socialEvents = List.of();
        rivalryEvents = List.of();
        announcements = List.of();
        employmentView = null;
        economyView = null;
        pricesView = null;
        Arrays.fill(economyEntries, null);
        rebuildAgentViews();
    }

    private Agent restoreAgent(Map<String, Object> state, String path) {
        Agent agent = agent(StateMaps.stringValue(state, "id", path), StateMaps.intValue(state, "slot", path),
                Profile.valueOf(StateMaps.stringValue(state, "profile", path)),
                StateMaps.doubleValue(state, "extroversion", path), StateMaps.doubleValue(state, "forgiveness", path),
                StateMaps.doubleValue(state, "ambition", path), StateMaps.longValue(state, "arrived_tick", path));
        agent.observationSlot = StateMaps.intValue(state, "observation_slot", path);
        agent.hunger = StateMaps.doubleValue(state, "hunger", path);
        agent.hygiene = StateMaps.doubleValue(state, "hygiene", path);
        agent.energy = StateMaps.doubleValue(state, "energy", path);
        agent.wallet = StateMaps.doubleValue(state, "wallet", path);
        agent.option = Option.valueOf(StateMaps.stringValue(state, "option", path));
        agent.committedUntil = StateMaps.longValue(state, "committed_until", path);
        agent.optionSwitches = StateMaps.longValue(state, "option_switches", path);
        agent.possessed = StateMaps.booleanValue(state, "possessed", path);
        String queuedFor = StateMaps.stringValue(state, "queued_for", path);
        agent.queuedFor = queuedFor == null ? null : Affordance.valueOf(queuedFor);
        agent.queuedSince = StateMaps.longValue(state, "queued_since", path);
        agent.awayUntil = StateMaps.longValue(state, "away_until", path);
        agent.lastUsedTick = StateMaps.longValue(state, "last_used_tick", path);
        agent.currentShiftStartTick = StateMaps.longValue(state, "current_shift_start_tick", path);
        agent.inShift = StateMaps.booleanValue(state, "in_shift", path);
        agent.arrived = StateMaps.booleanValue(state, "arrived", path);
        agent.arrivedLate = StateMaps.booleanValue(state, "arrived_late", path);
        agent.lateHelpSeen = StateMaps.booleanValue(state, "late_help_seen", path);
        agent.latenessCounter = StateMaps.longValue(state, "lateness_counter", path);
        agent.lateTicksToday = StateMaps.longValue(state, "late_ticks_today", path);
        agent.wagesWithheld = StateMaps.doubleValue(state, "wages_withheld", path);
        agent.shiftsEnded = StateMaps.longValue(state, "shifts_ended", path);
        agent.shiftsAttended = StateMaps.longValue(state, "shifts_attended", path);
        StateMaps.listValue(state, "absent_shift_ends", path).forEach(end ->
                agent.absentShiftEnds.addLast(((Number) end).longValue()));
        agent.exitPending = StateMaps.booleanValue(state, "exit_pending", path);
        agent.shiftState = ShiftState.valueOf(StateMaps.stringValue(state, "shift_state", path));
        agent.mealsCooked = StateMaps.longValue(state, "meals_cooked", path);
        agent.mealsConsumed = StateMaps.longValue(state, "meals_consumed", path);
        agent.wagesEarned = StateMaps.doubleValue(state, "wages_earned", path);
        agent.basketCost = StateMaps.doubleValue(state, "basket_cost", path);
        for (Object value : StateMaps.listValue(state, "ties", path)) {
            Map<String, Object> tieState = StateMaps.asMap(value, path + ".ties");
            Agent.Tie tie = new Agent.Tie(StateMaps.stringValue(tieState, "other", path));
            tie.trust = StateMaps.doubleValue(tieState, "trust", path);
            tie.familiarity = StateMaps.doubleValue(tieState, "familiarity", path);
            tie.rivalry = StateMaps.doubleValue(tieState, "rivalry", path);
            agent.ties.add(tie);
        }
        return agent;
    }

    private Agent requireRestored(String id, String path) {
        Agent agent = agentsById.get(id);
        if (agent == null) {
            throw new IllegalArgumentException("snapshot " + path + " names unknown agent '" + id + "'");
        }
        return agent;
    }

    private static Affordance affordance(String id) {
        for (Affordance affordance : Affordance.values()) {
            if (affordance.id().equals(id)) {
                return affordance;
            }
        }
        throw new IllegalArgumentException("snapshot names unknown affordance '" + id + "'");
    }

    // ------------------------------------------------------------------------------------------------ views

    /** The last tick advanced to; 0 before the first. */
    public long tick() {
        return tick;
    }

    public int agentCount() {
        return agents.length;
    }

    /** The ids of the agents in the town, sorted. */
    public List<String> agentIds() {
        List<String> ids = new ArrayList<>(agents.length);
        for (Agent agent : agents) {
            ids.add(agent.id);
        }
        return Collections.unmodifiableList(ids);
    }

    /** This tick's world events, in the order they happened. */
    public List<WorldEvent> events() {
        return events;
    }

    /** This tick's social events ({@code chat_success}, {@code chat_failure}, {@code rivalry_avoidance}). */
    public List<SocialEvent> socialEvents() {
        return socialEvents;
    }

    /** Rivalry incidents of this tick. */
    public List<RivalryEvent> rivalryEvents() {
        return rivalryEvents;
    }

    /** This tick's story announcements, for the loop to narrate. */
    public List<Announcement> announcements() {
        return announcements;
    }

    /** Agents waiting (not using the object) in all object queues. */
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

    /** Exits so far. */
    public long exitsTotal() {
        return exitsTotal;
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
        return optionCommitTicks;
    }

    /** Cumulative queue-fairness counters. */
    public QueueMetrics queueMetrics() {
        return queueMetricsView;
    }

    /**
     * Money in the town's books: {@code {wallets, wages_paid, purchases, funds_arrived, funds_departed}}, so that
     * {@code wallets == Σ starting wallets of the first agents + wages_paid − purchases + funds_arrived −
     * funds_departed}.
     */
    public Map<String, Double> ledger() {
        double wallets = 0.0;
        for (Agent agent : agents) {
            wallets += agent.wallet;
        }
        return Views.doubles("wallets", wallets, "initial", slotCount * economy.startingWallet(),
                "wages_paid", wagesPaid, "purchases", purchases, "funds_arrived", fundsArrived,
                "funds_departed", fundsDeparted);
    }

    /** The world as telemetry sees it at the end of this tick; every field filled. */
    public WorldView worldView() {
        return WorldView.builder()
                .queueMetrics(queueMetricsView)
                .employment(employment())
                .jobs(jobs())
                .economy(economyView())
                .economySettings(economySettings)
                .priceSpikes(perturbations.spikesView())
                .utilities(perturbations.utilitiesView())
                .relationships(relationships.snapshot(agents))
                .relationshipMetrics(relationships.churn())
                .rivalryEvents(rivalryEvents)
                .runningAffordances(runningAffordances())
                .activeReservations(activeReservations())
                .affordanceManifest(manifest)
                .embeddingMetrics(slots.metrics())
                .personalities(personalities)
                .build();
    }

    private Map<String, Object> employment() {
        if (employmentView == null) {
            List<Map<String, Object>> pending = new ArrayList<>(exitQueue.size());
            for (ExitEntry entry : exitQueue) {
                pending.add(entry.view());
            }
            employmentView = Views.map(
                    "pending", pending.isEmpty() ? List.of() : Collections.unmodifiableList(pending),
                    "pending_count", (long) exitQueue.size(),
                    "exits_today", exitsToday,
                    "daily_exit_cap", employment.dailyExitCap(),
                    "queue_limit", employment.queueLimit(),
                    "review_window", employment.reviewWindow());
        }
        return employmentView;
    }

    private Map<String, Map<String, Object>> jobs() {
        if (agents.length == 0) {
            return Map.of();
        }
        Map<String, Object>[] entries = ArrayMaps.newMaps(agents.length);
        for (int i = 0; i < agents.length; i++) {
            Agent agent = agents[i];
            double attendance = agent.shiftsEnded == 0 ? 1.0
                    : Math.min(1.0, (double) agent.shiftsAttended / agent.shiftsEnded);
            entries[i] = agent.jobEntry(onShift(agent), attendance, agent.absentShiftEnds.size());
        }
        return jobsView.of(agentKeys, entries);
    }

    private Map<String, Object> economyView() {
        boolean changed = economyView == null;
        for (int i = 0; i < objects.length; i++) {
            Map<String, Object> entry = objects[i].economyEntry();
            if (entry != economyEntries[i]) {
                economyEntries[i] = entry;
                changed = true;
            }
        }
        double meal = round(mealPrice(), 4);
        double ingredients = round(ingredientsPrice(), 4);
        if (pricesView == null || meal != shownMealPrice || ingredients != shownIngredientsPrice) {
            shownMealPrice = meal;
            shownIngredientsPrice = ingredients;
            pricesView = Views.map("ingredients", ingredients, "meal", meal);
            changed = true;
        }
        if (changed) {
            LinkedHashMap<String, Object> stock = new LinkedHashMap<>(Views.capacity(objects.length));
            for (int i = 0; i < objects.length; i++) {
                stock.put(objects[i].id, economyEntries[i]);
            }
            economyView = Views.map("objects", Collections.unmodifiableMap(stock), "prices", pricesView);
        }
        return economyView;
    }

    private Map<String, RunningAffordance> runningAffordances() {
        LinkedHashMap<String, RunningAffordance> running = null;
        for (WorldObject object : objects) {
            WorldObject.Running use = object.running;
            if (use != null) {
                if (running == null) {
                    running = new LinkedHashMap<>();
                }
                running.put(object.id, new RunningAffordance(use.agent.id, use.affordance.id(), use.startedTick,
                        use.remaining));
            }
        }
        return running == null ? Map.of() : Collections.unmodifiableMap(running);
    }

    /** object → reservation entry, for reserved objects in object order; the same map while no entry changed. */
    private Map<String, Map<String, Object>> activeReservations() {
        if (shownReservations == null) {
            shownReservations = ArrayMaps.newMaps(objects.length);
        }
        boolean changed = reservationsView == null;
        for (int i = 0; i < objects.length; i++) {
            Map<String, Object> entry = objects[i].reservationEntry();
            if (entry != shownReservations[i]) {
                shownReservations[i] = entry;
                changed = true;
            }
        }
        if (changed) {
            LinkedHashMap<String, Map<String, Object>> reservations = new LinkedHashMap<>();
            for (int i = 0; i < objects.length; i++) {
                if (shownReservations[i] != null) {
                    reservations.put(objects[i].id, shownReservations[i]);
                }
            }
            reservationsView = Views.freeze(reservations);
        }
        return reservationsView;
    }

    private void rebuildAgentViews() {
        String[] ids = new String[agents.length];
        Map<String, Object>[] entries = ArrayMaps.newMaps(agents.length);
        for (int i = 0; i < agents.length; i++) {
            ids[i] = agents[i].id;
            entries[i] = agents[i].personality;
        }
        agentKeys = new ArrayMaps.Keys(ids);
        personalities = personalityEnabled ? ArrayMaps.of(agentKeys, entries) : Map.of();
        switchCountsView = null;
        commitStateView = null;
        possessedView = null;
        observationEnvelope = null;
    }

    /** The 14 reward components, in the order they are written (SPEC §17.6). */
    static final ArrayMaps.Keys REWARD_KEYS = new ArrayMaps.Keys(Rewards.COMPONENTS.toArray(new String[0]));

    /** This tick's rewards: 14 components per agent (SPEC §17.6), computed from what each agent did this tick. */
    public Rewards rewards() {
        double clip = settings.rewards().clip();
        double[] totals = new double[agents.length];
        Map<String, Double>[] breakdown = ArrayMaps.newMaps(agents.length);
        for (int i = 0; i < agents.length; i++) {
            Agent agent = agents[i];
            double scale = agent.profile.rewardsMultiplier();
            double homeostasis = scale * 0.01 * ((agent.hunger + agent.hygiene + agent.energy) / 3.0 - 0.5);
            double shaping = scale * (0.005 * agent.tickFinished - 0.002 * agent.tickFailed);
            double work = agent.working ? scale * 0.005 : 0.0;
            double social = scale * 0.01 * agent.tickChatSuccesses;
            double survival = scale * 0.001;
            int lowNeeds = (agent.hunger < 0.2 ? 1 : 0) + (agent.hygiene < 0.2 ? 1 : 0)
                    + (agent.energy < 0.2 ? 1 : 0);
            double needsPenalty = -0.01 * lowNeeds;
            double wage = agent.tickWage;
            double punctuality = 0.02 * agent.tickPunctuality;
            double socialBonus = agent.extroversion > 0.0 ? scale * 0.005 * agent.tickChatSuccesses : 0.0;
            double socialPenalty = -0.01 * agent.tickChatFailures - 0.02 * agent.tickConflicts;
            double socialAvoidance = 0.003 * agent.tickAvoidances;
            double terminalPenalty = agent.tickStarvation ? -0.5 : 0.0;
            double sum = homeostasis + shaping + work + social + survival + needsPenalty + wage + punctuality
                    + socialBonus + socialPenalty + socialAvoidance + terminalPenalty;
            double total = Math.max(-clip, Math.min(clip, sum));
            totals[i] = total;
            breakdown[i] = ArrayMaps.ofDoubles(REWARD_KEYS, new double[] {homeostasis, shaping, work, social,
                    survival, needsPenalty, wage, punctuality, socialBonus, socialPenalty, socialAvoidance,
                    terminalPenalty, total - sum, total});
        }
        return new Rewards(ArrayMaps.ofDoubles(agentKeys, totals), ArrayMaps.of(agentKeys, breakdown));
    }

    /** agent → {option, committed_until, option_switches, possessed}; unchanged entries are reused. */
    public Map<String, Map<String, Object>> policySnapshot() {
        Map<String, Object>[] entries = ArrayMaps.newMaps(agents.length);
        for (int i = 0; i < agents.length; i++) {
            entries[i] = agents[i].policyEntry();
        }
        return policyView.of(agentKeys, entries);
    }

    /** agent → option switches so far, sorted by agent; the same map until a switch happens. */
    public Map<String, Long> optionSwitchCounts() {
        if (switchCountsView == null || changed(shownSwitches, agent -> agent.optionSwitches)) {
            shownSwitches = collect(agent -> agent.optionSwitches);
            switchCountsView = ArrayMaps.ofLongs(agentKeys, shownSwitches);
        }
        return switchCountsView;
    }

    /** agent → the tick its current option is committed until; the same map until a commitment changes. */
    public Map<String, Long> commitState() {
        if (commitStateView == null || changed(shownCommits, agent -> agent.committedUntil)) {
            shownCommits = collect(agent -> agent.committedUntil);
            commitStateView = ArrayMaps.ofLongs(agentKeys, shownCommits);
        }
        return commitStateView;
    }

    private boolean changed(long[] shown, ToLongFunction<Agent> value) {
        for (int i = 0; i < agents.length; i++) {
            if (shown[i] != value.applyAsLong(agents[i])) {
                return true;
            }
        }
        return false;
    }

    private long[] collect(ToLongFunction<Agent> value) {
        long[] values = new long[agents.length];
        for (int i = 0; i < agents.length; i++) {
            values[i] = value.applyAsLong(agents[i]);
        }
        return values;
    }

    /** agent → hunger (exact). */
    public Map<String, Double> hungerLevels() {
        double[] levels = new double[agents.length];
        for (int i = 0; i < agents.length; i++) {
            levels[i] = agents[i].hunger;
        }
        return ArrayMaps.ofDoubles(agentKeys, levels);
    }

    /** Sorted ids of the agents under console control. */
    public List<String> possessedAgents() {
        if (possessedView == null) {
            List<String> possessed = new ArrayList<>();
            for (Agent agent : agents) {
                if (agent.possessed) {
                    possessed.add(agent.id);
                }
            }
            possessedView = List.copyOf(possessed);
        }
        return possessedView;
    }

    /** The observation envelope of the scripted policy: its variant and slot use. */
    public Map<String, Object> observationEnvelope() {
        if (observationEnvelope == null) {
            observationEnvelope = Views.map("variant", OBSERVATION_VARIANT, "slot_pool", (long) slots.pool(),
                    "slots_in_use", (long) slots.inUse());
        }
        return observationEnvelope;
    }

    /** Active, pending and cooling-down perturbations. */
    public Perturbations perturbations() {
        return perturbations.view();
    }

    /** The pending exit entries {@code {agent_id, enqueued_tick, reason, approved}}, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> pendingExits() {
        return (List<Map<String, Object>>) employment().get("pending");
    }

    /** A summary of the world for the console's {@code snapshot} command. */
    public Map<String, Object> summary() {
        long running = 0;
        for (WorldObject object : objects) {
            running += object.running == null ? 0 : 1;
        }
        return Views.map(
                "tick", tick,
                "agents", (long) agents.length,
                "objects", (long) objects.length,
                "running_affordances", running,
                "waiting_agents", waitingAgents(),
                "utilities", perturbations.utilitiesView(),
                "price_spikes", (long) perturbations.spikesView().size(),
                "exit_queue", (long) exitQueue.size(),
                "exits_total", exitsTotal,
                "queue_metrics", Views.map("cooldown_events", cooldownEvents, "ghost_step_events", ghostStepEvents,
                        "rotation_events", rotationEvents),
                "possessed_agents", possessedAgents());
    }

    /** A story announcement to be narrated: message, category and priority. */
    public record Announcement(String message, String category, boolean priority) {
    }

    /** A console-approved exit that completed on a later tick, with the ticket the console gave. */
    public record ExitNotice(String agentId, Object ticket, long tick) {
    }

    /** One entry of the employment exit queue. */
    private static final class ExitEntry {
        final Agent agent;
        long enqueuedTick;
        final String reason;
        long approvedTick = -1;
        Object ticket;

        ExitEntry(Agent agent, long enqueuedTick, String reason) {
            this.agent = agent;
            this.enqueuedTick = enqueuedTick;
            this.reason = reason;
        }

        Map<String, Object> view() {
            return Views.map("agent_id", agent.id, "enqueued_tick", enqueuedTick, "reason", reason,
                    "approved", approvedTick >= 0);
        }
    }
}
