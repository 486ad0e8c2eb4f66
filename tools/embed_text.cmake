# Embeds a text file in a C++ header as a raw string constant, at build time:
#   cmake -DIN=file -DOUT=header.h -DNAME=kConstant -P embed_text.cmake
file(READ "${IN}" content)
string(FIND "${content}" ")c2w_embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string delimiter )c2w_embedded\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by tools/embed_text.cmake: do not edit.\n#pragma once\n"
  "constexpr const char* ${NAME} = R\"c2w_embedded(${content})c2w_embedded\";\n")
file(RENAME "${OUT}.tmp" "${OUT}")
