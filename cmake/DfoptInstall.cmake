# Installed files besides the binary, and the Debian package (CPack).
#
# The manual page and the bash, zsh and fish completions are generated at build time by the
# hidden `dfopt generate` command, which walks the CLI11 definition: they always match the
# options of the binary they are installed with.
include(GNUInstallDirs)

install(TARGETS dfopt RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(DFOPT_GENERATED_DIR ${PROJECT_BINARY_DIR}/share)
set(DFOPT_MAN_PAGE ${DFOPT_GENERATED_DIR}/man/man1/dfopt.1)
set(DFOPT_BASH_COMPLETION ${DFOPT_GENERATED_DIR}/bash-completion/completions/dfopt)
set(DFOPT_ZSH_COMPLETION ${DFOPT_GENERATED_DIR}/zsh/vendor-completions/_dfopt)
set(DFOPT_FISH_COMPLETION ${DFOPT_GENERATED_DIR}/fish/vendor_completions.d/dfopt.fish)
add_custom_command(
  OUTPUT ${DFOPT_MAN_PAGE} ${DFOPT_BASH_COMPLETION} ${DFOPT_ZSH_COMPLETION}
         ${DFOPT_FISH_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${DFOPT_GENERATED_DIR}/man/man1
          ${DFOPT_GENERATED_DIR}/bash-completion/completions
          ${DFOPT_GENERATED_DIR}/zsh/vendor-completions
          ${DFOPT_GENERATED_DIR}/fish/vendor_completions.d
  COMMAND dfopt generate man --output ${DFOPT_MAN_PAGE}
  COMMAND dfopt generate completions bash --output ${DFOPT_BASH_COMPLETION}
  COMMAND dfopt generate completions zsh --output ${DFOPT_ZSH_COMPLETION}
  COMMAND dfopt generate completions fish --output ${DFOPT_FISH_COMPLETION}
  DEPENDS dfopt
  COMMENT "Generating the dfopt manual page and shell completions"
  VERBATIM)
add_custom_target(dfopt_generated_docs ALL
  DEPENDS ${DFOPT_MAN_PAGE} ${DFOPT_BASH_COMPLETION} ${DFOPT_ZSH_COMPLETION}
          ${DFOPT_FISH_COMPLETION})

install(FILES ${DFOPT_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${DFOPT_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${DFOPT_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${DFOPT_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# `cpack -G DEB` in the build directory builds dfopt_<version>_<arch>.deb. Its Depends line is
# computed by dpkg-shlibdeps from the libraries the binary links (libantlr4-runtime, libfmt,
# libsqlite3, libyaml-cpp, libstdc++...), so it follows the build machine's Debian release.
set(CPACK_PACKAGE_NAME dfopt)
set(CPACK_PACKAGE_VENDOR "dfopt contributors")
set(CPACK_PACKAGE_CONTACT "dfopt maintainers <dfopt@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "shellcheck")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Dockerfile static analyzer and optimizer\ndfopt checks Dockerfiles for correctness, \
security, image size and build cache problems, fixes many of them, and reports in text, JSON, \
SARIF, Checkstyle, GitLab Code Quality, GitHub and JUnit formats.")
set(CPACK_STRIP_FILES ON)
include(CPack)
