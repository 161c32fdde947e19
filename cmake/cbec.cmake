# Shared build settings for every cbec module.

set(CBEC_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                  -Wimplicit-fallthrough -Wno-missing-field-initializers)
if(CBEC_WERROR)
  list(APPEND CBEC_WARNINGS -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GCC" OR CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 at -O3 reports false positives inside libstdc++ (std::map<Bytes,...>
  # comparisons, string appends); and its TSan warns about atomic_thread_fence,
  # which Boost.Asio uses.
  list(APPEND CBEC_WARNINGS -Wno-stringop-overread -Wno-restrict -Wno-error=tsan)
endif()

set(CBEC_SAN_FLAGS "")
if(CBEC_SANITIZE)
  set(CBEC_SAN_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                     -fno-sanitize-recover=undefined)
elseif(CBEC_TSAN)
  set(CBEC_SAN_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
endif()
if(CBEC_FUZZ)
  # Coverage instrumentation for all code; the fuzzer main links per target.
  list(APPEND CBEC_SAN_FLAGS -fsanitize=fuzzer-no-link,address,undefined)
endif()
if(CBEC_SAN_FLAGS)
  add_compile_options(${CBEC_SAN_FLAGS})
  add_link_options(${CBEC_SAN_FLAGS})
endif()

# Warnings for our own targets only (not for third-party headers, which are
# included as SYSTEM by their imported targets).
function(cbec_module_options target)
  target_compile_options(${target} PRIVATE ${CBEC_WARNINGS})
endfunction()

# cbec_add_test(name src... LIBS lib... [LABELS label...])
# A GoogleTest executable registered test by test with CTest.
# In a fuzz build (CBEC_FUZZ) the target still exists, so module CMake files
# may refer to it, but it is not built by default nor registered: its code
# would carry the fuzzer instrumentation and only the fuzz targets are wanted.
include(GoogleTest)
function(cbec_add_test name)
  cmake_parse_arguments(ARG "" "" "LIBS;LABELS" ${ARGN})
  if(CBEC_FUZZ)
    add_executable(${name} EXCLUDE_FROM_ALL ${ARG_UNPARSED_ARGUMENTS})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
    return()
  endif()
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  cbec_module_options(${name})
  target_compile_definitions(${name} PRIVATE
      CBEC_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      CBEC_SHARED_DIR="${CMAKE_SOURCE_DIR}/../shared"
      CBEC_BIN_DIR="${CMAKE_BINARY_DIR}/bin")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
      PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# cbec_add_fuzzer(name src... LIBS lib...): a libFuzzer target, only with
# -DCBEC_FUZZ=ON and clang. See docs/fuzzing.md.
function(cbec_add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  if(NOT CBEC_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
endfunction()
