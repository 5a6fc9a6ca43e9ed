package com.cksconsole.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule of {@link TargetRules}, boundaries included. */
class TargetRulesTest {

    static Target role(String roleArn, @Nullable String externalId, @Nullable String sessionName) {
        return new Target(new TargetName("production"), "Production", "111122223333", "eu-west-1",
                TargetAccess.ASSUME_ROLE, null, roleArn, externalId, sessionName, null, 10, true);
    }

    static Target chain(String accountId, String region, int quota, @Nullable URI endpoint) {
        return new Target(new TargetName("production"), "Production", accountId, region, TargetAccess.DEFAULT_CHAIN,
                null, null, null, null, endpoint, quota, true);
    }

    static String fields(Target target) {
        return String.join(",", TargetRules.check(target).stream().map(TargetRules.Problem::field).toList());
    }

    @Test
    void aValidRoleTargetHasNoProblem() {
        assertThat(TargetRules.check(role("arn:aws:iam::111122223333:role/KmsCustodian", "ext-1", "console")))
            .isEmpty();
    }

    @Test
    void theNameIsOneToThirtyTwoLowerCaseLettersDigitsAndHyphens() {
        assertThat(TargetName.isValid("a")).isTrue();
        assertThat(TargetName.isValid("a".repeat(32))).isTrue();
        assertThat(TargetName.isValid("a".repeat(33))).isFalse();
        assertThat(TargetName.isValid("")).isFalse();
        assertThat(TargetName.isValid("-prod")).isFalse();
        assertThat(TargetName.isValid("Prod")).isFalse();
        assertThat(TargetName.isValid("prod eu")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new TargetName("../etc"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "11112222333", "1111222233334", "11112222333a", "" })
    void anAccountIdIsExactlyTwelveDigits(String accountId) {
        assertThat(fields(chain(accountId, "eu-west-1", 10, null))).isEqualTo("accountId");
    }

    @ParameterizedTest
    @ValueSource(strings = { "eu-west-1", "us-east-1", "us-gov-west-1", "ap-southeast-3", "us-isob-east-1" })
    void regionNamesAreAccepted(String region) {
        assertThat(fields(chain("111122223333", region, 10, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "eu-west", "EU-WEST-1", "euwest1", "eu-west-1 ", "" })
    void otherRegionsAreRefused(String region) {
        assertThat(fields(chain("111122223333", region, 10, null))).isEqualTo("region");
    }

    @Test
    void theQuotaIsOneToOneThousand() {
        assertThat(fields(chain("111122223333", "eu-west-1", 0, null))).isEqualTo("storeQuota");
        assertThat(fields(chain("111122223333", "eu-west-1", 1, null))).isEmpty();
        assertThat(fields(chain("111122223333", "eu-west-1", 1000, null))).isEmpty();
        assertThat(fields(chain("111122223333", "eu-west-1", 1001, null))).isEqualTo("storeQuota");
    }

    @Test
    void theCredentialRotationPolicyIsOneToThreeThousandSixHundredFiftyDays() {
        var target = chain("111122223333", "eu-west-1", 10, null);
        assertThat(target.credentialRotationDays()).as("the default").isEqualTo(90);
        for (int days : new int[] { 0, 3651, -1 }) {
            assertThat(fields(withRotation(target, days))).as(days + " days").isEqualTo("credentialRotationDays");
        }
        for (int days : new int[] { 1, 90, 3650 }) {
            assertThat(fields(withRotation(target, days))).as(days + " days").isEmpty();
        }
    }

    static Target withRotation(Target t, int days) {
        return new Target(t.name(), t.label(), t.accountId(), t.region(), t.access(), t.profileName(), t.roleArn(),
                t.externalId(), t.sessionName(), t.kmsEndpoint(), t.storeQuota(), t.enabled(), days);
    }

    @Test
    void aKmsEndpointIsHttpsOrLoopbackHttpWithoutQueryOrUser() {
        assertThat(fields(chain("111122223333", "eu-west-1", 10,
                URI.create("https://vpce-0abc-kms.eu-west-1.vpce.amazonaws.com"))))
            .isEmpty();
        assertThat(fields(chain("111122223333", "eu-west-1", 10, URI.create("http://127.0.0.1:8080/sandbox/kms"))))
            .isEmpty();
        assertThat(fields(chain("111122223333", "eu-west-1", 10, URI.create("http://kms.example.com"))))
            .isEqualTo("kmsEndpoint");
        assertThat(fields(chain("111122223333", "eu-west-1", 10, URI.create("https://kms.example.com/?a=b"))))
            .isEqualTo("kmsEndpoint");
        assertThat(fields(chain("111122223333", "eu-west-1", 10, URI.create("https://user@kms.example.com"))))
            .isEqualTo("kmsEndpoint");
    }

    @Test
    void aRoleArnIsTwentyToTwoThousandFortyEightCharactersOfTheRoleShape() {
        String prefix = "arn:aws:iam::111122223333:role/";
        assertThat(fields(role(prefix + "r".repeat(2048 - prefix.length()), null, null))).isEmpty();
        assertThat(fields(role(prefix + "r".repeat(2049 - prefix.length()), null, null))).isEqualTo("roleArn");
        assertThat(fields(role("arn:aws:iam::1:role/", null, null))).isEqualTo("roleArn");
        assertThat(fields(role("arn:aws:iam::111122223333:user/alice", null, null))).isEqualTo("roleArn");
        assertThat(fields(role("arn:aws-cn:iam::111122223333:role/path/KmsCustodian", null, null))).isEmpty();
    }

    @Test
    void theRoleMustBelongToTheTargetsAccount() {
        var problems = TargetRules.check(role("arn:aws:iam::444455556666:role/KmsCustodian", null, null));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("roleArn");
            assertThat(problem.message()).contains("444455556666").contains("111122223333");
        });
    }

    @Test
    void anExternalIdIsTwoToTwelveHundredTwentyFourAllowedCharacters() {
        String arn = "arn:aws:iam::111122223333:role/KmsCustodian";
        assertThat(fields(role(arn, "e", null))).isEqualTo("externalId");
        assertThat(fields(role(arn, "ex", null))).isEmpty();
        assertThat(fields(role(arn, "e".repeat(1224), null))).isEmpty();
        assertThat(fields(role(arn, "e".repeat(1225), null))).isEqualTo("externalId");
        assertThat(fields(role(arn, "a:b/c=d,e.f@g-h_i+j", null))).isEmpty();
        assertThat(fields(role(arn, "with space", null))).isEqualTo("externalId");
    }

    @Test
    void aSessionNameIsTwoToSixtyFourAllowedCharacters() {
        String arn = "arn:aws:iam::111122223333:role/KmsCustodian";
        assertThat(fields(role(arn, null, "s"))).isEqualTo("sessionName");
        assertThat(fields(role(arn, null, "ss"))).isEmpty();
        assertThat(fields(role(arn, null, "s".repeat(64)))).isEmpty();
        assertThat(fields(role(arn, null, "s".repeat(65)))).isEqualTo("sessionName");
        assertThat(fields(role(arn, null, "no:colons"))).isEqualTo("sessionName");
    }

    @Test
    void aProfileTargetNeedsAProfileName() {
        var target = new Target(new TargetName("staging"), "Staging", "111122223333", "eu-west-1", TargetAccess.PROFILE,
                null, null, null, null, null, 10, true);
        assertThat(fields(target)).isEqualTo("profileName");
        assertThat(fields(new Target(target.name(), "Staging", "111122223333", "eu-west-1", TargetAccess.PROFILE,
                "kms-staging", null, null, null, null, 10, true)))
            .isEmpty();
    }

    @Test
    void theAccountOfAnAssumedRoleArnIsItsFifthPart() {
        assertThat(TargetRules.accountOfArn("arn:aws:sts::444455556666:assumed-role/KmsCustodian/console"))
            .contains("444455556666");
        assertThat(TargetRules.accountOfArn("arn:aws:iam::111122223333:user/alice")).contains("111122223333");
        assertThat(TargetRules.accountOfArn("not-an-arn")).isEmpty();
    }

}
