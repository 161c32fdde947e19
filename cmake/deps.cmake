# Third-party libraries, all from Debian 12 packages (scripts/install-deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++)
find_package(nlohmann_json 3.10 REQUIRED)
if(CBEC_BENCH)
  find_package(benchmark REQUIRED)
endif()
