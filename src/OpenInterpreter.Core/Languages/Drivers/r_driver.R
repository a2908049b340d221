# Runs cells of R for OpenInterpreter.Core's RSession in one persistent global environment.
#
# Protocol (see DriverProcess.cs): requests "cell<TAB>fence<TAB>byte-count", each followed by that many bytes of the
# cell's UTF-8 code, arrive on the requests FIFO (first argument); "ready", "start<TAB>fence", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to
# the control FIFO (second). After each cell the fence is written to stdout and stderr so the host knows it has all of
# the cell's output. The driver's own objects live in a private environment, not in the user's global one.
local({
  args <- commandArgs(trailingOnly = TRUE)
  # Binary, so that readChar takes the cell's bytes from where readLines left off.
  requests <- file(args[[1]], open = "rb", blocking = TRUE, raw = TRUE)
  control <- file(args[[2]], open = "w", blocking = TRUE, raw = TRUE)
  # Warnings are printed as they happen, as at the console, not saved for a top level this loop never reaches.
  options(warn = 1)

  send <- function(...) {
    fields <- gsub("[\t\r\n]", " ", vapply(list(...), as.character, ""))
    writeLines(paste(fields, collapse = "\t"), control, useBytes = TRUE)
    flush(control)
  }

  one_line <- function(condition) {
    message <- strsplit(conditionMessage(condition), "\n", fixed = TRUE)[[1]]
    paste0("Error: ", if (length(message) > 0) message[[1]] else "")
  }

  report <- function(condition) {
    call <- conditionCall(condition)
    where <- if (is.null(call)) "" else paste0(" in ", paste(deparse(call, nlines = 1), collapse = ""))
    cat("Error", where, ": ", conditionMessage(condition), "\n", sep = "", file = stderr())
  }

  run_cell <- function(number, code) {
    lines <- strsplit(code, "\r?\n")[[1]]
    expressions <- tryCatch(
      parse(text = lines, keep.source = TRUE, srcfile = srcfilecopy(sprintf("<cell-%d>", number), lines)),
      error = function(e) e)
    if (inherits(expressions, "error")) {
      report(expressions)
      return(c("error", one_line(expressions)))
    }
    sources <- attr(expressions, "srcref")
    tryCatch({
      for (i in seq_along(expressions)) {
        if (!is.null(sources)) send("line", sources[[i]][[1]])
        # Evaluated and auto-printed as at the console: a visible value is printed, an assignment is not.
        result <- withVisible(eval(expressions[[i]], globalenv()))
        if (result$visible) print(result$value)
      }
      c("ok", "")
    }, interrupt = function(i) {
      cat("Interrupted\n", file = stderr())
      c("interrupted", "interrupted")
    }, error = function(e) {
      report(e)
      c("error", one_line(e))
    })
  }

  write_fence <- function(fence) {
    # A sink() the cell left open would swallow the fence.
    while (sink.number() > 0) sink()
    cat(fence, file = stdout())
    flush(stdout())
    cat(fence, file = stderr())
    flush(stderr())
  }

  number <- 0
  send("ready")
  repeat {
    # A SIGINT that lands between cells must not end the session.
    line <- tryCatch(readLines(requests, n = 1, warn = FALSE), interrupt = function(i) NA_character_)
    if (length(line) == 0) break
    if (is.na(line)) next
    # R does not break a blocked read for SIGINT: it leaves the interrupt pending, to fire at the next check, which
    # would be inside the next cell. Give it a check here, where it is dropped.
    tryCatch(Sys.sleep(0), interrupt = function(i) NULL)
    parts <- strsplit(line, "\t", fixed = TRUE)[[1]]
    if (length(parts) != 3 || parts[[1]] != "cell" || !grepl("^[0-9]+$", parts[[3]])) next
    size <- as.integer(parts[[3]])
    code <- if (size > 0) readChar(requests, size, useBytes = TRUE) else ""
    Encoding(code) <- "UTF-8"
    number <- number + 1
    outcome <- tryCatch({
      send("start", parts[[2]])
      run_cell(number, code)
    }, interrupt = function(i) c("interrupted", "interrupted"))
    write_fence(parts[[2]])
    send("done", parts[[2]], outcome[[1]], outcome[[2]])
  }
})
