package com.cksconsole.sandbox.xksproxy;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.credentials.StoredCredential;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's seeded monitoring credentials: set once, never over an operator's. */
class SandboxMonitoringCredentialsSeedTest {

    static final KeyStoreRef DR = new KeyStoreRef(new KmsTarget("666677778888", "us-east-1"), "cks-708192a3b4c5d6e7f");

    static final SandboxMonitoringCredentialsProperties.Seed SEED = new SandboxMonitoringCredentialsProperties.Seed(
            "666677778888", "us-east-1", "cks-708192a3b4c5d6e7f", "SANDBOXDRMONITORKEYID234",
            "U1YmGbMVCsGJZ4EIMD2vBg8sR0ucrNxmglmbYhXw3Zw=");

    private final MonitoringCredentials credentials = mock(MonitoringCredentials.class);

    private final SandboxMonitoringCredentialsSeed seed = new SandboxMonitoringCredentialsSeed(
            new SandboxMonitoringCredentialsProperties(List.of(SEED)), credentials);

    @Test
    void aStoreWithoutAMonitoringCredentialGetsTheSeededOneAsTheSandboxSeed() {
        when(credentials.stored(DR)).thenReturn(Optional.empty());

        seed.seed();

        var credential = ArgumentCaptor.forClass(MonitoringCredential.class);
        verify(credentials).put(eq(DR), credential.capture(), eq(SandboxMonitoringCredentialsSeed.ACTOR));
        assertThat(credential.getValue().accessKeyId()).isEqualTo("SANDBOXDRMONITORKEYID234");
        assertThat(credential.getValue().secretAccessKey().reveal()).isEqualTo(SEED.secretAccessKey());
    }

    @Test
    void aStoreThatHasOneKeepsIt() {
        when(credentials.stored(DR)).thenReturn(Optional
            .of(new StoredCredential(DR, "OPERATORSOWNKEYID23456", Instant.parse("2026-12-01T00:00:00Z"), "alice")));

        seed.seed();

        verify(credentials, never()).put(any(), any(), any());
    }

    @Test
    void aSeedThatCannotBeSetDoesNotStopTheStart() {
        when(credentials.stored(DR)).thenReturn(Optional.empty());
        doThrow(new IllegalStateException("store gone")).when(credentials).put(any(), any(), any());

        seed.seed();

        verify(credentials).put(eq(DR), any(), any());
    }

    @Test
    void theSecretNeverShowsInTheSeedsText() {
        assertThat(SEED.toString()).contains("SANDBOXDRMONITORKEYID234").doesNotContain(SEED.secretAccessKey());
    }

}
