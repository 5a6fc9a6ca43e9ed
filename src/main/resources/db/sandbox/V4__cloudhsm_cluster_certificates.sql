-- The cluster certificate of each simulated CloudHSM backup family, signed by the family's trust anchor and shown by
-- CloudHSM DescribeClusters (Certificates.ClusterCertificate). Families stored by an earlier version have none: their
-- CA key was not kept (delete ./data/ to issue new ones).
alter table sandbox_cloudhsm_trust_anchor add column cluster_certificate varchar(8000);
