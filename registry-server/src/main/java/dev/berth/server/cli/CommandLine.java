package dev.berth.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments, split into flags ({@code -d}, {@code --dry-run}), options with a
 * value ({@code --format json} or {@code --format=json}) and positional arguments. Each
 * spelling maps to one canonical name, so {@code -m} and {@code --delete-untagged} are one flag.
 */
final class CommandLine {

    private final Set<String> flags;
    private final Map<String, String> options;
    private final List<String> positional;

    private CommandLine(Set<String> flags, Map<String, String> options, List<String> positional) {
        this.flags = flags;
        this.options = options;
        this.positional = positional;
    }

    /**
     * Parses {@code arguments}; {@code flagNames} and {@code optionNames} map every accepted
     * spelling to its canonical name. An unknown {@code -x} is an {@link IllegalArgumentException}.
     */
    static CommandLine parse(List<String> arguments, Map<String, String> flagNames, Map<String, String> optionNames) {
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = argument.startsWith("--") && equals > 0 ? argument.substring(0, equals) : argument;
            if (flagNames.containsKey(name) && name.equals(argument)) {
                flags.add(flagNames.get(name));
            } else if (optionNames.containsKey(name)) {
                if (!name.equals(argument)) {
                    options.put(optionNames.get(name), argument.substring(equals + 1));
                } else if (i + 1 < arguments.size()) {
                    options.put(optionNames.get(name), arguments.get(++i));
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
            } else if (argument.startsWith("-") && argument.length() > 1) {
                throw new IllegalArgumentException("unknown flag " + argument);
            } else {
                positional.add(argument);
            }
        }
        return new CommandLine(flags, options, positional);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    List<String> positional() {
        return positional;
    }
}
