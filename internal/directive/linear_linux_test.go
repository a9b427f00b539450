package directive

import (
	"syscall"
	"time"
)

// threadTime is the CPU time the calling OS thread has used
// (getrusage(RUSAGE_THREAD)): time spent waiting for a CPU is not in it.
func threadTime() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD, which package syscall does not name
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
