package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * What a failure of the file means: a full disk, another I/O error, or damage (and not the caller's
 * error), so that each reaches the user as the failure it is.
 */
public final class StoreErrors {

    private StoreErrors() {
    }

    /**
     * An I/O failure as an exception: {@code DISK_FULL} when {@link #isDiskFull} recognizes
     * it, with a message that starts with "the disk is full", else {@code IO_ERROR}.
     *
     * @param message what failed, naming the instance and the file
     */
    public static RuntimeException ioError(String message, Throwable cause) {
        if (isDiskFull(cause)) {
            return Faults.of(Fault.DISK_FULL, "the disk is full: " + message, cause);
        }
        return Faults.of(Fault.IO_ERROR, message, cause);
    }

    /**
     * Whether a failure, or one of its causes, says that the disk or the user's disk quota is full: the
     * messages of ENOSPC and EDQUOT on Linux and macOS ("No space left on device", "Disk quota
     * exceeded") and of Windows ("There is not enough space on the disk"), also as the reason of a
     * {@link java.nio.file.FileSystemException}. Looks at most 16 causes deep.
     */
    public static boolean isDiskFull(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            String text = t instanceof java.nio.file.FileSystemException f ? f.getReason() : t.getMessage();
            if (text != null) {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space on the disk")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an exception from MVStore while reading pages says that the file is damaged (rather
     * than that the caller erred): MVStore's own errors, and the parse errors garbage bytes cause,
     * when MVStore or Atoll's store or codecs threw them. The same exception from elsewhere (a
     * {@link NullPointerException} for a null argument, one from the user's code) is not damage.
     */
    public static boolean isDamage(Throwable e) {
        if (e instanceof MVStoreException) {
            return true;
        }
        boolean parseError = e instanceof IndexOutOfBoundsException
                || e instanceof java.nio.BufferUnderflowException || e instanceof NegativeArraySizeException
                || e instanceof NumberFormatException || e instanceof ClassCastException
                || e instanceof ArithmeticException || e instanceof NullPointerException;
        return parseError && thrownByStorage(e.getStackTrace());
    }

    /**
     * Whether the first frame outside the JDK is MVStore's, the store's or the codecs'. A trace the JVM
     * left empty (it may, for exceptions it throws often) counts as theirs, as it did before traces were
     * read.
     */
    static boolean thrownByStorage(StackTraceElement[] trace) {
        for (StackTraceElement frame : trace) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("org.h2.") || type.startsWith("dev.atoll.internal.store.")
                    || type.startsWith("dev.atoll.internal.codec.");
        }
        return true;
    }

    /**
     * The exception to throw for a failure that {@link #isDamage} recognizes: a
     * {@code CorruptFileException}, or an I/O error when the disk failed to read.
     */
    public static RuntimeException damage(String instance, RuntimeException e) {
        if (e instanceof MVStoreException m && m.getErrorCode() == DataUtils.ERROR_READING_FAILED
                && !(m.getCause() instanceof java.io.EOFException)) {
            return Faults.of(Fault.IO_ERROR, "instance '" + instance + "': reading failed: "
                    + e.getMessage(), e);
        }
        return Faults.of(Fault.CORRUPT_FILE, "instance '" + instance + "': the file is damaged: " + e, e);
    }
}
