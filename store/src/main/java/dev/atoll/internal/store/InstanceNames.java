package dev.atoll.internal.store;

/**
 * The rule for instance names. A name becomes a file name ({@code <name>.atoll} in the instance's
 * directory), so it must be a plain name, never a path: 1 to {@value #MAX_LENGTH} characters, each an ASCII
 * letter, an ASCII digit, '-', '_' or '.', and not starting with '.' (which rules out "." and ".."). Path
 * separators, drive letters ("C:"), NUL and other characters are refused, so nothing can be created
 * outside the directory.
 */
public final class InstanceNames {
    /** The longest name allowed. */
    public static final int MAX_LENGTH = 100;
    private static final String RULE = "use 1 to " + MAX_LENGTH + " characters, each an ASCII letter, a digit,"
            + " '-', '_' or '.', not starting with '.'";

    private InstanceNames() {
    }

    /**
     * Checks an instance name.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException when the name is null or breaks the rule; the message states the rule
     */
    public static String check(String name) {
        if (name == null) {
            throw new IllegalArgumentException("an instance name is required: " + RULE);
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.charAt(0) == '.') {
            throw refused(name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                throw refused(name);
            }
        }
        return name;
    }

    private static IllegalArgumentException refused(String name) {
        StringBuilder shown = new StringBuilder();
        int shownLength = Math.min(name.length(), 40);
        for (int i = 0; i < shownLength; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (shownLength < name.length()) {
            shown.append("... (").append(name.length()).append(" characters)");
        }
        return new IllegalArgumentException("instance name '" + shown + "' is not allowed: " + RULE);
    }
}
