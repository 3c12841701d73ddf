@testable import HTTPServer
import Testing

@Suite struct ConnectionStateMachineTests {
    let clock = ManualClock()

    func makeMachine() -> ConnectionStateMachine<ManualClock> {
        ConnectionStateMachine(requestTimeout: .seconds(10), idleTimeout: .seconds(90), lingerTimeout: .seconds(2), clock: clock)
    }

    func at(_ seconds: Int) -> ManualClock.Instant {
        ManualClock.Instant(offset: .seconds(seconds))
    }

    @Test func firstRequestMustArriveWithinTheRequestTimeoutFromAccept() {
        var machine = makeMachine()
        #expect(machine.state == .receiving(deadline: at(10)))
        clock.advance(by: .seconds(9))
        #expect(machine.timeoutFired() == .doNothing)
        clock.advance(by: .seconds(1))
        #expect(machine.timeoutFired() == .sendTimeoutResponse)
        #expect(machine.state == .responding(deadline: at(12), closesAfter: true))
    }

    @Test func keepAliveConnectionIdlesThenTimesOutQuietly() {
        var machine = makeMachine()
        clock.advance(by: .seconds(1))
        #expect(machine.responseStarted(isKeepAlive: true) == false)
        #expect(machine.deadline == at(11))
        clock.advance(by: .seconds(1))
        #expect(machine.responseFinished() == .awaitNextRequest)
        #expect(machine.state == .idle(deadline: at(92)))
        clock.advance(by: .seconds(89))
        #expect(machine.timeoutFired() == .doNothing)
        clock.advance(by: .seconds(1))
        #expect(machine.timeoutFired() == .closeConnection)
    }

    @Test func nextRequestTimerStartsAtItsFirstByte() {
        var machine = makeMachine()
        _ = machine.responseStarted(isKeepAlive: true)
        _ = machine.responseFinished()
        clock.advance(by: .seconds(50))
        machine.requestBytesReceived()
        #expect(machine.state == .receiving(deadline: at(60)))
        clock.advance(by: .seconds(5))
        machine.requestBytesReceived()
        #expect(machine.deadline == at(60), "more bytes do not extend the request deadline")
        clock.advance(by: .seconds(5))
        #expect(machine.timeoutFired() == .sendTimeoutResponse)
    }

    @Test func slowResponseWriteIsBoundedByTheRequestTimeout() {
        var machine = makeMachine()
        _ = machine.responseStarted(isKeepAlive: true)
        clock.advance(by: .seconds(10))
        #expect(machine.timeoutFired() == .closeConnection)
    }

    @Test func closingResponseLingersThenCloses() {
        var machine = makeMachine()
        #expect(machine.responseStarted(isKeepAlive: false) == true)
        #expect(machine.responseFinished() == .startClosing)
        #expect(machine.state == .closing(deadline: at(2)))
        clock.advance(by: .seconds(2))
        #expect(machine.timeoutFired() == .closeConnection)
    }

    @Test func drainingMakesTheNextResponseClose() {
        var machine = makeMachine()
        machine.beginDraining()
        #expect(machine.responseStarted(isKeepAlive: true) == true)
        #expect(machine.responseFinished() == .startClosing)
    }

    @Test func drainingStillAnswersARequestAlreadyPipelined() {
        var machine = makeMachine()
        machine.beginDraining()
        #expect(machine.responseStarted(isKeepAlive: true, hasPipelinedRequest: true) == false)
        #expect(machine.responseFinished() == .awaitNextRequest)
        #expect(machine.responseStarted(isKeepAlive: true, hasPipelinedRequest: false) == true)
    }

    @Test func closeIfIdleClosesOnlyIdleConnections() {
        var receiving = makeMachine()
        #expect(receiving.closeIfIdle() == false)
        #expect(receiving.responseStarted(isKeepAlive: true) == true, "closes after its response instead")

        var idle = makeMachine()
        _ = idle.responseStarted(isKeepAlive: true)
        _ = idle.responseFinished()
        #expect(idle.closeIfIdle() == true)
    }
}
