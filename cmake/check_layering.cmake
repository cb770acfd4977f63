# Fails the build when a source file includes a header of a layer it must not
# depend on. The pipeline's direction (docs/architecture.md):
#
#   lang/syntax <- lang/check <- lang/compile -> bytecode <- vm <- runtime
#                                     ^                              ^
#                                     +------------ cli -------------+
#
# Each folder lists the include prefixes it may use (its own included).
# Run as: cmake -DSRC_DIR=<top> -P check_layering.cmake
set(allowed_bytecode "bytecode/")
set(allowed_lang_syntax "lang/syntax/")
set(allowed_lang_check "lang/syntax/;lang/check/")
set(allowed_lang_compile "lang/syntax/;lang/check/;lang/compile/;bytecode/")
set(allowed_vm "bytecode/;vm/")
set(allowed_runtime "bytecode/;vm/;runtime/")
set(allowed_cli "lang/syntax/;lang/check/;lang/compile/;bytecode/;vm/;runtime/;cli/")

set(errors "")
foreach(layer bytecode lang/syntax lang/check lang/compile vm runtime cli)
  string(REPLACE "/" "_" var ${layer})
  set(allowed ${allowed_${var}})
  file(GLOB_RECURSE files ${SRC_DIR}/${layer}/*.cpp ${SRC_DIR}/${layer}/*.hpp)
  foreach(f ${files})
    file(STRINGS ${f} includes REGEX "^#include \"[^\"]+\"")
    foreach(line ${includes})
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" header "${line}")
      set(ok FALSE)
      foreach(prefix ${allowed})
        string(FIND "${header}" "${prefix}" at)
        if(at EQUAL 0)
          set(ok TRUE)
        endif()
      endforeach()
      if(NOT ok)
        file(RELATIVE_PATH rel ${SRC_DIR} ${f})
        string(APPEND errors "  ${rel}: #include \"${header}\" (${layer}/ may include only: ${allowed})\n")
      endif()
    endforeach()
  endforeach()
endforeach()
if(errors)
  message(FATAL_ERROR "include against the layering direction:\n${errors}")
endif()
