# Included from the top-level CMakeLists.txt: man pages and bash completion (made from the
# programs' own --help at build time), their install rules, the Debian package and its tests.
#   cpack -G DEB  (in the build folder, after a full build)  ->  dacl-studio_<version>_<arch>.deb
# packaging/build-deb.sh does all of it from a clean tree; packaging/test-deb.sh tests the package.

# --- Man pages and bash completion -------------------------------------------------------------
set(DACL_CLI_DOCS_DIR ${CMAKE_BINARY_DIR}/packaging/cli-docs)
set(DACL_CLI_DOCS ${DACL_CLI_DOCS_DIR}/man1/dacl.1.gz ${DACL_CLI_DOCS_DIR}/completions/dacl)
set(DACL_CLI_DOCS_PROGRAMS $<TARGET_FILE:dacl>)
set(DACL_CLI_DOCS_TARGETS dacl)
if(DACL_BUILD_GUI)
  list(APPEND DACL_CLI_DOCS ${DACL_CLI_DOCS_DIR}/man1/dacl-studio.1.gz)
  list(APPEND DACL_CLI_DOCS_PROGRAMS $<TARGET_FILE:dacl-studio>)
  list(APPEND DACL_CLI_DOCS_TARGETS dacl-studio)
endif()
find_program(HELP2MAN_EXECUTABLE help2man)
if(HELP2MAN_EXECUTABLE)
  add_custom_command(
    OUTPUT ${DACL_CLI_DOCS}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/cli-docs.sh ${DACL_CLI_DOCS_DIR} ${DACL_CLI_DOCS_PROGRAMS}
    DEPENDS ${DACL_CLI_DOCS_TARGETS}
      ${CMAKE_CURRENT_SOURCE_DIR}/packaging/cli-docs.sh ${CMAKE_CURRENT_SOURCE_DIR}/packaging/completion.sh
    COMMENT "Man pages and bash completion from every dacl --help"
    VERBATIM)
  add_custom_target(dacl_cli_docs ALL DEPENDS ${DACL_CLI_DOCS})
  list(FILTER DACL_CLI_DOCS INCLUDE REGEX "\\.1\\.gz$")
  install(FILES ${DACL_CLI_DOCS} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${DACL_CLI_DOCS_DIR}/completions/dacl
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
else()
  message(WARNING "help2man not found: no man pages and no bash completion (packaging/install-deps.sh installs it)")
endif()

# --- Debian package ------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dacl-studio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "DACL Studio developers")
set(CPACK_PACKAGE_CONTACT "DACL Studio developers <maintainers@daclstudio.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Diffusion-Augmented Contrastive Learning for ECG: desktop application and CLI")
set(CPACK_PACKAGE_DESCRIPTION
  "DACL Studio learns representations of ECG recordings (wavelet scattering, a Scattering
Transformer, a VAE and a diffusion-augmented contrastive encoder) and evaluates them on atrial
fibrillation detection. dacl-studio is the Qt desktop application (datasets, calibrated ECG
view, latent and diffusion views, training jobs, runs, ROC, t-SNE embedding, reports); dacl is
the headless command line of the same methods. Research software, not a diagnosis.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # dacl-studio_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Shared libraries (Qt, LibTorch, FFTW, matio, SQLite, XGBoost ...) by dpkg-shlibdeps. Qt's
# platform plugins come with libqt6gui6 and its SVG plugin with libqt6svg6, both found that way.
# Not linked, but wanted: OpenBLAS (the BLAS that packaging/install-deps.sh gives LibTorch), Qt's
# own German strings (file dialogs) and the Wayland platform plugin.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread, qt6-translations-l10n, qt6-wayland")
# No maintainer scripts: dpkg triggers refresh the icon cache, desktop and MIME databases.
include(CPack)

# --- Tests ------------------------------------------------------------------------------------------
if(DACL_BUILD_TESTS AND DACL_BUILD_GUI)
  # The icon as the user sees it, in the About dialog. Registered here, not under tests/, because it
  # links the icon resources (dacl_resources), which the tests/ rules do not.
  add_executable(test_about_icon ${CMAKE_CURRENT_SOURCE_DIR}/packaging/tests/test_about_icon.cpp)
  set_target_properties(test_about_icon PROPERTIES AUTOMOC ON)
  target_compile_options(test_about_icon PRIVATE ${DACL_WARNINGS})
  target_link_libraries(test_about_icon PRIVATE dacl_ui dacl_resources Qt6::Test)
  add_test(NAME test_about_icon COMMAND test_about_icon)
  set_tests_properties(test_about_icon PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 300)
  # The package: cpack, then the installed programs from an extracted .deb (needs a full build).
  add_test(NAME test_deb_package
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/test-deb.sh --build ${CMAKE_BINARY_DIR})
  set_tests_properties(test_deb_package PROPERTIES TIMEOUT 1200 LABELS package)
endif()
