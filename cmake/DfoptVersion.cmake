# Writes version.cpp (DFOPT_VERSION and the git commit of SOURCE_DIR) to OUTPUT. Run at build
# time with `cmake -P`, so each build sees the current commit; configure_file leaves OUTPUT
# untouched when nothing changed, so only that one file recompiles after a commit.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -DTEMPLATE=... -DDFOPT_VERSION=... -P DfoptVersion.cmake
set(DFOPT_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" describe --always --abbrev=12
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  OUTPUT_VARIABLE _describe OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE _result ERROR_QUIET)
  if(_result EQUAL 0 AND NOT _describe STREQUAL "")
    set(DFOPT_GIT_COMMIT "${_describe}")
  endif()
endif()
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
