# CLI test of `jixiao check`: exit statuses, the text and JSON outputs, languages.
# Called by ctest with -DJIXIAO=<binary> -DDATA=<tests/data> -DCORPUS=<corpus> -DWORK=<scratch dir>.

include(${CMAKE_CURRENT_LIST_DIR}/helpers.cmake)

set(consistent ${DATA}/check/consistent.txt)
set(over ${DATA}/check/score-over-weight.txt)

# a consistent form: nothing to say, exit 0, no summary when the output is not a terminal
expect_run(0 ${JIXIAO} check ${consistent})
if(NOT last_out STREQUAL "")
  message(FATAL_ERROR "check of a consistent form printed:\n${last_out}")
endif()
expect_run(0 ${JIXIAO} check --summary ${consistent})
expect_contains("${last_out}" "1 file: 0 errors, 0 warnings, 0 info" "summary line")

# a score above its weight: an error at its cell (table 1, row 8, column 8 counted from 1), exit 1
expect_run(1 ${JIXIAO} check ${over})
expect_contains("${last_out}" "score-over-weight.txt:1:8:8: error: check.score_over_weight: " "text finding")
expect_contains("${last_out}" "score 45 is above its weight 40 (指标“群众满意度”：得分 45 超过分值 40)" "both languages")
expect_run(1 ${JIXIAO} check --lang en ${over})
expect_lacks("${last_out}" "超过分值" "--lang en")
expect_run(1 ${JIXIAO} check --lang zh ${over})
expect_contains("${last_out}" "error: check.score_over_weight: 指标“群众满意度”：得分 45 超过分值 40" "--lang zh")
expect_lacks("${last_out}" "above its weight" "--lang zh")
# --severity hides less severe findings, never the exit status
expect_run(1 ${JIXIAO} check --severity error ${over} ${CORPUS}/text/central/jishan-yibao-2020.txt)
expect_lacks("${last_out}" "check.total_sum" "--severity error")

# JSON: an array of findings with path, form, code, severity, both messages and the 0-based cell
expect_run(1 ${JIXIAO} check --format json ${consistent} ${over})
string(JSON n LENGTH "${last_out}")
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one finding, got ${n}:\n${last_out}")
endif()
string(JSON code GET "${last_out}" 0 code)
string(JSON level GET "${last_out}" 0 severity)
string(JSON zh GET "${last_out}" 0 message_zh)
string(JSON form GET "${last_out}" 0 form)
string(JSON row GET "${last_out}" 0 at row)
string(JSON col GET "${last_out}" 0 at col)
string(JSON path GET "${last_out}" 0 path)
if(NOT code STREQUAL "check.score_over_weight" OR NOT level STREQUAL "error" OR NOT form EQUAL 0 OR NOT row EQUAL 7 OR NOT col EQUAL 7)
  message(FATAL_ERROR "JSON finding: ${code} ${level} form ${form} at ${row},${col}")
endif()
expect_contains("${zh}" "得分 45 超过分值 40" "JSON message_zh")
expect_contains("${path}" "score-over-weight.txt" "JSON path")

# the corpus: the central 稷山 form has warnings and information only (exit 0); its total adds up
# only with the unrounded execution score. The seed's funds do not add up (273 + 2 ≠ 274).
expect_run(0 ${JIXIAO} check ${CORPUS}/docx/central/jishan-yibao-2020.docx)
expect_contains("${last_out}" "info: check.total_sum: total 94" "稷山 total")
execute_process(COMMAND ${JIXIAO} check --format json - INPUT_FILE ${CORPUS}/text/hunan/nanyue-canlian-2020.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
string(JSON first GET "${out}" 0 code)
string(JSON stdin_path GET "${out}" 0 path)
string(JSON message GET "${out}" 0 message)
if(NOT rc EQUAL 1 OR NOT first STREQUAL "check.funds_sum" OR NOT stdin_path STREQUAL "-")
  message(FATAL_ERROR "seed from standard input: ${first} ${stdin_path} (exit ${rc})")
endif()
expect_contains("${message}" "275 万元" "seed funds")
# `dump` reads the same form with its findings in the JSON, and exits 0: the form was read completely
expect_run(0 ${JIXIAO} dump --no-tables ${CORPUS}/text/hunan/nanyue-canlian-2020.txt)
expect_contains("${last_out}" "check.funds_sum" "dump carries the findings")

# unreadable files are findings and exit 1; a file with no form is a warning
expect_run(1 ${JIXIAO} check ${consistent} ${WORK}/does-not-exist.txt)
expect_contains("${last_out}" "does-not-exist.txt: error: check.unreadable: " "unreadable")
expect_run(1 ${JIXIAO} check ${DATA}/bad-utf8.txt)
file(WRITE ${WORK}/no-form.txt "\t只是一段文字\n")
expect_run(0 ${JIXIAO} check ${WORK}/no-form.txt)
expect_contains("${last_out}" "warning: check.no_form" "no form")

# usage errors: exit 2
expect_run(2 ${JIXIAO} check)
expect_run(2 ${JIXIAO} check --format yaml ${consistent})
expect_run(2 ${JIXIAO} check --lang fr ${consistent})
