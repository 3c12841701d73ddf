import AdmissionRules
import ArgumentParser
import Logging
import TLS

/// The closed-choice flags of `serve`. Each is our own enum so `--help` lists the values and
/// the library types stay free of ArgumentParser (no retroactive conformances).
extension ServeCommand {
    enum TLSMinVersionChoice: String, CaseIterable, ExpressibleByArgument {
        case tls12 = "VersionTLS12"
        case tls13 = "VersionTLS13"

        var version: TLSVersion {
            switch self {
            case .tls12: .tls12
            case .tls13: .tls13
            }
        }
    }

    enum CrossNamespaceChoice: String, CaseIterable, ExpressibleByArgument {
        case deny, allow

        var policy: CrossNamespacePolicy {
            switch self {
            case .deny: .deny
            case .allow: .allow
            }
        }
    }

    enum FileLocationsChoice: String, CaseIterable, ExpressibleByArgument {
        case warn, deny

        var policy: FileLocationPolicy {
            switch self {
            case .warn: .warn
            case .deny: .deny
            }
        }
    }

    enum LogLevelChoice: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level {
            switch self {
            case .trace: .trace
            case .debug: .debug
            case .info: .info
            case .notice: .notice
            case .warning: .warning
            case .error: .error
            case .critical: .critical
            }
        }
    }

    enum ClusterCheckChoice: String, CaseIterable, ExpressibleByArgument {
        case off, warn, deny

        var mode: ClusterCheckMode {
            switch self {
            case .off: .off
            case .warn: .warn
            case .deny: .deny
            }
        }
    }

    enum ClusterCheckUnavailableChoice: String, CaseIterable, ExpressibleByArgument {
        case allow, deny

        var policy: ClusterCheckUnavailablePolicy {
            switch self {
            case .allow: .allow
            case .deny: .deny
            }
        }
    }
}
