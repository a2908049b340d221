# Runs cells of Ruby for OpenInterpreter.Core's RubySession in one persistent top-level binding.
#
# Protocol (see DriverProcess.cs): requests "run<TAB>fence<TAB>cell-path" arrive on the requests FIFO (ARGV[0]);
# "ready", "line<TAB>n" and "done<TAB>fence<TAB>ok|error|interrupted<TAB>message" go to the control FIFO (ARGV[1]).
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

def __oi_run_cell(number, path)
  filename = "<cell-#{number}>"
  code = File.read(path, encoding: 'UTF-8')
  last = nil
  tracer = TracePoint.new(:line) do |tp|
    if tp.path == filename && tp.lineno != last
      last = tp.lineno
      __oi_send('line', tp.lineno)
    end
  end
  begin
    $__oi_running = true
    tracer.enable
    OI_BINDING.eval(code, filename, 1)
    tracer.disable
    $__oi_running = false
    ['ok', '']
  rescue SystemExit => e
    tracer.disable
    $__oi_running = false
    # exit ends the cell, not the session.
    e.success? ? ['ok', ''] : ['error', "SystemExit: #{e.status}"]
  rescue Interrupt => e
    tracer.disable
    $__oi_running = false
    OI_STDERR.write("Interrupt\n")
    ['interrupted', 'Interrupt']
  rescue Exception => e # rubocop:disable Lint/RescueException -- a cell's ScriptError or SignalException is its own failure
    tracer.disable
    $__oi_running = false
    __oi_report(e, filename)
    ['error', __oi_one_line(e)]
  end
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

    verb, fence, path = raw.chomp.split("\t")
    next unless verb == 'run' && path

    number += 1
    status, message = begin
      __oi_run_cell(number, path)
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
