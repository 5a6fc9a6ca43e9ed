package com.cksconsole.keystore;

import java.util.UUID;

/**
 * Three console instances sharing one Describe snapshot on the embedded H2 database (one
 * in-memory database, shared by the instances in this JVM).
 */
class SharedSnapshotInstancesTest extends SharedSnapshotInstancesContract {

    @Override
    String sharedDatabase() {
        return "jdbc:h2:mem:shared-snapshot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

}
