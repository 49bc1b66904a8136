package org.townlet.app.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.townlet.app.config.ConfigNode.ListNode;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.app.config.ConfigNode.Member;
import org.townlet.app.config.ConfigNode.ScalarNode;

/**
 * Reads a YAML or JSON configuration file (JSON when the name ends in {@code .json}) with Jackson's streaming parser
 * into a {@link ConfigNode} tree that keeps the line and column of every key and value. Duplicate keys are errors.
 */
public final class ConfigParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private ConfigParser() {
    }

    /**
     * Parses {@code file}; an empty file is an empty mapping.
     *
     * @param file     the file
     * @param problems where duplicate keys are reported
     * @throws ConfigurationException when the file cannot be read, is not well-formed, or is not a mapping
     */
    public static MapNode parse(Path file, Problems problems) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(name + ": no such file");
        } catch (IOException e) {
            throw new ConfigurationException(name + ": cannot read: " + e.getMessage(), e);
        }
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(name, text, json, problems);
    }

    /** Parses {@code text}, named {@code name} in errors. */
    public static MapNode parse(String name, String text, boolean json, Problems problems) {
        try (Reader reader = new java.io.StringReader(text);
             JsonParser parser = (json ? JSON : YAML).createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MapNode.empty(Origin.at(name, 1, 1));
            }
            ConfigNode root = new TreeReader(name, parser, problems).read("");
            if (!(root instanceof MapNode map)) {
                Origin origin = root.origin();
                throw new ConfigurationException(origin.prefix("") + ": the configuration must be a mapping of keys;"
                        + " got " + root.describe());
            }
            return map;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? name : name + ":" + location.getLineNr() + ":" + location.getColumnNr();
            throw new ConfigurationException(where + ": not well-formed " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new ConfigurationException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** One pass over the tokens; the parser stands on the first token of the value to read. */
    private static final class TreeReader {
        private final String name;
        private final JsonParser parser;
        private final Problems problems;

        TreeReader(String name, JsonParser parser, Problems problems) {
            this.name = name;
            this.parser = parser;
            this.problems = problems;
        }

        ConfigNode read(String path) throws IOException {
            JsonToken token = parser.currentToken();
            Origin origin = origin(parser.currentTokenLocation());
            switch (token) {
                case START_OBJECT:
                    return readMap(origin, path);
                case START_ARRAY:
                    List<ConfigNode> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(read(path + "[" + items.size() + "]"));
                    }
                    return new ListNode(origin, items);
                case VALUE_STRING:
                    return new ScalarNode(origin, parser.getText());
                case VALUE_NUMBER_INT:
                    return new ScalarNode(origin, parser.getNumberValue());
                case VALUE_NUMBER_FLOAT:
                    return new ScalarNode(origin, parser.getDoubleValue());
                case VALUE_TRUE:
                    return new ScalarNode(origin, Boolean.TRUE);
                case VALUE_FALSE:
                    return new ScalarNode(origin, Boolean.FALSE);
                case VALUE_NULL:
                    return new ScalarNode(origin, null);
                default:
                    return new ScalarNode(origin, parser.getText());
            }
        }

        private MapNode readMap(Origin origin, String path) throws IOException {
            Map<String, Member> members = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Origin keyOrigin = origin(parser.currentTokenLocation());
                parser.nextToken();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                ConfigNode value = read(keyPath);
                Member previous = members.get(key);
                if (previous != null) {
                    problems.add(keyOrigin, keyPath, "duplicate key (first given at line "
                            + previous.keyOrigin().line() + ")", null, "each key once per mapping");
                } else {
                    members.put(key, new Member(keyOrigin, value));
                }
            }
            return new MapNode(origin, members);
        }

        private Origin origin(JsonLocation location) {
            return Origin.at(name, location.getLineNr(), location.getColumnNr());
        }
    }
}
