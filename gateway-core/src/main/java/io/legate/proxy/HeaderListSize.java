package io.legate.proxy;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The size of a header list as HTTP/2 counts it (RFC 9113 §6.5.2): each field's name and value plus 32. It bounds
 * the HPACK-encoded size from above, since no field costs more than 32 bytes of encoding besides its name and value.
 */
final class HeaderListSize {

    static final int PER_FIELD = 32;

    private HeaderListSize() {
    }

    static long of(HttpFields fields) {
        long size = 0;
        for (HttpField field : fields) {
            size += field(field.getName(), field.getValue());
        }
        return size;
    }

    static long field(String name, String value) {
        return name.length() + (value == null ? 0 : value.length()) + PER_FIELD;
    }
}
