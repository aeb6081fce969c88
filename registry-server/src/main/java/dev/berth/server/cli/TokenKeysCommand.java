package dev.berth.server.cli;

import dev.berth.auth.keys.KeyIds;
import dev.berth.auth.keys.KeyPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code berth token-keys generate|check registry.key registry.crt}: makes the key pair token
 * auth runs on (the application signs with the key, the registry's {@code rootcertbundle} is
 * the certificate), or tells whether a key and a certificate belong together — the check
 * behind GitLab's "token signed by untrusted key" troubleshooting.
 */
final class TokenKeysCommand implements Command {

    private static final Map<String, String> OPTIONS = Map.of("--kind", "kind", "--cn", "cn", "--days", "days");
    private static final Map<String, String> FLAGS = Map.of("--force", "force");

    @Override
    public String name() {
        return "token-keys";
    }

    @Override
    public String arguments() {
        return "generate [--kind rsa2048|rsa4096|ec256|ec384] [--cn name] [--days n] [--force] registry.key registry.crt"
                + " | check registry.key registry.crt";
    }

    @Override
    public String summary() {
        return "generate the token signing key and certificate, or check that they match";
    }

    @Override
    public String details() {
        return """
                generate  writes a private key (PKCS#8 PEM, owner-only) and its self-signed certificate;
                          the application signs tokens with the key, auth.token.rootcertbundle names the
                          certificate. Defaults: --kind rsa2048, --cn berth-token-issuer, --days 3650.
                          Existing files are kept unless --force.
                check     prints both libtrust key IDs and exits 1 when the key is not the certificate's:
                          the registry would log "token signed by untrusted key with ID: ..." for every token.""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        CommandLine line;
        try {
            line = CommandLine.parse(arguments, FLAGS, OPTIONS);
            if (line.positional().size() != 3 || !List.of("generate", "check").contains(line.positional().get(0))) {
                throw new IllegalArgumentException("expected generate or check, then registry.key and registry.crt");
            }
        } catch (IllegalArgumentException e) {
            return usage(context, e.getMessage());
        }
        Path key = Path.of(line.positional().get(1));
        Path certificate = Path.of(line.positional().get(2));
        if (line.positional().get(0).equals("check")) {
            KeyPairs.MatchReport report = KeyPairs.check(key, certificate);
            context.out().println(report.describe());
            return report.matches() ? 0 : 1;
        }
        KeyPairs.Kind kind;
        int days;
        try {
            kind = kind(line.option("kind").orElse("rsa2048"));
            days = Integer.parseInt(line.option("days").orElse("3650"));
            if (days < 1) {
                throw new IllegalArgumentException("--days must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            return usage(context, e.getMessage());
        }
        if (!line.has("force") && (Files.exists(key) || Files.exists(certificate))) {
            context.err().println("berth token-keys: " + key + " or " + certificate
                    + " exists; pass --force to replace them (tokens signed with the old key stop working)");
            return 1;
        }
        KeyPairs.SigningPair pair = KeyPairs.generate(kind, line.option("cn").orElse("berth-token-issuer"),
                Duration.ofDays(days), Clock.systemUTC());
        pair.write(key, certificate);
        context.out().println("wrote " + key + " and " + certificate + "; key ID "
                + KeyIds.libtrust(pair.keyPair().getPublic()));
        return 0;
    }

    private static KeyPairs.Kind kind(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rsa2048" -> KeyPairs.Kind.RSA_2048;
            case "rsa4096" -> KeyPairs.Kind.RSA_4096;
            case "ec256" -> KeyPairs.Kind.EC_P256;
            case "ec384" -> KeyPairs.Kind.EC_P384;
            default -> throw new IllegalArgumentException("unknown --kind " + name);
        };
    }

    private int usage(CommandContext context, String message) {
        context.err().println("berth token-keys: " + message);
        context.err().println("usage: berth token-keys " + arguments());
        return Main.USAGE;
    }
}
