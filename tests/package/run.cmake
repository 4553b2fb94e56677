# Package tests: install the build tree into a scratch prefix, then build and
# run three consumers against it: find_package (C++), add_subdirectory (C++),
# pkg-config (C, libjixiao.so). Each reads a real form.
#   cmake -DBUILD=… -DSOURCE=… -DWORK=… -DFORM=… -DCC=… -DCXX=… -P run.cmake
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
set(prefix ${WORK}/prefix)
run("install" ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})

run("configure find_package consumer" ${CMAKE_COMMAND} -S ${SOURCE}/tests/package/cxx -B ${WORK}/cxx
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX})
run("build find_package consumer" ${CMAKE_COMMAND} --build ${WORK}/cxx)
run("run find_package consumer" ${WORK}/cxx/consumer ${FORM})
if(NOT last_out MATCHES "^1 78 met")
  message(FATAL_ERROR "find_package consumer printed: ${last_out}")
endif()

run("configure add_subdirectory consumer" ${CMAKE_COMMAND} -S ${SOURCE}/tests/package/subdir -B ${WORK}/subdir
    -DJIXIAO_SOURCE_DIR=${SOURCE} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)
run("build add_subdirectory consumer" ${CMAKE_COMMAND} --build ${WORK}/subdir --target consumer)
run("run add_subdirectory consumer" ${WORK}/subdir/consumer ${FORM})
if(NOT last_out MATCHES "^1 78 met")
  message(FATAL_ERROR "add_subdirectory consumer printed: ${last_out}")
endif()

set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run("pkg-config" pkg-config --cflags --libs jixiao)
string(STRIP "${last_out}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run("build C consumer" ${CC} -std=c99 -Wall -Wextra -Werror ${SOURCE}/tests/package/c/main.c ${flags} -o ${WORK}/c_consumer)
set(ENV{LD_LIBRARY_PATH} ${prefix}/lib)
run("run C consumer" ${WORK}/c_consumer ${FORM})
if(NOT last_out MATCHES "^department 2020 78 met >= 2 3")
  message(FATAL_ERROR "C consumer printed: ${last_out}")
endif()
# The shared library exports the C API and nothing else.
run("nm" nm -D --defined-only ${prefix}/lib/libjixiao.so)
string(REGEX MATCHALL "\n[0-9a-f]+ [A-Za-z] [^\n]+" symbols "\n${last_out}")
foreach(s IN LISTS symbols)
  if(NOT s MATCHES " (jixiao_[a-z_]+(@@?JIXIAO_0)?|JIXIAO_0)$")
    message(FATAL_ERROR "libjixiao.so exports a symbol outside the C API:${s}")
  endif()
endforeach()
message(STATUS "package consumers: find_package, add_subdirectory and pkg-config all read the form")
