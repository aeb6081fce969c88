package dev.berth.auth;

/** Writes {@code WWW-Authenticate} parameters safely (RFC 7235 quoted strings). */
public final class Challenges {

    private Challenges() {
    }

    /** {@code value} as a quoted string, with {@code "} and {@code \} escaped. */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** {@code Basic realm="…"}. */
    public static String basic(String realm) {
        return "Basic realm=" + quote(realm);
    }
}
