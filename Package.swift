// swift-tools-version: 6.1
// wijkstat: area statistics for Dutch PC-4 areas and gemeenten, built on GDAL.
//
// Targets, from the bottom up:
//   CGDAL         system library: GDAL/OGR/OSR/CPL C headers via pkg-config `gdal`
//   GDALBridge    the only code that imports CGDAL; owns every C handle
//   CGLPK         system library: GLPK's C header (Debian libglpk-dev)
//   GLPKBridge    the only code that imports CGLPK: bounds of cells under linear constraints
//   CLAPACK       system library: LAPACK and BLAS (Debian liblapack-dev, libblas-dev)
//   LAPACKBridge  the only code that imports CLAPACK: the count models' linear algebra
//   CZlib         system library: zlib (Debian zlib1g-dev)
//   ZlibBridge    the only code that imports CZlib: raw deflate and CRC-32 for tables.xlsx
//   WijkstatCore  pure Swift: areas, keys, tables, statistics, classification, rendering
//   WijkstatIO    reads boundaries and tables through GDALBridge into core values, writes maps
//                 and the workbook (its zip through ZlibBridge)
//   WijkstatPipeline  what the commands do, as library functions: the joined inputs, the
//                 analysis context, the run of a project, its maps and report, the demos
//   wijkstat      the command-line tool (swift-argument-parser): Commands/ and Options/ only
//   WijkstatBenchData  generated benchmark inputs (tessellations, panels); tests and the bench only
//   wijkstat-bench  the benchmark (BENCHMARKS.md), not part of the user's binary
import PackageDescription

// Every target, the tests included, compiles in the Swift 6 language mode, which checks
// data-race safety completely (every value shared between tasks is `Sendable`, every
// global is safe): `swiftLanguageModes` at the bottom; `swift6` says it again on the
// library and executable targets.
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
  name: "wijkstat",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "wijkstat", targets: ["wijkstat"]),
    .executable(name: "wijkstat-bench", targets: ["wijkstat-bench"]),
    .library(name: "WijkstatCore", targets: ["WijkstatCore"]),
    .library(name: "WijkstatIO", targets: ["WijkstatIO"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CGDAL",
      pkgConfig: "gdal",
      providers: [.apt(["libgdal-dev", "libproj-dev"])]
    ),
    .target(name: "GDALBridge", dependencies: ["CGDAL"], swiftSettings: swift6),
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    .target(name: "GLPKBridge", dependencies: ["CGLPK", "WijkstatCore"], swiftSettings: swift6),
    .systemLibrary(name: "CLAPACK", providers: [.apt(["liblapack-dev", "libblas-dev"])]),
    .target(
      name: "LAPACKBridge", dependencies: ["CLAPACK", "WijkstatCore"], swiftSettings: swift6),
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "ZlibBridge", dependencies: ["CZlib"], swiftSettings: swift6),
    .target(name: "WijkstatCore", swiftSettings: swift6),
    .target(
      name: "WijkstatIO",
      dependencies: [
        "GDALBridge", "WijkstatCore", "ZlibBridge",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swift6
    ),
    .target(
      name: "WijkstatPipeline",
      dependencies: ["WijkstatCore", "WijkstatIO", "GLPKBridge", "LAPACKBridge"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .executableTarget(
      name: "wijkstat",
      dependencies: [
        "WijkstatPipeline", "WijkstatCore", "WijkstatIO",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Release builds carry the Swift runtime and Foundation inside (as
      // `--static-swift-stdlib`): the tool then runs where no Swift toolchain is
      // installed, and starts and calls into the runtime faster (BENCHMARKS.md).
      swiftSettings: [
        .swiftLanguageMode(.v6),
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
      ],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
      ]
    ),
    .target(name: "WijkstatBenchData", dependencies: ["WijkstatCore"]),
    // The benchmark: times the stages in its own child processes and the `wijkstat`
    // binary beside it as whole processes; built like `wijkstat` (static runtime).
    .executableTarget(
      name: "wijkstat-bench",
      dependencies: [
        "WijkstatPipeline", "WijkstatBenchData", "WijkstatCore", "WijkstatIO", "GDALBridge",
        "LAPACKBridge",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [
        .swiftLanguageMode(.v6),
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
      ],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
      ]
    ),
    .testTarget(
      name: "WijkstatCoreTests",
      dependencies: ["WijkstatCore", "WijkstatBenchData", "GLPKBridge", "LAPACKBridge"]),
    // What the test targets share: the real files in ../shared/data/nl (skipped where
    // absent, failing under CI=true) and the runner of child processes.
    .target(name: "WijkstatTestSupport", path: "Tests/WijkstatTestSupport"),
    .testTarget(name: "GDALBridgeTests", dependencies: ["GDALBridge", "WijkstatTestSupport"]),
    .testTarget(
      name: "WijkstatIOTests",
      dependencies: [
        "WijkstatIO", "WijkstatCore", "WijkstatBenchData", "GDALBridge", "LAPACKBridge",
        "ZlibBridge", "WijkstatTestSupport",
      ]),
    .testTarget(
      name: "WijkstatCLITests",
      dependencies: [
        "WijkstatIO", "WijkstatCore", "GDALBridge", "GLPKBridge", "LAPACKBridge",
        "WijkstatTestSupport",
      ]),
    .testTarget(
      name: "WijkstatPipelineTests",
      dependencies: ["WijkstatPipeline", "WijkstatIO", "WijkstatCore", "WijkstatTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
