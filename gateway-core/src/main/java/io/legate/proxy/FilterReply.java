package io.legate.proxy;

import java.nio.ByteBuffer;
import java.util.Map;

/** What a filter answered instead of proceeding: a reply of its own, or an error in the caller's protocol. */
sealed interface FilterReply {

    record Raw(int status, Map<String, String> headers, ByteBuffer body) implements FilterReply {
    }

    record Local(GatewayReply reply) implements FilterReply {
    }
}
