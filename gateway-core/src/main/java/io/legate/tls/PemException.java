package io.legate.tls;

/** PEM text that does not hold what was asked for. The message never quotes the text: it may be a private key. */
public final class PemException extends Exception {

    public PemException(String message) {
        super(message);
    }
}
