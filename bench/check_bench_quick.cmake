# Runs `backprop-bench --quick` (ctest: bench_quick) and checks that it exits 0,
# prints a ratio line with both test accuracies for each of W1, W2 and W3, W1's health
# speed ratio line (issue 13), and W2's peak memory in backprop-cli below 2 × the
# training images in float (issue 5).
# With -DPEER_PYTORCH=ON (ctest: bench_quick_pytorch) it adds --peer-pytorch and also
# wants a core/PyTorch ratio line per workload, or the line saying that PyTorch was
# skipped because python3-torch is not installed (CI does not install it).
# Usage: cmake -DBENCH=/path/to/backprop-bench [-DPEER_PYTORCH=ON] -P check_bench_quick.cmake
if(NOT BENCH)
    message(FATAL_ERROR "pass -DBENCH=<path to backprop-bench>")
endif()
set(args --quick)
if(PEER_PYTORCH)
    list(APPEND args --peer-pytorch)
endif()
execute_process(COMMAND ${BENCH} ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "backprop-bench ${args} exited with ${rc}:\n${err}")
endif()
foreach(w W1 W2 W3)
    if(NOT out MATCHES
       "${w} core/FANN ratio: [0-9]+\\.[0-9]+ \\(test accuracy: core [0-9.]+%, FANN [0-9.]+%\\)")
        message(FATAL_ERROR "no ratio line with test accuracies for ${w}")
    endif()
endforeach()
# The per-layer health's cost at W1 (issue 13): the line is there; its figure is noisy
# in a quick run, so it is reported, not checked.
if(NOT out MATCHES "W1 health every 100 records over the last [0-9]+: speed ratio with/without [0-9]+\\.[0-9]+")
    message(FATAL_ERROR "no W1 health speed ratio line")
endif()
if(PEER_PYTORCH)
    if(out MATCHES "PyTorch peer: [^;]*(python3-torch is not installed|not found); skipping")
        message("PyTorch is not installed: only the skip was checked")
    else()
        foreach(w W1 W2 W3)
            if(NOT out MATCHES "${w} core/PyTorch ratio: [0-9]+\\.[0-9]+ \\(test accuracy: core [0-9.]+%, PyTorch [0-9.]+%\\)")
                message(FATAL_ERROR "no core/PyTorch ratio line with test accuracies for ${w}:\n${err}")
            endif()
        endforeach()
    endif()
endif()
if(NOT out MATCHES
   "W2 backprop-cli peak memory: [0-9.]+ MiB \\(dataset in float: [0-9.]+ MiB; ratio ([0-9]+)\\.([0-9]+), limit 2\\)")
    message(FATAL_ERROR "no W2 backprop-cli peak memory line")
endif()
if(CMAKE_MATCH_1 GREATER_EQUAL 2)
    message(FATAL_ERROR "W2's peak memory in backprop-cli is ${CMAKE_MATCH_1}.${CMAKE_MATCH_2} × "
                        "the dataset in float, over the limit of 2")
endif()
