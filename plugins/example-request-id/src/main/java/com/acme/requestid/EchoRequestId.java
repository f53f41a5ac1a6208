package com.acme.requestid;

import io.legate.plugin.ResponseFilter;
import io.legate.plugin.ResponseHead;

/** Sends one request's id back on its response, so that a caller can quote it when something went wrong. */
final class EchoRequestId implements ResponseFilter {

    private final String header;
    private final String id;

    EchoRequestId(String header, String id) {
        this.header = header;
        this.id = id;
    }

    @Override
    public void onHeaders(ResponseHead response) {
        response.setHeader(header, id);
    }
}
