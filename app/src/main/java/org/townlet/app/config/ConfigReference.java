package org.townlet.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every key the binder declares, with its type, default, bounds and meaning, as it binds. Binding an empty
 * document with a reference attached yields the complete key list: {@link ConfigurationReference} renders it as
 * {@code docs/CONFIGURATION.md}, so the documentation comes from the same declarations that bind and check the
 * values and cannot drift from them.
 */
public final class ConfigReference {
    /**
     * One key.
     *
     * @param path         the dotted key path
     * @param type         {@code block}, {@code boolean}, {@code integer}, {@code number}, {@code string}, …
     * @param defaultValue the default as documented
     * @param rule         bounds and rules, or empty
     * @param meaning      what the key does
     */
    public record Entry(String path, String type, String defaultValue, String rule, String meaning) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String path, String type, String defaultValue, String rule, String meaning) {
        entries.add(new Entry(path, type, defaultValue, rule, meaning));
    }

    /** The keys in declaration order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
