package com.cksconsole.proxyconfig;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.web.ProxyConfigurationImporter;
import com.cksconsole.kms.XksConnectivity;

/**
 * The parser and the secret store, offered to the key store pages in their own terms
 * ({@link ProxyConfigurationImporter}: the pages may not name this package, which depends on theirs).
 */
@Component
class KeyStoreFormImporter implements ProxyConfigurationImporter {

    private final ProxyConfigurationParser parser;
    private final ImportedSecretStore secrets;
    private final ProxyConfigurationProperties properties;

    KeyStoreFormImporter(ProxyConfigurationParser parser, ImportedSecretStore secrets,
                         ProxyConfigurationProperties properties) {
        this.parser = parser;
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public long maxSizeBytes() {
        return properties.maxSize().toBytes();
    }

    @Override
    public Duration secretTtl() {
        return properties.secretTtl();
    }

    @Override
    public Result readUpload(@Nullable String originalFileName, byte[] content) {
        return result(parser.parseUpload(originalFileName, content));
    }

    @Override
    public Result readPastedText(String text) {
        return result(parser.parsePastedText(text));
    }

    @Override
    public String holdSecret(Owner owner, String rawSecretAccessKey, Source source) {
        return secrets.hold(owner.sessionId(), owner.username(), owner.keyStoreId(), rawSecretAccessKey,
                new ProxyConfigurationSource(source.uploaded()
                        ? ProxyConfigurationSource.Origin.UPLOADED_FILE
                        : ProxyConfigurationSource.Origin.PASTED_TEXT, source.name(), source.sizeBytes(),
                        source.sha256Hex()));
    }

    @Override
    public Optional<Source> pendingSecret(String handle, Owner owner) {
        // Every secret held through this class has a source; one without (held elsewhere) is not ours to show.
        return secrets.pending(handle, owner.sessionId(), owner.username(), owner.keyStoreId())
                .flatMap(pending -> Optional.ofNullable(pending.source()))
                .map(KeyStoreFormImporter::source);
    }

    @Override
    public <T> Optional<T> takeSecretWhen(String handle, Owner owner, Function<String, Optional<T>> use) {
        return secrets.takeWhen(handle, owner.sessionId(), owner.username(), owner.keyStoreId(), use);
    }

    @Override
    public void discardSecret(String handle, Owner owner) {
        if (secrets.isPending(handle, owner.sessionId(), owner.username(), owner.keyStoreId())) {
            secrets.discard(handle);
        }
    }

    private static Result result(ProxyConfigurationImport imported) {
        Values values = imported.values().map(KeyStoreFormImporter::values).orElse(null);
        return new Result(values,
                imported.problems().stream().map(problem -> new Problem(problem.key(), problem.text())).toList(),
                imported.warnings().stream().map(ImportMessage::text).toList(),
                source(imported.source()));
    }

    private static Values values(ProxyConfigurationValues values) {
        return new Values(values.uriPath(), values.accessKeyId(), values.rawSecretAccessKey(), values.uriEndpoint(),
                values.connectivity() == null ? null : XksConnectivity.valueOf(values.connectivity().toString()),
                values.vpcEndpointServiceName());
    }

    private static Source source(ProxyConfigurationSource source) {
        return new Source(source.origin() == ProxyConfigurationSource.Origin.UPLOADED_FILE, source.name(),
                source.sizeBytes(), source.sha256Hex());
    }
}
