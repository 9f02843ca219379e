# kws_warnings: the warning set applied to the project's own targets (not third-party code).
add_library(kws_warnings INTERFACE)
target_compile_options(kws_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
