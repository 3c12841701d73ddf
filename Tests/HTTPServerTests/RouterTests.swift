import HTTPServer
import Testing

@Suite struct RouterTests {
    func makeRouter() -> Router {
        var router = Router(errorRenderer: TestErrorRenderer())
        router.add("POST", "/validate", requiresClientCertificate: true) { request in
            HTTPResponse(status: 200, body: request.body)
        }
        router.add("GET", "/healthz") { _ in HTTPResponse(status: 200, body: Array("ok".utf8)) }
        router.add("POST", "/unsupported") { _ throws(HTTPRequestError) in throw .unsupportedMediaType("text/plain") }
        return router
    }

    @Test func exactPathAndMethodReachTheHandler() {
        let response = makeRouter().respond(to: HTTPRequest(method: "GET", path: "/healthz", query: "verbose"))
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
    }

    @Test(arguments: ["/", "/healthz/", "/HEALTHZ", "/validate/x"])
    func unknownPathIs404(_ path: String) {
        let response = makeRouter().respond(to: HTTPRequest(method: "GET", path: path))
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self).contains("no route for path"))
    }

    @Test func wrongMethodIs405WithAllow() {
        let response = makeRouter().respond(to: HTTPRequest(method: "POST", path: "/healthz"))
        #expect(response.status == 405)
        #expect(response.headers.first { $0.name == "Allow" }?.value == "GET, HEAD")
        let validate = makeRouter().respond(to: HTTPRequest(method: "GET", path: "/validate"))
        #expect(validate.headers.first { $0.name == "Allow" }?.value == "POST")
    }

    @Test func methodsOfOnePathAreKeptApartAndALaterAddReplaces() {
        var router = makeRouter()
        router.add("PUT", "/healthz") { _ in HTTPResponse(status: 201) }
        router.add("GET", "/healthz") { _ in HTTPResponse(status: 202) }
        #expect(router.respond(to: HTTPRequest(method: "PUT", path: "/healthz")).status == 201)
        #expect(router.respond(to: HTTPRequest(method: "GET", path: "/healthz")).status == 202)
        #expect(router.respond(to: HTTPRequest(method: "HEAD", path: "/healthz")).status == 202)
        #expect(router.respond(to: HTTPRequest(method: "POST", path: "/validate")).status == 200)
        let response = router.respond(to: HTTPRequest(method: "DELETE", path: "/healthz"))
        #expect(response.headers.first { $0.name == "Allow" }?.value == "GET, HEAD, PUT")
    }

    @Test func headIsAnsweredByGet() {
        #expect(makeRouter().respond(to: HTTPRequest(method: "HEAD", path: "/healthz")).status == 200)
    }

    @Test func handlerErrorsAreRendered() {
        let response = makeRouter().respond(to: HTTPRequest(method: "POST", path: "/unsupported"))
        #expect(response.status == 415)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":415,"message":"unsupported media type text/plain"}"#)
    }

    @Test func clientCertificateIsRequiredOnlyWhenMutualTLSIsOn() {
        let router = makeRouter()
        let plain = HTTPRequest(method: "POST", path: "/validate")
        #expect(router.respond(to: plain).status == 200, "mutual TLS off: no certificate needed")

        var unverified = plain
        unverified.isClientCertificateVerificationEnabled = true
        #expect(router.respond(to: unverified).status == 403)

        var verified = unverified
        verified.isClientCertificateVerified = true
        #expect(router.respond(to: verified).status == 200)

        var probe = HTTPRequest(method: "GET", path: "/healthz")
        probe.isClientCertificateVerificationEnabled = true
        #expect(router.respond(to: probe).status == 200, "probes never need one")
    }
}
