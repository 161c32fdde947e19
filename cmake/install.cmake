# `cmake --install <build> --prefix P` installs the client SDK for other
# projects: the cbec CLI, the libraries cbec_sdk needs (sdk, ledger, crypto,
# base: static), their headers, and a package config, so that
#
#   find_package(cbec 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE cbec::sdk)
#
# is all an application writes (docs/sdk.md). The validator (cbec-node) is
# not part of this package: departments deploy it from the build directly
# (docs/operators).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(NOT TARGET cbec_sdk)
  return()
endif()

set(CBEC_INSTALL_TARGETS cbec_sdk cbec_ledger cbec_crypto cbec_base)
set_target_properties(cbec_sdk PROPERTIES EXPORT_NAME sdk)
set_target_properties(cbec_ledger PROPERTIES EXPORT_NAME ledger)
set_target_properties(cbec_crypto PROPERTIES EXPORT_NAME crypto)
set_target_properties(cbec_base PROPERTIES EXPORT_NAME base)
install(TARGETS ${CBEC_INSTALL_TARGETS} EXPORT cbecTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET cbec)
  install(TARGETS cbec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
foreach(module base crypto ledger)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/${module}/include/cbec/${module}
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cbec)
endforeach()
install(DIRECTORY ${CMAKE_SOURCE_DIR}/client-sdk/include/cbec/sdk
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cbec)

set(CBEC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cbec)
install(EXPORT cbecTargets NAMESPACE cbec:: DESTINATION ${CBEC_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/cbecConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/cbecConfig.cmake
                              INSTALL_DESTINATION ${CBEC_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cbecConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cbecConfig.cmake ${CMAKE_BINARY_DIR}/cbecConfigVersion.cmake
        DESTINATION ${CBEC_CMAKE_DIR})
