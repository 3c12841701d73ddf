@testable import AdmissionRules
import JSONModel
import Testing

/// SPEC §5 rule 5: `spec.source.location`.
extension ValidationTests {
    @Test(arguments: [
        "s3://my-bucket/antfly-backups", "s3://my-bucket", "s3://my-bucket/", "s3://a.b-c_d/x/y/z", "s3://abc",
        "s3://\(String(repeating: "b", count: 222))", "s3://bucket/prefix/with.dots/..hidden/x..y",
        "s3://bucket/.../x", "s3://bucket/%2e%2e%2e/x", "s3://bucket/%2e/x", "s3://bucket/.%2/x", "s3://bucket/%2e%2ex",
        "s3://bucket/caf\u{E9}/\u{1F600}",
    ])
    func goodS3LocationsAreAdmittedQuietly(location: String) {
        let result = validator.create(Fixtures.spec("source", "location", is: .string(location)))
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: ["file:///backups", "file:///", "file:///var/lib/antfly/backups/"])
    func fileLocationsAreAdmittedWithAWarning(location: String) {
        let result = validator.create(Fixtures.spec("source", "location", is: .string(location)))
        #expect(result.errors.isEmpty)
        #expect(result.warningTexts == ["spec.source.location: file:// locations are for testing only; use s3:// in production"])
    }

    @Test func fileLocationsAreForbiddenByPolicy() {
        let validator = RestoreValidator(policy: AdmissionPolicy(fileLocations: .deny), clusters: StubClusterDirectory())
        let result = validator.create(Fixtures.spec("source", "location", is: "file:///backups"))
        #expect(
            result.messages == [
                "spec.source.location: Forbidden: file:// locations are for testing only and are denied here (--file-locations=deny): use an s3:// location"
            ])
        #expect(result.reasons == ["FieldValueForbidden"])
        #expect(result.warnings.isEmpty)
    }

    static let bucketRule =
        "the bucket must be 3-222 characters of lowercase letters, digits, '.', '-' or '_', starting and ending with a letter or digit"

    @Test(arguments: [
        ("http://x", "must start with s3:// or file://"),
        ("", ""),
        ("my-bucket/backups", "must start with s3:// or file://"),
        ("S3://my-bucket", "must start with s3:// or file:// (lowercase)"),
        ("FILE:///backups", "must start with s3:// or file:// (lowercase)"),
        (
            "gs://my-bucket",
            "must start with s3:// or file://: reach GCS through its S3 API with s3://BUCKET and AWS_ENDPOINT_URL in the credentials Secret"
        ),
        ("s3:/my-bucket", "must start with s3:// or file://"),
        ("s3://", "a bucket is required: s3://BUCKET[/PREFIX]"),
        ("s3:///prefix", "a bucket is required: s3://BUCKET[/PREFIX]"),
        (
            "s3://my-bucket:9000/x",
            "the bucket must not have a port: write s3://BUCKET[/PREFIX] and put a custom endpoint in AWS_ENDPOINT_URL of the credentials Secret"
        ),
        ("s3://ab", bucketRule),
        ("s3://My-Bucket", bucketRule),
        ("s3://-bucket", bucketRule),
        ("s3://bucket-", bucketRule),
        ("s3://bucket.", bucketRule),
        ("s3://bu%63ket", bucketRule),
        ("s3://\(String(repeating: "b", count: 223))", bucketRule),
        ("s3://user:pass@bucket/x", "must not contain credentials (user:pass@): put them in the Secret named by spec.source.credentialsSecret"),
        ("s3://AKIA@bucket", "must not contain credentials (user:pass@): put them in the Secret named by spec.source.credentialsSecret"),
        ("s3://bucket?versionId=1", "must not contain a query (?...)"),
        ("s3://bucket/x?y", "must not contain a query (?...)"),
        ("s3://bucket/x#frag", "must not contain a fragment (#...)"),
        ("s3://bucket/../other", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/a/..", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/a/%2e%2E/b", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/.%2e/b", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/%2E./b", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/\u{E9}/../b", "must not contain '..' path segments: the restore must stay inside the location"),
        ("file:///backups/../etc", "must not contain '..' path segments: the restore must stay inside the location"),
        ("s3://bucket/a b", "must not contain whitespace or control characters"),
        (" s3://bucket", "must not contain whitespace or control characters"),
        ("s3://bucket/x\n", "must not contain whitespace or control characters"),
        ("s3://bucket/\u{7F}", "must not contain whitespace or control characters"),
        ("s3://bucket/\u{A0}", "must not contain whitespace or control characters"),
        ("s3://bucket/\u{2003}x", "must not contain whitespace or control characters"),
        ("s3://bucket/\u{85}", "must not contain whitespace or control characters"),
        ("file://host/backups", "a file:// location must have no host part: use file:///ABSOLUTE/PATH"),
        ("file://backups", "a file:// location must have no host part: use file:///ABSOLUTE/PATH"),
        ("file://", "a file:// location needs an absolute path: file:///ABSOLUTE/PATH"),
    ])
    func badLocationsAreInvalid(location: String, detail: String) {
        let result = validator.create(Fixtures.spec("source", "location", is: .string(location)))
        if location.isEmpty {
            #expect(result.messages == ["spec.source.location: Required value"])
        } else {
            #expect(result.errors == [FieldError(path: JSONPath("spec", "source", "location"), kind: .invalid(.string(location), detail: detail))])
        }
        #expect(result.warnings.isEmpty)
    }

    @Test(arguments: [
        (JSONValue?.none, "spec.source.location: Required value"),
        (.null, "spec.source.location: Required value"),
        (42, "spec.source.location: Invalid value: 42: must be a string"),
        (["s3://b"], "spec.source.location: Invalid value: \"array\": must be a string"),
        (["url": "s3://b"], "spec.source.location: Invalid value: \"object\": must be a string"),
        (false, "spec.source.location: Invalid value: false: must be a string"),
    ] as [(JSONValue?, String)])
    func locationMustBeAString(location: JSONValue?, expected: String) {
        #expect(validator.create(Fixtures.spec("source", "location", is: location)).messages == [expected])
    }
}
