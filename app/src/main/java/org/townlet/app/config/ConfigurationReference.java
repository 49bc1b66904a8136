package org.townlet.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link ConfigLoader#reference()} as the Markdown of {@code docs/CONFIGURATION.md}: one table per
 * top-level block with every key, its type, default, bounds and meaning. A test compares the file with this output,
 * so the reference cannot drift from the binder.
 */
public final class ConfigurationReference {
    /** Marks the start of the generated part of {@code docs/CONFIGURATION.md}. */
    public static final String BEGIN = "<!-- generated from the configuration binder: do not edit below -->";
    /** Marks its end. */
    public static final String END = "<!-- end of generated reference -->";

    private ConfigurationReference() {
    }

    /** The generated part, markers included. */
    public static String markdown() {
        Map<String, List<ConfigReference.Entry>> byBlock = new LinkedHashMap<>();
        Map<String, String> blockMeaning = new LinkedHashMap<>();
        for (ConfigReference.Entry entry : ConfigLoader.reference().entries()) {
            String path = entry.path();
            if (!path.contains(".") && entry.type().equals("block")) {
                blockMeaning.put(path, entry.meaning());
                byBlock.computeIfAbsent(path, k -> new ArrayList<>());
                continue;
            }
            String block = path.contains(".") ? path.substring(0, path.indexOf('.')) : "";
            byBlock.computeIfAbsent(block, k -> new ArrayList<>()).add(entry);
        }
        StringBuilder out = new StringBuilder(BEGIN).append("\n");
        byBlock.forEach((block, entries) -> {
            out.append("\n### ").append(block.isEmpty() ? "Top level" : "`" + block + "`").append("\n\n");
            if (blockMeaning.containsKey(block)) {
                out.append(capitalise(blockMeaning.get(block))).append(".\n\n");
            }
            out.append("| key | type | default | bounds, rules | meaning |\n");
            out.append("| --- | --- | --- | --- | --- |\n");
            for (ConfigReference.Entry entry : entries) {
                out.append("| `").append(entry.path()).append("` | ")
                        .append(cell(entry.type())).append(" | ")
                        .append(entry.type().equals("block") ? "" : "`" + cell(entry.defaultValue()) + "`")
                        .append(" | ").append(cell(entry.rule())).append(" | ")
                        .append(cell(entry.meaning())).append(" |\n");
            }
        });
        out.append("\n").append(END).append("\n");
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
