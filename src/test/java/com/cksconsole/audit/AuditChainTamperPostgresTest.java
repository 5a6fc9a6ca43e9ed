package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import com.cksconsole.support.PostgresTestDatabase;

/**
 * The chain attacks on real PostgreSQL, the production database, with the console's own
 * connection.
 */
class AuditChainTamperPostgresTest extends AuditChainTamperContract {

    @Override
    DataSource emptyDatabase() {
        return PostgresTestDatabase.freshDataSource();
    }

    @Test
    void theBenchmarksSyntheticChainIsKeyedAndVerifies() throws Exception {
        var summary = SyntheticChain.load(audit.dataSource, 3_000);
        var report = audit.verify();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.checked()).isEqualTo(summary.rows());
        assertThat(report.pendingIntents()).isEqualTo(summary.pendingIntents());
    }

}
