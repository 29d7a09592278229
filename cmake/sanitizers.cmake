# -DDACL_SANITIZE=address,undefined (or thread): build every target of this project with the
# compiler's sanitizers (issue 18 §9). Third-party libraries (LibTorch, Qt, FFTW, SQLite) stay as
# Debian ships them, uninstrumented: ASan and UBSan check our code and what it passes them; TSan
# may report races inside uninstrumented libraries that are not ours.
#   cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACL_SANITIZE=address,undefined
set(DACL_SANITIZE "" CACHE STRING "Sanitizers: address,undefined | thread | empty (none)")

if(DACL_SANITIZE)
  string(REPLACE "," ";" _dacl_sanitizers "${DACL_SANITIZE}")
  foreach(_s IN LISTS _dacl_sanitizers)
    if(NOT _s MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "DACL_SANITIZE: unknown sanitizer '${_s}' (address, undefined, thread, leak)")
    endif()
  endforeach()
  if("thread" IN_LIST _dacl_sanitizers AND ("address" IN_LIST _dacl_sanitizers OR "leak" IN_LIST _dacl_sanitizers))
    message(FATAL_ERROR "DACL_SANITIZE: thread cannot be combined with address or leak")
  endif()
  # Frame pointers and line tables for readable reports; undefined behaviour stops the program
  # (a test fails) instead of printing a line that CI would never look at.
  add_compile_options(-fsanitize=${DACL_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${DACL_SANITIZE})
  if("undefined" IN_LIST _dacl_sanitizers)
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  message(STATUS "Sanitizers: ${DACL_SANITIZE}")
endif()
