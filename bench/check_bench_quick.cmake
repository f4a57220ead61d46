# Runs `backprop-bench --quick` (ctest: bench_quick) and checks that it exits 0,
# prints a ratio line with both test accuracies for each of W1, W2 and W3, and W2's
# peak memory in backprop-cli below 2 × the training images in float (issue 5).
# Usage: cmake -DBENCH=/path/to/backprop-bench -P check_bench_quick.cmake
if(NOT BENCH)
    message(FATAL_ERROR "pass -DBENCH=<path to backprop-bench>")
endif()
execute_process(COMMAND ${BENCH} --quick
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "backprop-bench --quick exited with ${rc}:\n${err}")
endif()
foreach(w W1 W2 W3)
    if(NOT out MATCHES
       "${w} core/FANN ratio: [0-9]+\\.[0-9]+ \\(test accuracy: core [0-9.]+%, FANN [0-9.]+%\\)")
        message(FATAL_ERROR "no ratio line with test accuracies for ${w}")
    endif()
endforeach()
if(NOT out MATCHES
   "W2 backprop-cli peak memory: [0-9.]+ MiB \\(dataset in float: [0-9.]+ MiB; ratio ([0-9]+)\\.([0-9]+), limit 2\\)")
    message(FATAL_ERROR "no W2 backprop-cli peak memory line")
endif()
if(CMAKE_MATCH_1 GREATER_EQUAL 2)
    message(FATAL_ERROR "W2's peak memory in backprop-cli is ${CMAKE_MATCH_1}.${CMAKE_MATCH_2} × "
                        "the dataset in float, over the limit of 2")
endif()
