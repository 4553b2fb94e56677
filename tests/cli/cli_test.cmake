# CLI smoke test: exit statuses and output of `jixiao dump`.
# Called by ctest with -DJIXIAO=<binary> -DSEED=<seed form> -DDATA=<tests/data> -DWORK=<scratch dir>.

include(${CMAKE_CURRENT_LIST_DIR}/helpers.cmake)

# JSON of the seed: read, exit 0
expect_run(0 ${JIXIAO} dump ${SEED})
expect_contains("${last_out}" "\"schema\": \"jixiao/1\"" "dump json")
expect_contains("${last_out}" "\"kind\": \"department\"" "dump json")
expect_contains("${last_out}" "\"tables\"" "dump json")

# --no-tables --compact: one line, no tables
expect_run(0 ${JIXIAO} dump --no-tables --compact ${SEED})
string(FIND "${last_out}" "\"tables\"" pos)
if(NOT pos EQUAL -1)
  message(FATAL_ERROR "--no-tables still wrote tables")
endif()

# standard input
execute_process(COMMAND ${JIXIAO} dump --no-tables - INPUT_FILE ${SEED} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dump - exited ${rc}")
endif()
expect_contains("${out}" "\"path\": \"-\"" "stdin source path")
expect_contains("${out}" "衡阳市南岳区残疾人联合会" "stdin content")

# text format
expect_run(0 ${JIXIAO} dump --format text ${SEED})
expect_contains("${last_out}" "衡阳市南岳区残疾人联合会" "dump text")
expect_contains("${last_out}" "┌" "dump text grid")

# unreadable inputs: exit 2 with a message naming the problem
expect_run(2 ${JIXIAO} dump ${WORK}/does-not-exist.txt)
expect_contains("${last_err}" "does-not-exist.txt" "missing file message")
expect_run(2 ${JIXIAO} dump ${DATA}/bad-utf8.txt)
expect_contains("${last_err}" "invalid UTF-8 at byte 5" "encoding message")

# one bad input among good ones: the good ones are still written
expect_run(2 ${JIXIAO} dump ${SEED} ${WORK}/does-not-exist.txt)
expect_contains("${last_out}" "jixiao/1" "good input before a bad one")

# usage errors: exit 2
expect_run(2 ${JIXIAO} dump --format yaml ${SEED})
expect_run(2 ${JIXIAO})
expect_run(0 ${JIXIAO} --version)
expect_contains("${last_out}" "jixiao 0." "version")

# jixiao value: one value cell per text, JSON, exit 0
expect_run(0 ${JIXIAO} value "≥80%" "每年一次" "良好")
expect_contains("${last_out}" "\"schema\": \"jixiao/1\"" "value json")
expect_contains("${last_out}" "\"value\": 0.8" "value ≥80%")
expect_contains("${last_out}" "\"unit\": \"次/年\"" "value 每年一次")
expect_contains("${last_out}" "\"kind\": \"qualitative\"" "value 良好")
# an actual against its target: the verdict, and the ratio read as a percent
expect_run(0 ${JIXIAO} value --compact --as actual --target "≥80%" 0.8)
expect_contains("${last_out}" "\"verdict\":\"met\"" "value verdict")
expect_contains("${last_out}" "value.ratio_as_percent" "value ratio diagnostic")
# context: a money row
expect_run(0 ${JIXIAO} value --compact --context 成本指标 "≤2,53万")
expect_contains("${last_out}" "\"dimension\":\"money\"" "value money context")
expect_contains("${last_out}" "value.ambiguous_comma" "value comma warning")
# usage errors: exit 2
expect_run(2 ${JIXIAO} value)
expect_run(2 ${JIXIAO} value --as column 5)

# --ocr: any input read as OCR output; a letter O between digits is flagged, the text kept
file(WRITE ${WORK}/ocr-form.txt "\t三级指标\n\t指标值\n\t实际完成值\n\n\t验收合格率\n\t≥95%\n\t1O0%\n\n\n")
expect_run(0 ${JIXIAO} dump --compact ${WORK}/ocr-form.txt)
string(FIND "${last_out}" "value.ocr_suspect" pos)
if(NOT pos EQUAL -1)
  message(FATAL_ERROR "value.ocr_suspect without --ocr")
endif()
expect_run(0 ${JIXIAO} dump --compact --ocr ${WORK}/ocr-form.txt)
expect_contains("${last_out}" "value.ocr_suspect" "dump --ocr")
expect_contains("${last_out}" "\"raw\":\"1O0%\"" "dump --ocr keeps the text")
expect_run(0 ${JIXIAO} check --all --ocr ${WORK}/ocr-form.txt)
expect_contains("${last_out}" "value.ocr_suspect" "check --ocr")
expect_run(0 ${JIXIAO} convert --ocr ${WORK}/ocr-form.txt -o ${WORK}/ocr-form.jsonl --no-progress)
file(READ ${WORK}/ocr-form.jsonl converted)
expect_contains("${converted}" "value.ocr_suspect" "convert --ocr")
