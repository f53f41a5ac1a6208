package io.legate.plugins.authservice;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suspends each request while the authorization service decides, then proceeds or answers the caller from the
 * thread the decision arrived on. A service that cannot be asked, or does not answer within {@code timeout_ms},
 * denies with {@code status_on_error}, unless {@code failure_mode_allow}.
 */
final class AuthServiceFilter implements GatewayFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthServiceFilter.class);
    // The client gives up at timeout_ms; the chain's own deadline only backs it up.
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final AuthConfig config;
    private final AuthClient client;

    AuthServiceFilter(AuthConfig config, AuthClient client) {
        this.config = config;
        this.client = client;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        Optional<AuthServiceSettings> route = exchange.routeSettings(AuthServiceSettings.class);
        if (route.isPresent() && route.get().bypassAuth()) {
            chain.proceed();
            return;
        }
        AuthRequest request = AuthRequest.of(exchange, config.requestHeaders(),
                route.map(AuthServiceSettings::authContextExtensions).orElse(null));
        chain.suspend(config.timeout().plus(MARGIN));
        client.check(request).whenComplete((verdict, failure) -> {
            if (failure != null) {
                failed(exchange, chain, failure);
            } else if (verdict instanceof Verdict.Allowed allowed) {
                allowed.upstreamHeaders().forEach(exchange::setHeader);
                chain.proceed();
            } else {
                CallerReply.deny(exchange, (Verdict.Denied) verdict);
            }
        });
    }

    private void failed(Exchange exchange, Chain chain, Throwable failure) {
        LOG.debug("authorization service {}:{} not asked: {}", config.address().host(), config.address().port(),
                failure.toString());
        if (config.failureModeAllow()) {
            chain.proceed();
        } else {
            exchange.reject(config.statusOnError(), "the authorization service is unavailable");
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "auth_service " + config.address() + (config.grpc() ? " (grpc)" : " (http)");
    }
}
