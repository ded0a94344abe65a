package dev.atoll.internal.codec;

/**
 * Internal: a constructor of a stored class threw while an object was built from its bytes. Carries
 * the class, and what the constructor threw as its cause; {@link CollectionCodec#decode} turns it into
 * an {@code AtollException} of {@code USER_CODE}, never a damaged file.
 */
final class UserCodeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Class<?> type;

    UserCodeFailure(Class<?> type, Throwable cause) {
        super("the constructor of " + type.getName() + " threw " + cause, cause, false, false);
        this.type = type;
    }
}
