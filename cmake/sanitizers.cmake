# -DDACL_SANITIZE=address,undefined (or thread): build this project's code with the compiler's
# sanitizers (issue 18 §9). Third-party libraries (LibTorch, Qt, FFTW, SQLite) stay as Debian ships
# them, uninstrumented: ASan and UBSan check our code and what it passes them; TSan cannot see the
# locks inside uninstrumented Qt (QMutex waits on a futex), so it may report a race on data that
# Qt's own locks protect.
#   cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACL_SANITIZE=address,undefined
# -DDACL_SANITIZE_TARGETS=dacl_ui (a list): instrument only those targets and the tests; everything
# else compiles as usual (cache hits from a normal build of the same type) and the sanitizer's
# runtime is linked into every executable. For TSan on the GUI's threads without an hour of
# rebuilding LibTorch code:
#   cmake -S . -B build-tsan-ui -DCMAKE_BUILD_TYPE=Release -DDACL_SANITIZE=thread -DDACL_SANITIZE_TARGETS=dacl_ui
set(DACL_SANITIZE "" CACHE STRING "Sanitizers: address,undefined | thread | empty (none)")
set(DACL_SANITIZE_TARGETS "" CACHE STRING "With DACL_SANITIZE: instrument only these targets and the tests (empty: all)")

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
  set(DACL_SANITIZE_FLAGS -fsanitize=${DACL_SANITIZE} -fno-omit-frame-pointer -g)
  if("undefined" IN_LIST _dacl_sanitizers)
    list(APPEND DACL_SANITIZE_FLAGS -fno-sanitize-recover=undefined)
  endif()
  add_link_options(-fsanitize=${DACL_SANITIZE})
  if(NOT DACL_SANITIZE_TARGETS)
    add_compile_options(${DACL_SANITIZE_FLAGS})
  endif()
  message(STATUS "Sanitizers: ${DACL_SANITIZE} ${DACL_SANITIZE_TARGETS}")
endif()

# Called where every target exists (end of tests/CMakeLists.txt): instruments the targets that
# DACL_SANITIZE_TARGETS names.
function(dacl_sanitize_listed_targets)
  if("thread" IN_LIST _dacl_sanitizers)
    # The dynamic loader runs the target_clones resolvers of the scattering kernels before TSan's
    # runtime exists, and their instrumented entry crashes every program that links them (SIGSEGV
    # in the resolver). The kernels are pure arithmetic on their arguments: nothing for TSan.
    set_source_files_properties(${DACL_SOURCE_ROOT}/core/dsp/scattering_kernels.cpp DIRECTORY ${DACL_SOURCE_ROOT}/core
                                PROPERTIES COMPILE_OPTIONS -fno-sanitize=thread)
  endif()
  if(DACL_SANITIZE AND DACL_SANITIZE_TARGETS)
    foreach(t IN LISTS DACL_SANITIZE_TARGETS)
      if(NOT TARGET ${t})
        message(FATAL_ERROR "DACL_SANITIZE_TARGETS: no target '${t}'")
      endif()
      target_compile_options(${t} PRIVATE ${DACL_SANITIZE_FLAGS})
    endforeach()
  endif()
endfunction()
