package org.townlet.telemetry.api.json;

/**
 * Marks a JSON map or JSON list (SPEC §1.4) that can never change after construction, so that the api's defensive
 * copies ({@link JsonMaps#copyOf}, {@link JsonMaps#copyOfList}, {@link JsonMaps#copyOfNested} and the event records'
 * compact constructors) take it as is instead of copying it.
 *
 * <p>Why: a producer that hands over the same immutable map tick after tick (an entry whose values did not change)
 * lets every consumer downstream recognise it by identity, and a copy would both cost the producer's thread and
 * break that identity.
 *
 * <p>Only a {@link java.util.Map Map} with {@code String} keys or a {@link java.util.List List} may implement it, and
 * the implementer guarantees, for the object's whole life:
 * <ul>
 *   <li>its size, keys, order and values never change after the constructor returns; every mutator (including those
 *   of its views, iterators and entries) throws {@link UnsupportedOperationException};</li>
 *   <li>no mutable state it reads from (a backing array or map) is reachable by anyone who could change it;</li>
 *   <li>its values are JSON values that cannot change either ({@code String}, {@code Boolean}, boxed numbers,
 *   {@code null}, immutable records, or maps and lists that no one can modify);</li>
 *   <li>it is safe to read from any thread once published (its contents are reached through final fields; a view
 *   it creates lazily holds no state of its own);</li>
 *   <li>{@code equals}, {@code hashCode} and iteration follow the {@code Map} or {@code List} contract.</li>
 * </ul>
 * A class that cannot promise all of this must not implement the marker: its maps are then copied, as any other.
 */
public interface ImmutableJson {
}
