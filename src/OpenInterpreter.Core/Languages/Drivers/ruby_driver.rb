# Runs cells of Ruby for OpenInterpreter.Core's RubySession in one persistent top-level binding.
#
# Protocol (see DriverProcess.cs): requests "cell<TAB>fence<TAB>byte-count", each followed by that many bytes of the
# cell's UTF-8 code, arrive on the requests FIFO (ARGV[0]);
# "ready", "start<TAB>fence", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO (ARGV[1]).
# After each cell the fence is written to stdout and stderr so the host knows it has all of the cell's output.
# Every name here starts with OI_ or __oi_ to stay out of the user's way.

OI_REQUESTS = File.open(ARGV[0], 'r')
OI_CONTROL = File.open(ARGV[1], 'w')
OI_CONTROL.sync = true
# Private copies of stdout and stderr (close-on-exec, as Ruby makes every fd): the fence still reaches the host when
# the user's code reopens or closes $stdout or $stderr.
OI_STDOUT = STDOUT.dup
OI_STDERR = STDERR.dup
# Local variables defined by one eval on a binding are visible to the next eval on the same binding object.
OI_BINDING = TOPLEVEL_BINDING.dup
# Output streams to the host as it is written, not when a buffer fills.
STDOUT.sync = true
STDERR.sync = true
ARGV.clear
$__oi_running = false

# A SIGINT is meant for the user's code; one that lands between cells must not end the session.
trap('INT') { raise Interrupt if $__oi_running }

def __oi_send(*fields)
  OI_CONTROL.write(fields.map { |f| f.to_s.tr("\t\r\n", '   ') }.join("\t") + "\n")
end

def __oi_one_line(error)
  first = error.message.to_s.lines.first.to_s.chomp
  first.empty? ? error.class.name : "#{error.class.name}: #{first}"
end

def __oi_report(error, filename)
  # The driver's frames mean nothing to the user: keep the cell's own and what it called.
  trace = (error.backtrace || []).reject { |frame| frame.start_with?(__FILE__) }
  text = "#{trace.first || filename}: #{error.message} (#{error.class.name})\n"
  trace.drop(1).each { |frame| text << "\tfrom #{frame}\n" }
  begin
    $stderr.write(text)
  rescue StandardError
    OI_STDERR.write(text)
  end
end

# Following the running line: a TracePoint on every line costs the code a block call per line and the host a control
# message per line change (and STDOUT.sync a write call per write), so they last only for the cell's first
# OI_TRACE_LINES lines of its own: a short cell is followed line by line however loaded the machine is, and a loop is
# handed after a fraction of a millisecond to a thread that samples the main thread's backtrace OI_SAMPLE_SECONDS
# apart and has the now buffered STDOUT flushed, so output still streams. (Tracing for a fixed time as well sent a
# tight loop's thousands of line changes of its first 20 ms to the host, a write each, for changes nobody can see.)
OI_TRACE_LINES = 500
OI_SAMPLE_SECONDS = 0.05

# STDOUT's buffer may be flushed only by the thread that writes it. MRI appends to it holding the GVL but no lock,
# while a flush writes it out without the GVL and then moves its offsets: a flush from the sampler thread that
# overlapped the main thread's writes sent bytes twice or lost them. So the sampler sends the process OI_FLUSH_SIGNAL,
# whose trap Ruby runs on the main thread at its next interrupt check (the signal also wakes it from a sleep or a
# blocking read), and the main thread flushes there. Not inside IO's own write methods, though: an
# interrupt check in writev (puts) comes while it holds a copy of the buffer's offsets, so a flush there doubles
# bytes too; that output is on its way out anyway. URG: ignored by default, and no Ruby program waits for it.
OI_FLUSH_SIGNAL = 'URG'
OI_WRITING = %w[write print puts printf putc << p pp display syswrite write_nonblock flush sync= fsync fdatasync close
                reopen].freeze
OI_FLUSH = proc do
  interrupted = caller_locations(1, 1)&.first
  next if interrupted && OI_WRITING.include?(interrupted.label)

  # An exception another thread raises into this one must reach the user's code, not the rescue below.
  Thread.handle_interrupt(Object => :never) do
    STDOUT.flush
  rescue StandardError
    nil
  end
end
trap(OI_FLUSH_SIGNAL, OI_FLUSH)

def __oi_run_cell(number, fence, code)
  filename = "<cell-#{number}>"
  main = Thread.current
  last = nil
  lines = 0
  sampler = nil
  tracer = TracePoint.new(:line) do |tp|
    next unless tp.path == filename

    if tp.lineno != last
      last = tp.lineno
      __oi_send('line', last)
    end
    lines += 1
    if lines >= OI_TRACE_LINES
      tp.disable
      sampler = __oi_start_sampler(main, filename, last)
    end
  end
  begin
    $__oi_running = true
    __oi_send('start', fence)
    tracer.enable
    OI_BINDING.eval(code, filename, 1)
    ['ok', '']
  rescue SystemExit => e
    # exit ends the cell, not the session.
    e.success? ? ['ok', ''] : ['error', "SystemExit: #{e.status}"]
  rescue Interrupt
    OI_STDERR.write("Interrupt\n")
    ['interrupted', 'Interrupt']
  rescue Exception => e # rubocop:disable Lint/RescueException -- a cell's ScriptError or SignalException is its own failure
    __oi_report(e, filename)
    ['error', __oi_one_line(e)]
  ensure
    tracer.disable
    $__oi_running = false
    __oi_stop_sampler(sampler)
  end
end

def __oi_start_sampler(main, filename, last)
  STDOUT.sync = false
  Thread.new do
    Thread.current.report_on_exception = false
    flushing = true
    until Thread.current[:__oi_stop]
      sleep OI_SAMPLE_SECONDS
      flushing &&= __oi_request_flush
      location = (main.backtrace_locations || []).find { |l| l.path == filename }
      if location && location.lineno != last
        last = location.lineno
        __oi_send('line', last)
      end
    end
  end
end

# Asks the main thread to flush STDOUT; false, with the signal left to the user's code, once that code trapped it.
def __oi_request_flush
  previous = trap(OI_FLUSH_SIGNAL, OI_FLUSH)
  unless previous.equal?(OI_FLUSH)
    trap(OI_FLUSH_SIGNAL, previous)
    return false
  end

  Process.kill(OI_FLUSH_SIGNAL, Process.pid)
  true
rescue StandardError
  false
end

# Waits for the sampler, so no line report of this cell arrives after its "done".
def __oi_stop_sampler(sampler)
  return if sampler.nil?

  sampler[:__oi_stop] = true
  begin
    sampler.wakeup
  rescue ThreadError
    nil
  end
  begin
    sampler.join
  rescue StandardError
    nil
  end
  STDOUT.sync = true
end

def __oi_flush
  [$stdout, $stderr, STDOUT, STDERR].each do |stream|
    stream.flush
  rescue StandardError
    nil
  end
end

def __oi_fence(io, fence)
  io.write(fence)
  io.flush
rescue StandardError
  nil
end

def __oi_serve
  number = 0
  __oi_send('ready')
  loop do
    raw = begin
      OI_REQUESTS.gets
    rescue Interrupt
      next
    end
    break if raw.nil?

    verb, fence, size = raw.chomp.split("\t")
    next unless verb == 'cell' && size
    code = OI_REQUESTS.read(size.to_i).to_s.force_encoding('UTF-8')

    number += 1
    status, message = begin
      __oi_run_cell(number, fence, code)
    rescue Interrupt
      # The interrupt landed in the driver's own code just before or after the cell.
      $__oi_running = false
      %w[interrupted Interrupt]
    end
    __oi_flush
    __oi_fence(OI_STDOUT, fence)
    __oi_fence(OI_STDERR, fence)
    __oi_send('done', fence, status, message)
  end
end

__oi_serve
