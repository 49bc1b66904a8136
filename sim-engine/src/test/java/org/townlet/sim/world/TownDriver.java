package org.townlet.sim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.StorySettings;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * Drives a {@link Town} tick by tick in tests and keeps every event it produced, with its tick. Single-threaded.
 */
final class TownDriver {
    final Town town;
    private final List<Timed<WorldEvent>> events = new ArrayList<>();
    private final List<Timed<SocialEvent>> social = new ArrayList<>();
    private final List<RivalryEvent> rivalry = new ArrayList<>();

    private TownDriver(Town town) {
        this.town = town;
    }

    static TownDriver of(TownSettings settings) {
        return new TownDriver(Town.create(settings));
    }

    /** alice, bob, carol, dave, … (the first {@code count}), every block at its defaults and these beats. */
    static TownSettings named(int count, StoryBeat... beats) {
        List<String> names = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
        return TownSettings.of(7, names.subList(0, count), 1440).withStory(StorySettings.of(beats));
    }

    TownDriver runTo(long tick) {
        while (town.tick() < tick) {
            town.advance(town.tick() + 1);
            long now = town.tick();
            town.events().forEach(event -> events.add(new Timed<>(now, event)));
            town.socialEvents().forEach(event -> social.add(new Timed<>(now, event)));
            rivalry.addAll(town.rivalryEvents());
        }
        return this;
    }

    TownDriver runWhile(long lastTick, Predicate<Town> check) {
        while (town.tick() < lastTick) {
            runTo(town.tick() + 1);
            if (!check.test(town)) {
                throw new AssertionError("check failed at tick " + town.tick());
            }
        }
        return this;
    }

    List<Timed<WorldEvent>> events(String name) {
        return events.stream().filter(event -> event.value().name().equals(name)).toList();
    }

    List<Timed<SocialEvent>> social(String type) {
        return social.stream().filter(event -> event.value().type().equals(type)).toList();
    }

    List<RivalryEvent> rivalry() {
        return List.copyOf(rivalry);
    }

    /** An event with the tick it happened at. */
    record Timed<T>(long tick, T value) {
        Object get(String attribute) {
            return value instanceof WorldEvent event ? event.attribute(attribute)
                    : ((SocialEvent) value).attribute(attribute);
        }
    }
}
