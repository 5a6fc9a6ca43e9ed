package com.cksconsole.edge;

import java.util.List;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet container's part of the HTTP edge: a deadline for each request body
 * ({@link BodyDeadlineHttp11NioProtocol}) and the security headers on every response
 * ({@link SecurityHeadersValve}). The container's plain limits (header and body sizes,
 * multipart parts, relative redirects) are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatWebServerFactory> httpEdge(HttpEdgeProperties properties,
            ObjectProvider<FormActionOrigins> formActionOrigins) {
        return factory -> {
            factory.setProtocol(BodyDeadlineHttp11NioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                // Fail at start-up rather than run without the deadline (another protocol
                // configured).
                if (!(connector.getProtocolHandler() instanceof BodyDeadlineHttp11NioProtocol protocol)) {
                    throw new IllegalStateException("the HTTP connector must use "
                            + BodyDeadlineHttp11NioProtocol.class.getName() + " for console.http.request-body-timeout,"
                            + " not " + connector.getProtocolHandler().getClass().getName());
                }
                protocol.setRequestBodyTimeout(properties.requestBodyTimeout());
            });
            var origins = formActionOrigins.getIfAvailable(() -> List::of);
            factory.addEngineValves(new SecurityHeadersValve(origins.origins()));
        };
    }

}
