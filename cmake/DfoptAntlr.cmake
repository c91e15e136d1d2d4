# Generates C++ from an ANTLR grammar into the build tree.
#
# Debian's antlr4.jar has no Class-Path in its manifest, so `java -jar antlr4.jar` (what the
# packaged antlr4_generate() runs) cannot find the ANTLR runtime, StringTemplate and friends.
# Debian's `antlr4` launcher sets that class path, so we call it instead.
find_program(DFOPT_ANTLR4_TOOL antlr4 REQUIRED)

# dfopt_antlr_generate(<out-var> <grammar.g4> [LIB <dir>] [DEPENDS <files>...])
# Sets <out-var> to the generated .cpp files; headers are in ${DFOPT_ANTLR_OUTPUT_DIR}.
set(DFOPT_ANTLR_OUTPUT_DIR ${CMAKE_BINARY_DIR}/grammar)
function(dfopt_antlr_generate out_var grammar)
  cmake_parse_arguments(ARG "" "LIB" "DEPENDS" ${ARGN})
  get_filename_component(name ${grammar} NAME_WE)
  set(out ${DFOPT_ANTLR_OUTPUT_DIR})
  set(lib_option)
  if(ARG_LIB)
    set(lib_option -lib ${ARG_LIB})
  endif()
  add_custom_command(
    OUTPUT ${out}/${name}.cpp ${out}/${name}.h ${out}/${name}.tokens ${out}/${name}.interp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${out}
    COMMAND ${DFOPT_ANTLR4_TOOL} -Werror -Dlanguage=Cpp -no-listener -no-visitor
            -package dfopt::grammar ${lib_option} -Xexact-output-dir -o ${out} ${grammar}
    MAIN_DEPENDENCY ${grammar}
    DEPENDS ${ARG_DEPENDS}
    COMMENT "Generating ${name} from ${grammar}"
    VERBATIM)
  set(${out_var} ${out}/${name}.cpp PARENT_SCOPE)
endfunction()
