package dev.atoll;

/** Thrown when a stored value or the file is damaged: a bad header, checksum, length or format. */
public class CorruptFileException extends AtollException {
    private static final long serialVersionUID = 1L;

    public CorruptFileException(String message) {
        super(ErrorCode.CORRUPT_FILE, message, null);
    }

    public CorruptFileException(String message, Throwable cause) {
        super(ErrorCode.CORRUPT_FILE, message, cause);
    }
}
